"""Gap-free document numbers per prefix and year (`PO-2026-000001`).

The counter row is incremented with INSERT .. ON CONFLICT DO UPDATE in the caller's transaction: its row
lock is held until commit, so concurrent documents queue for the next number and a rolled-back document
gives its number back. No sequence (sequences leave gaps on rollback).
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session


def counter_table(metadata: MetaData) -> Table:
    return Table(
        "document_counters", metadata,
        Column("prefix", String(16), primary_key=True),
        Column("year", Integer, primary_key=True),
        Column("last_number", BigInteger, nullable=False),
    )


def next_number(session: Session, counters: Table, prefix: str, year: int | None = None) -> str:
    year = year or datetime.now(timezone.utc).year
    statement = pg_insert(counters).values(prefix=prefix, year=year, last_number=1)
    statement = statement.on_conflict_do_update(
        index_elements=[counters.c.prefix, counters.c.year],
        set_={"last_number": counters.c.last_number + 1},
    ).returning(counters.c.last_number)
    number = session.execute(statement).scalar_one()
    return f"{prefix}-{year}-{number:06d}"
