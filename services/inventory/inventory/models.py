from decimal import Decimal

from sqlalchemy import Boolean, Column, Integer, Numeric, String, Table, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from erp_shared.masterdata import MasterRecordMixin
from erp_shared.messaging.tables import attach_messaging_tables


class Base(DeclarativeBase):
    pass


metadata = Base.metadata
outbox, inbox, idempotency_keys = attach_messaging_tables(metadata)


class Item(MasterRecordMixin, Base):
    __tablename__ = "items"
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    unit: Mapped[str] = mapped_column(String(20), nullable=False)
    item_type: Mapped[str] = mapped_column(String(20), nullable=False)
    reorder_level: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False, default=Decimal(0))
    reorder_quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False, default=Decimal(0))
    valuation_method: Mapped[str] = mapped_column(String(20), nullable=False, default="moving_average")


class Warehouse(MasterRecordMixin, Base):
    __tablename__ = "warehouses"
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    address: Mapped[str | None] = mapped_column(Text)


# Read models of other services' master data (kept by handlers.py from their events).
supplier_replica = Table(
    "supplier_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
)

department_replica = Table(
    "department_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
)

employee_replica = Table(
    "employee_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("employee_no", String(40), nullable=False),
    Column("full_name", String(200), nullable=False),
    Column("department_id", UUID(as_uuid=True)),
    Column("active", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
)
