import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

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


def test_the_stock_ledger_and_reservations_can_be_taken_back_and_replayed(scratch_database):
    url, engine = scratch_database
    upgrade("inventory", url)
    assert LEDGER | RESERVATIONS <= set(inspect(engine).get_table_names())
    assert ledger_key(engine) == ["move_type", "source_line_id", "batch_no"]
    command.downgrade(alembic_config("inventory", url), "0002")
    assert not RESERVATIONS & set(inspect(engine).get_table_names())
    assert ledger_key(engine) == ["move_type", "source_line_id"]
    command.downgrade(alembic_config("inventory", url), "0001")
    assert not LEDGER & set(inspect(engine).get_table_names())
    upgrade("inventory", url)
    assert LEDGER | RESERVATIONS <= set(inspect(engine).get_table_names())
