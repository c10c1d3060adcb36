from sqlalchemy import Boolean, CheckConstraint, Column, Integer, Numeric, String, Table
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from erp_shared.events.schemas.finance import ACCOUNT_TYPES
from erp_shared.masterdata import MasterRecordMixin
from erp_shared.messaging.tables import attach_messaging_tables


class Base(DeclarativeBase):
    pass


metadata = Base.metadata
outbox, inbox, idempotency_keys = attach_messaging_tables(metadata)


class Account(MasterRecordMixin, Base):
    """A general-ledger account; its number (`code`) places it in the chart and never changes type."""
    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("account_type IN ({})".format(", ".join(f"'{t}'" for t in ACCOUNT_TYPES)),
                        name="ck_accounts_account_type"),
    )
    code: Mapped[str] = mapped_column(String(20), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    account_type: Mapped[str] = mapped_column(String(20), nullable=False)


# Read models of other services' master data (kept by handlers.py from their events).
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

supplier_replica = Table(
    "supplier_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("payment_terms_days", Integer, nullable=False),
    Column("bank_account_name", String(200)),
    Column("bank_iban", String(200)),
    Column("bank_bic", String(200)),
    Column("active", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
)

customer_replica = Table(
    "customer_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("credit_rating", String(2), nullable=False),
    Column("credit_limit", Numeric(18, 2), nullable=False),
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
