from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Column, Integer, Numeric, String, Table
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from erp_shared.masterdata import MasterRecordMixin
from erp_shared.messaging.tables import attach_messaging_tables


class Base(DeclarativeBase):
    pass


metadata = Base.metadata
outbox, inbox, idempotency_keys = attach_messaging_tables(metadata)


class WorkCenter(MasterRecordMixin, Base):
    """A machine, line or team whose daily hours bound how much work can be scheduled on it."""
    __tablename__ = "work_centers"
    __table_args__ = (
        CheckConstraint("capacity_hours_per_day > 0 AND capacity_hours_per_day <= 24",
                        name="ck_work_centers_capacity_within_a_day"),
    )
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    capacity_hours_per_day: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)


# Read models of inventory's master data (kept by handlers.py from its events).
item_replica = Table(
    "item_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("unit", String(20), nullable=False),
    Column("item_type", String(20), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
)

warehouse_replica = Table(
    "warehouse_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
)
