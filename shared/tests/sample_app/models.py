from sqlalchemy import BigInteger, Boolean, Column, Integer, MetaData, String, Table
from sqlalchemy.dialects.postgresql import UUID

from erp_shared.messaging.tables import attach_messaging_tables

metadata = MetaData()
outbox, inbox, idempotency_keys = attach_messaging_tables(metadata)

effects = Table(
    "effects", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("code", String(40), nullable=False),
)

department_replica = Table(
    "department_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
)

switches = Table(
    "switches", metadata,
    Column("name", String(40), primary_key=True),
    Column("on", Boolean, nullable=False),
)
