"""Revision 0007: the kinds transfer_loss and count_adjustment can be taken back while no entry uses them, and
are not taken back past books that hold such entries."""
import re
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from erp_shared.manage import create_database, drop_database
from erp_shared.migrations import alembic_config, upgrade


@pytest.fixture()
def scratch_database(erp_infra):
    url = erp_infra.database_url("finance_adjustments_roundtrip")
    drop_database(url)
    create_database(url)
    engine = create_engine(url)
    yield url, engine
    engine.dispose()
    drop_database(url)


def kinds(engine) -> set[str]:
    with engine.connect() as connection:
        check = connection.execute(text("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                                        "WHERE conname = 'ck_journal_entries_kind'")).scalar_one()
    return set(re.findall(r"'([a-z_]+)'::", check))


def test_the_adjustment_kinds_come_and_go_with_the_revision(scratch_database):
    url, engine = scratch_database
    upgrade("finance", url)
    assert {"transfer_loss", "count_adjustment", "material_issue", "return_cost"} <= kinds(engine)
    command.downgrade(alembic_config("finance", url), "0006")
    assert not {"transfer_loss", "count_adjustment"} & kinds(engine) and "material_return" in kinds(engine)
    upgrade("finance", url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO journal_entries (id, entry_no, entry_date, kind, source_document, source_event_id, "
            "source_type, correlation_id, description) VALUES (:id, 'JE-2026-000001', '2026-12-02', "
            "'transfer_loss', 'TR-2026-000001', :event, 'inventory.transfer_received.v1', 'flow', 'lost')"),
            {"id": uuid.uuid4(), "event": uuid.uuid4()})
    with pytest.raises(RuntimeError, match="1 transfer loss or count adjustment"):
        command.downgrade(alembic_config("finance", url), "0006")
    assert "transfer_loss" in kinds(engine)
