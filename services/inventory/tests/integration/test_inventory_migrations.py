import uuid

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from erp_shared.manage import create_database, drop_database
from erp_shared.migrations import alembic_config, upgrade
from inventory.models import metadata

LEDGER = {"stock_moves", "stock_balances", "item_valuations"}
RESERVATIONS = {"order_reservations", "reservations"}


def test_the_migrations_build_exactly_the_models(app):
    with app.extensions["erp_db"].engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


@pytest.fixture()
def scratch_database(erp_infra):
    url = erp_infra.database_url("inventory_roundtrip")
    drop_database(url)
    create_database(url)
    engine = create_engine(url)
    yield url, engine
    engine.dispose()
    drop_database(url)


def ledger_key(engine) -> list[str]:
    [key] = [c for c in inspect(engine).get_unique_constraints("stock_moves")
             if c["name"] == "uq_stock_moves_source_line"]
    return key["column_names"]


def ledger_columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("stock_moves")}


def test_the_stock_ledger_and_reservations_can_be_taken_back_and_replayed(scratch_database):
    url, engine = scratch_database
    upgrade("inventory", url)
    assert LEDGER | RESERVATIONS <= set(inspect(engine).get_table_names())
    assert ledger_key(engine) == ["move_type", "source_line_id", "batch_no"]
    assert "delivery_line_id" in ledger_columns(engine)
    command.downgrade(alembic_config("inventory", url), "0003")
    assert "delivery_line_id" not in ledger_columns(engine)
    command.downgrade(alembic_config("inventory", url), "0002")
    assert not RESERVATIONS & set(inspect(engine).get_table_names())
    assert ledger_key(engine) == ["move_type", "source_line_id"]
    command.downgrade(alembic_config("inventory", url), "0001")
    assert not LEDGER & set(inspect(engine).get_table_names())
    upgrade("inventory", url)
    assert LEDGER | RESERVATIONS <= set(inspect(engine).get_table_names())


def test_a_ledger_holding_returns_is_not_taken_back_past_them(scratch_database):
    url, engine = scratch_database
    upgrade("inventory", url)
    item, store = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO items (id, code, name, unit, item_type, reorder_level, reorder_quantity, "
                                "valuation_method, active, version) VALUES (:id, 'RM-1', 'Steel', 'kg', "
                                "'raw_material', 0, 0, 'moving_average', true, 1)"), {"id": item})
        connection.execute(text("INSERT INTO warehouses (id, code, name, active, version) "
                                "VALUES (:id, 'WH-1', 'Main', true, 1)"), {"id": store})
        returned = {"id": uuid.uuid4(), "item": item, "store": store, "line": uuid.uuid4(), "event": uuid.uuid4()}
        insert = ("INSERT INTO stock_moves (id, item_id, warehouse_id, quantity, unit_cost, value, move_type, "
                  "source_document, source_line_id, delivery_line_id, source_event_id, moved_at) VALUES (:id, "
                  ":item, :store, 1, 2.5, 2.5, :move_type, 'RET-1', :line, :delivery_line, :event, now())")
        with pytest.raises(IntegrityError, match="ck_stock_moves_return_names_delivery_line"):
            with connection.begin_nested():
                connection.execute(text(insert), {**returned, "move_type": "return", "delivery_line": None})
        connection.execute(text(insert), {**returned, "move_type": "return", "delivery_line": uuid.uuid4()})
    with pytest.raises(RuntimeError, match=r"1 return row\(s\) in the stock ledger"):
        command.downgrade(alembic_config("inventory", url), "0003")
    assert "delivery_line_id" in ledger_columns(engine)
