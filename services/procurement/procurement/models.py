import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Table,
                        Text, UniqueConstraint, func)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from erp_shared.masterdata import MasterRecordMixin, search_indexes
from erp_shared.messaging.tables import attach_messaging_tables
from erp_shared.numbering import counter_table


class Base(DeclarativeBase):
    pass


metadata = Base.metadata
outbox, inbox, idempotency_keys = attach_messaging_tables(metadata)


class Supplier(MasterRecordMixin, Base):
    __tablename__ = "suppliers"
    __table_args__ = search_indexes("suppliers", "code", "name")
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    payment_terms_days: Mapped[int] = mapped_column(Integer, nullable=False, default=30)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    bank_account_name: Mapped[str | None] = mapped_column(String(200))
    bank_iban: Mapped[str | None] = mapped_column(String(34))
    bank_bic: Mapped[str | None] = mapped_column(String(11))


# Read models of inventory's master data (kept by handlers.py from its events).
item_replica = Table(
    "item_replica", metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("unit", String(20), nullable=False),
    Column("item_type", String(20), nullable=False),
    Column("reorder_level", Numeric(18, 4), nullable=False),
    Column("reorder_quantity", Numeric(18, 4), nullable=False),
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

# Projection of inventory's stock per item (from inventory.stock_level_changed.v1), for purchase planning.
item_stock = Table(
    "item_stock", metadata,
    Column("item_id", UUID(as_uuid=True), primary_key=True),
    Column("on_hand", Numeric(18, 4), nullable=False),
    Column("sequence", Integer, nullable=False),
)

document_counters = counter_table(metadata)


class ProcurementSettings(Base):
    """One row: the policy numbers purchasing managers tune (changed through the API, not the code)."""
    __tablename__ = "procurement_settings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    approval_threshold: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False, default=Decimal("10000.00"))
    over_receipt_tolerance_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False, default=Decimal(0))
    price_tolerance_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False, default=Decimal("2.00"))
    quantity_tolerance_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False, default=Decimal(0))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    __table_args__ = (CheckConstraint("id = 1", name="ck_procurement_settings_single_row"),)


class PurchaseRequisition(Base):
    __tablename__ = "purchase_requisitions"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    needed_by: Mapped[date | None] = mapped_column(Date)
    origin: Mapped[str] = mapped_column(String(20), nullable=False)  # reorder | manual
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")  # open | ordered | cancelled
    purchase_order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("purchase_orders.id"))
    requested_by: Mapped[str] = mapped_column(String(200), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_requisition_quantity_positive"),)


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(24), nullable=False, default="draft", index=True)
    order_date: Mapped[date] = mapped_column(Date, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    total_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False, default=Decimal(0))
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)        # principal subject
    created_by_name: Mapped[str] = mapped_column(String(200), nullable=False)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str | None] = mapped_column(String(200))
    approved_by_name: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now(),
                                                 onupdate=lambda: datetime.now(timezone.utc))
    lines: Mapped[list["PurchaseOrderLine"]] = relationship(back_populates="order", order_by="PurchaseOrderLine.line_no",
                                                            cascade="all, delete-orphan")


class PurchaseOrderLine(Base):
    """Received/accepted/rejected/invoiced running totals live on the line: every receipt and invoice locks the
    line (SELECT .. FOR UPDATE) and checks them, so concurrent receipts can never over-receive."""
    __tablename__ = "purchase_order_lines"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    purchase_order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("purchase_orders.id"), nullable=False, index=True)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    line_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    expected_date: Mapped[date | None] = mapped_column(Date)
    quality_standard: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    quantity_received: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False, default=Decimal(0))
    quantity_accepted: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False, default=Decimal(0))
    quantity_rejected: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False, default=Decimal(0))
    quantity_invoiced: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False, default=Decimal(0))
    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")
    __table_args__ = (
        UniqueConstraint("purchase_order_id", "line_no", name="uq_po_line_no"),
        CheckConstraint("quantity > 0", name="ck_po_line_quantity_positive"),
        CheckConstraint("unit_price >= 0", name="ck_po_line_price_not_negative"),
        CheckConstraint("quantity_accepted >= 0 AND quantity_rejected >= 0 AND quantity_invoiced >= 0",
                        name="ck_po_line_running_totals_not_negative"),
    )


