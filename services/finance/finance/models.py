import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, ForeignKeyConstraint, Index,
                        Integer, Numeric, String, Table, Text, UniqueConstraint, func)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from erp_shared.events.schemas.finance import ACCOUNT_TYPES
from erp_shared.masterdata import MasterRecordMixin
from erp_shared.messaging.tables import attach_messaging_tables
from erp_shared.numbering import counter_table

from .journal import KINDS


class Base(DeclarativeBase):
    pass


metadata = Base.metadata
outbox, inbox, idempotency_keys = attach_messaging_tables(metadata)
document_counters = counter_table(metadata)


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


def _one_of(column: str, values) -> str:
    return "{} IN ({})".format(column, ", ".join(f"'{v}'" for v in values))


class JournalEntry(Base):
    """A posted entry. Never updated or deleted: a correction is another entry. (kind, source_document) is the
    business key, so a document is posted once however often its event arrives, inbox or no inbox."""
    __tablename__ = "journal_entries"
    __table_args__ = (
        UniqueConstraint("kind", "source_document", name="uq_journal_entries_kind_source_document"),
        CheckConstraint(_one_of("kind", KINDS), name="ck_journal_entries_kind"),
        Index("ix_journal_entries_entry_date", "entry_date"),
        Index("ix_journal_entries_source_document", "source_document"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    entry_no: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    source_document: Mapped[str] = mapped_column(String(64), nullable=False)
    source_event_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    source_type: Mapped[str] = mapped_column(String(200), nullable=False)
    correlation_id: Mapped[str] = mapped_column(String(128), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    supplier_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    customer_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    lines: Mapped[list["JournalLine"]] = relationship(order_by="JournalLine.line_no", lazy="raise")


class JournalLine(Base):
    __tablename__ = "journal_lines"
    __table_args__ = (
        CheckConstraint("debit >= 0 AND credit >= 0 AND (debit > 0) <> (credit > 0)",
                        name="ck_journal_lines_one_side"),
        Index("ix_journal_lines_account_code", "account_code"),
    )
    entry_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("journal_entries.id"),
                                                primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_code: Mapped[str] = mapped_column(String(20), ForeignKey("accounts.code"), nullable=False)
    debit: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    credit: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    supplier_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    customer_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    memo: Mapped[str | None] = mapped_column(Text)


class ApLedgerEntry(Base):
    """The AP subledger: one row per payables line of the journal (the line it mirrors is its key), signed as
    what the supplier is owed: + invoice, − payment."""
    __tablename__ = "ap_ledger_entries"
    __table_args__ = (
        ForeignKeyConstraint(["entry_id", "line_no"], ["journal_lines.entry_id", "journal_lines.line_no"],
                             name="fk_ap_ledger_entries_journal_line"),
        CheckConstraint(_one_of("kind", KINDS), name="ck_ap_ledger_entries_kind"),
        Index("ix_ap_ledger_entries_supplier_id", "supplier_id"),
    )
    entry_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    document: Mapped[str] = mapped_column(String(64), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)


class ArLedgerEntry(Base):
    """The AR subledger: one row per receivables line of the journal (the line it mirrors is its key), signed
    as what the customer owes: + invoice, − credit note, − payment."""
    __tablename__ = "ar_ledger_entries"
    __table_args__ = (
        ForeignKeyConstraint(["entry_id", "line_no"], ["journal_lines.entry_id", "journal_lines.line_no"],
                             name="fk_ar_ledger_entries_journal_line"),
        CheckConstraint(_one_of("kind", KINDS), name="ck_ar_ledger_entries_kind"),
        Index("ix_ar_ledger_entries_customer_id", "customer_id"),
    )
    entry_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    document: Mapped[str] = mapped_column(String(64), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)


class DepartmentExpenseAccount(Base):
    """The expense account a department's material consumption is posted to; a department without a row posts
    to the default (6200 Materials consumed). Finance owns the chart, so the setting lives here."""
    __tablename__ = "department_expense_accounts"
    department_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    account_code: Mapped[str] = mapped_column(String(20), ForeignKey("accounts.code"), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)


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
