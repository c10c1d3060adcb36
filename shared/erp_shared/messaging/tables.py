"""The outbox and inbox tables every service database holds, defined once for all of them."""
from __future__ import annotations

from sqlalchemy import BigInteger, Integer, Column, DateTime, Index, MetaData, String, Table, Text, func, text
from sqlalchemy.dialects.postgresql import UUID

OUTBOX_CHANNEL = "erp_outbox"


def outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox", metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("correlation_id", String(128), nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("status", String(16), nullable=False, server_default="pending"),
        Column("published_at", DateTime(timezone=True)),
        Index("ix_outbox_pending", "id", postgresql_where=text("status = 'pending'")),
        Index("ix_outbox_published_at", "published_at"),
    )


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox", metadata,
        Column("event_id", UUID(as_uuid=True), primary_key=True),
        Column("event_type", String(200), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def idempotency_table(metadata: MetaData) -> Table:
    """Stored answers to creates that carried an `Idempotency-Key`, so a client retry creates nothing new."""
    return Table(
        "idempotency_keys", metadata,
        Column("key", String(200), primary_key=True),
        Column("subject", String(200), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("status", Integer, nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def attach_messaging_tables(metadata: MetaData) -> tuple[Table, Table, Table]:
    """Put outbox, inbox and idempotency keys on a service's metadata so migrations and queries see them."""
    return outbox_table(metadata), inbox_table(metadata), idempotency_table(metadata)


def create_messaging_tables(op) -> None:
    """For a service's first alembic migration: the same tables, created through `op`."""
    scratch = MetaData()
    for table in attach_messaging_tables(scratch):
        op.create_table(table.name, *[column._copy() for column in table.columns])
        for index in table.indexes:
            op.create_index(index.name, table.name, [c.name for c in index.columns], **index.dialect_kwargs)
