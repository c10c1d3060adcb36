"""Revision 0006: the in-transit location, the transfer and count tables and the count frequencies can be taken
back and replayed on an empty ledger, and are not taken back past a ledger that already moved stock through
them."""
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from erp_shared.manage import create_database, drop_database
from erp_shared.migrations import alembic_config, upgrade
from inventory.transit import IN_TRANSIT_ID

TABLES = {"transfers", "transfer_lines", "transfer_parts", "cycle_counts", "cycle_count_lines",
          "inventory_settings"}


@pytest.fixture()
def scratch_database(erp_infra):
    url = erp_infra.database_url("inventory_transfers_roundtrip")
    drop_database(url)
    create_database(url)
    engine = create_engine(url)
    yield url, engine
    engine.dispose()
    drop_database(url)


def transit_row(engine):
    with engine.connect() as connection:
        return connection.execute(text("SELECT code, name, active FROM warehouses WHERE id = :id"),
                                  {"id": IN_TRANSIT_ID}).first()


def test_transfers_and_counts_can_be_taken_back_and_replayed(scratch_database):
    url, engine = scratch_database
    upgrade("inventory", url)
    assert TABLES <= set(inspect(engine).get_table_names())
    assert tuple(transit_row(engine)) == ("IN-TRANSIT", "Goods in transit", False)
    with engine.connect() as connection:
        assert tuple(connection.execute(text(
            "SELECT count_frequency_a_days, count_frequency_b_days, count_frequency_c_days "
            "FROM inventory_settings")).one()) == (30, 90, 180)
    command.downgrade(alembic_config("inventory", url), "0005")
    assert not TABLES & set(inspect(engine).get_table_names())
    assert transit_row(engine) is None
    upgrade("inventory", url)
    assert TABLES <= set(inspect(engine).get_table_names()) and transit_row(engine) is not None


def test_a_ledger_that_moved_stock_in_transit_is_not_taken_back(scratch_database):
    url, engine = scratch_database
    upgrade("inventory", url)
    item = uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO items (id, code, name, unit, item_type, reorder_level, reorder_quantity, "
                                "valuation_method, active, version) VALUES (:id, 'RM-1', 'Steel', 'kg', "
                                "'raw_material', 0, 0, 'moving_average', true, 1)"), {"id": item})
        connection.execute(text("INSERT INTO stock_moves (id, item_id, warehouse_id, quantity, unit_cost, value, "
                                "move_type, source_document, source_line_id, source_event_id, moved_at) VALUES "
                                "(:id, :item, :transit, 1, 2.5, 2.5, 'transfer_out', 'TR-1', :line, :event, now())"),
                           {"id": uuid.uuid4(), "item": item, "transit": IN_TRANSIT_ID, "line": uuid.uuid4(),
                            "event": uuid.uuid4()})
    with pytest.raises(RuntimeError, match=r"1 transfer or count row\(s\) in the stock ledger"):
        command.downgrade(alembic_config("inventory", url), "0005")
    assert TABLES <= set(inspect(engine).get_table_names())
