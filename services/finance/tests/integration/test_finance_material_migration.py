"""Revision 0006 seeds 6200 only where the chart has none, and is not taken back past material postings."""
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from erp_shared.manage import create_database, drop_database
from erp_shared.migrations import alembic_config, upgrade


@pytest.fixture()
def scratch_database(erp_infra):
    url = erp_infra.database_url("finance_material_roundtrip")
    drop_database(url)
    create_database(url)
    engine = create_engine(url)
    yield url, engine
    engine.dispose()
    drop_database(url)


def scalar(engine, sql, **params):
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar_one()


def test_an_existing_6200_is_kept_and_nothing_is_seeded_over_it(scratch_database):
    url, engine = scratch_database
    upgrade("finance", url, "0005")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO accounts (id, code, name, account_type, active, version) "
                                "VALUES (:id, '6200', 'Shop supplies', 'expense', true, 3)"), {"id": uuid.uuid4()})
    upgrade("finance", url)
    assert scalar(engine, "SELECT name FROM accounts WHERE code = '6200'") == "Shop supplies"
    assert scalar(engine, "SELECT count(*) FROM outbox WHERE correlation_id = 'migration-0006'") == 0
    command.downgrade(alembic_config("finance", url), "0005")
    assert scalar(engine, "SELECT name FROM accounts WHERE code = '6200'") == "Shop supplies"


def test_books_holding_material_postings_are_not_taken_back_past_them(scratch_database):
    url, engine = scratch_database
    upgrade("finance", url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO journal_entries (id, entry_no, entry_date, kind, source_document, source_event_id, "
            "source_type, correlation_id, description) VALUES (:id, 'JE-2026-000001', '2026-03-02', "
            "'material_issue', 'MI-2026-000001', :event, 'inventory.material_issued.v1', 'flow', 'issue')"),
            {"id": uuid.uuid4(), "event": uuid.uuid4()})
    with pytest.raises(RuntimeError, match=r"1 material issue or return entr\(ies\) in the journal"):
        command.downgrade(alembic_config("finance", url), "0005")
    assert "department_expense_accounts" in inspect(engine).get_table_names()
