"""Local read models of another service's master data, kept from its snapshot events.

Every master-data event carries the whole record and the aggregate's version as `sequence`, so applying
one is an upsert that only wins if it is newer: duplicates and out-of-order deliveries change nothing.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from .errors import PermanentEventError
from .events import Envelope


def apply_snapshot(session: Session, table: Table, data: dict, sequence: int) -> bool:
    """Returns True when the snapshot was newer than what the read model held."""
    values = {name: data[name] for name in table.c.keys() if name in data}
    values["sequence"] = sequence
    statement = pg_insert(table).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.id],
        set_={name: statement.excluded[name] for name in values if name != "id"},
        where=table.c.sequence < statement.excluded.sequence,
    )
    return session.execute(statement).rowcount == 1


def replicate_into(table: Table) -> Callable[[Session, Envelope, dict], None]:
    """A consumer handler that keeps `table` in step with the producer's records."""
    def handler(session: Session, event: Envelope, data: dict) -> None:
        if event.sequence is None:
            raise PermanentEventError(f"{event.type} carries no sequence; a snapshot needs one")
        apply_snapshot(session, table, data, event.sequence)
    handler.__name__ = f"replicate_into_{table.name}"
    return handler