class GoodsReceipt(Base):
    __tablename__ = "goods_receipts"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    purchase_order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("purchase_orders.id"), nullable=False, index=True)
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id"), nullable=False, index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    received_by: Mapped[str] = mapped_column(String(200), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    total_accepted_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    lines: Mapped[list["GoodsReceiptLine"]] = relationship(back_populates="receipt", cascade="all, delete-orphan")


class GoodsReceiptLine(Base):
    __tablename__ = "goods_receipt_lines"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    receipt_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("goods_receipts.id"), nullable=False, index=True)
    po_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("purchase_order_lines.id"), nullable=False, index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    batch_no: Mapped[str | None] = mapped_column(String(60))
    quantity_received: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    quantity_accepted: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    quantity_rejected: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    accepted_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    expected_date: Mapped[date | None] = mapped_column(Date)
    days_late: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    receipt: Mapped[GoodsReceipt] = relationship(back_populates="lines")
    __table_args__ = (
        CheckConstraint("quantity_received = quantity_accepted + quantity_rejected",
                        name="ck_receipt_line_received_is_accepted_plus_rejected"),
        CheckConstraint("quantity_accepted >= 0 AND quantity_rejected >= 0 AND quantity_received > 0",
                        name="ck_receipt_line_quantities"),
    )


class SupplierInvoice(Base):
    __tablename__ = "supplier_invoices"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    supplier_invoice_ref: Mapped[str] = mapped_column(String(60), nullable=False)
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id"), nullable=False, index=True)
    purchase_order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("purchase_orders.id"), nullable=False, index=True)
    invoice_date: Mapped[date] = mapped_column(Date, nullable=False)
    due_date: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)  # exception | posted | rejected | paid
    exceptions: Mapped[list | None] = mapped_column(JSONB)  # why the match failed, per line
    grni_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    price_variance: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    total_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    amount_paid: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False, default=Decimal(0))
    entered_by: Mapped[str] = mapped_column(String(200), nullable=False)
    approved_by: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    posted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    lines: Mapped[list["SupplierInvoiceLine"]] = relationship(back_populates="invoice", cascade="all, delete-orphan")
    __table_args__ = (
        UniqueConstraint("supplier_id", "supplier_invoice_ref", name="uq_supplier_invoice_ref"),
        CheckConstraint("amount_paid >= 0 AND amount_paid <= total_amount", name="ck_invoice_paid_within_total"),
    )


class SupplierInvoiceLine(Base):
    __tablename__ = "supplier_invoice_lines"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supplier_invoices.id"), nullable=False, index=True)
    po_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("purchase_order_lines.id"), nullable=False, index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    po_unit_price: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    grni_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    price_variance: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    invoice: Mapped[SupplierInvoice] = relationship(back_populates="lines")
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_invoice_line_quantity_positive"),)


class SupplierPayment(Base):
    __tablename__ = "supplier_payments"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id"), nullable=False, index=True)
    paid_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    reference: Mapped[str | None] = mapped_column(String(100))
    paid_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    allocations: Mapped[list["PaymentAllocation"]] = relationship(back_populates="payment", cascade="all, delete-orphan")
    __table_args__ = (CheckConstraint("amount > 0", name="ck_payment_amount_positive"),)


class PaymentAllocation(Base):
    __tablename__ = "payment_allocations"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supplier_payments.id"), nullable=False, index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supplier_invoices.id"), nullable=False, index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    payment: Mapped[SupplierPayment] = relationship(back_populates="allocations")
    __table_args__ = (CheckConstraint("amount > 0", name="ck_allocation_amount_positive"),)
