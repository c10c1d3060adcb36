"""Revision 0005 can be taken back while no material has moved, and refuses once the ledger holds material
issues: their documents would be gone."""
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from erp_shared.manage import create_database, drop_database
from erp_shared.migrations import alembic_config, upgrade

TABLES = {"document_counters", "material_requisitions", "material_requisition_lines", "material_issues",
          "material_issue_lines", "material_returns", "material_return_lines"}


@pytest.fixture()
def scratch_database(erp_infra):
    url = erp_infra.database_url("inventory_requisitions_roundtrip")
    drop_database(url)
    create_database(url)
    engine = create_engine(url)
    yield url, engine
    engine.dispose()
    drop_database(url)


def test_requisitions_can_be_taken_back_and_replayed(scratch_database):
    url, engine = scratch_database
    upgrade("inventory", url)
    assert TABLES <= set(inspect(engine).get_table_names())
    command.downgrade(alembic_config("inventory", url), "0004")
    assert not TABLES & set(inspect(engine).get_table_names())
    upgrade("inventory", url)
    assert TABLES <= set(inspect(engine).get_table_names())


def test_a_ledger_holding_material_issues_is_not_taken_back_past_them(scratch_database):
    url, engine = scratch_database
    upgrade("inventory", url)
    item, store = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO items (id, code, name, unit, item_type, reorder_level, reorder_quantity, "
                                "valuation_method, active, version) VALUES (:id, 'RM-1', 'Steel', 'kg', "
                                "'raw_material', 0, 0, 'moving_average', true, 1)"), {"id": item})
        connection.execute(text("INSERT INTO warehouses (id, code, name, active, version) "
                                "VALUES (:id, 'WH-1', 'Main', true, 1)"), {"id": store})
        connection.execute(text(
            "INSERT INTO stock_moves (id, item_id, warehouse_id, quantity, unit_cost, value, move_type, "
            "source_document, source_line_id, source_event_id, moved_at) VALUES (:id, :item, :store, -1, 2.5, "
            "-2.5, 'material_issue', 'MI-2026-000001', :line, :event, now())"),
            {"id": uuid.uuid4(), "item": item, "store": store, "line": uuid.uuid4(), "event": uuid.uuid4()})
    with pytest.raises(RuntimeError, match=r"1 material issue or return row\(s\) in the stock ledger"):
        command.downgrade(alembic_config("inventory", url), "0004")
    assert TABLES <= set(inspect(engine).get_table_names())
