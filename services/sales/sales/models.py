import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Table,
                        Text, UniqueConstraint, func)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from erp_shared.masterdata import MasterRecordMixin, search_indexes
from erp_shared.messaging.tables import attach_messaging_tables
from erp_shared.numbering import counter_table


class Base(DeclarativeBase):
    pass


metadata = Base.metadata
outbox, inbox, idempotency_keys = attach_messaging_tables(metadata)
document_counters = counter_table(metadata)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _money() -> Mapped[Decimal]:
    return mapped_column(Numeric(18, 2), nullable=False, default=Decimal("0.00"))


def _quantity() -> Mapped[Decimal]:
    return mapped_column(Numeric(18, 4), nullable=False, default=Decimal("0.0000"))


class Customer(MasterRecordMixin, Base):
    __tablename__ = "customers"
    __table_args__ = search_indexes("customers", "code", "name")
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    credit_rating: Mapped[str] = mapped_column(String(1), nullable=False, default="B")
    credit_limit: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)


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


class SalesOrder(Base):
    """The order and its saga bookkeeping: when the reservation was requested, how often it was re-sent, and
    the newest reservation state inventory reported (`reservation_sequence`), so a stale reply is ignored."""
    __tablename__ = "sales_orders"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(24), nullable=False, default="draft", index=True)
    order_date: Mapped[date] = mapped_column(Date, nullable=False)
    requested_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    net_total: Mapped[Decimal] = _money()
    tax_total: Mapped[Decimal] = _money()
    total_amount: Mapped[Decimal] = _money()
    invoiced_amount: Mapped[Decimal] = _money()
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)          # principal subject
    created_by_name: Mapped[str] = mapped_column(String(200), nullable=False)
    confirmed_by: Mapped[str | None] = mapped_column(String(200))
    confirmed_by_name: Mapped[str | None] = mapped_column(String(200))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    credit_exposure: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))   # as checked on confirmation
    credit_limit: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    credit_released_by: Mapped[str | None] = mapped_column(String(200))
    credit_released_by_name: Mapped[str | None] = mapped_column(String(200))
    credit_released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    correlation_id: Mapped[str | None] = mapped_column(String(128))  # the flow that asked for the reservation
    reservation_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reservation_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reservation_resends: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    reservation_status: Mapped[str | None] = mapped_column(String(24))
    reservation_sequence: Mapped[int | None] = mapped_column(Integer)
    reservation_replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now(),
                                                 onupdate=_now)
    lines: Mapped[list["SalesOrderLine"]] = relationship(back_populates="order", order_by="SalesOrderLine.line_no",
                                                         cascade="all, delete-orphan")
    __table_args__ = (CheckConstraint("invoiced_amount >= 0", name="ck_sales_order_invoiced_not_negative"),)


class SalesOrderLine(Base):
    """Reserved, backordered and issued quantities are inventory's newest report; delivered and invoiced are
    sales' own running totals, changed only under the order's row locks."""
    __tablename__ = "sales_order_lines"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    sales_order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales_orders.id"), nullable=False, index=True)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    discount_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    net_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    tax_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    quantity_reserved: Mapped[Decimal] = _quantity()
    quantity_backordered: Mapped[Decimal] = _quantity()
    quantity_issued: Mapped[Decimal] = _quantity()
    quantity_delivered: Mapped[Decimal] = _quantity()
    quantity_invoiced: Mapped[Decimal] = _quantity()
    order: Mapped[SalesOrder] = relationship(back_populates="lines")
    __table_args__ = (
        UniqueConstraint("sales_order_id", "line_no", name="uq_sales_order_line_no"),
        CheckConstraint("quantity > 0", name="ck_so_line_quantity_positive"),
        CheckConstraint("unit_price >= 0", name="ck_so_line_price_not_negative"),
        CheckConstraint("discount_pct BETWEEN 0 AND 100 AND tax_rate BETWEEN 0 AND 100", name="ck_so_line_percentages"),
        CheckConstraint("quantity_delivered >= 0 AND quantity_delivered <= quantity", name="ck_so_line_delivered"),
        CheckConstraint("quantity_invoiced >= 0 AND quantity_invoiced <= quantity_delivered",
                        name="ck_so_line_invoiced_within_delivered"),
    )


class Delivery(Base):
    __tablename__ = "deliveries"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    sales_order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales_orders.id"), nullable=False, index=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), nullable=False, index=True)
    delivered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    delivered_by: Mapped[str] = mapped_column(String(200), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    lines: Mapped[list["DeliveryLine"]] = relationship(back_populates="delivery", order_by="DeliveryLine.line_no",
                                                       cascade="all, delete-orphan")


class DeliveryLine(Base):
    """`cost` is what inventory reported issuing the line at (inventory.stock_issued.v1): the COGS of margin.
    `quantity_returned` is the running total of its returns, changed only under the delivery's row locks."""
    __tablename__ = "delivery_lines"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    delivery_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deliveries.id"), nullable=False, index=True)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    order_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales_order_lines.id"), nullable=False, index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    unit_cost: Mapped[Decimal | None] = mapped_column(Numeric(18, 6))
    cost: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    cost_recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    quantity_returned: Mapped[Decimal] = _quantity()
    delivery: Mapped[Delivery] = relationship(back_populates="lines")
    __table_args__ = (
        CheckConstraint("quantity > 0", name="ck_delivery_line_quantity_positive"),
        CheckConstraint("quantity_returned >= 0 AND quantity_returned <= quantity",
                        name="ck_delivery_line_returned_within_delivered"),
    )


class GoodsReturn(Base):
    """Delivered goods the customer sent back against one delivery note. It changes neither the order's
    delivered quantities nor its invoicing: money goes back only through a credit note."""
    __tablename__ = "goods_returns"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    delivery_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deliveries.id"), nullable=False, index=True)
    sales_order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales_orders.id"), nullable=False, index=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), nullable=False, index=True)
    returned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    reason: Mapped[str] = mapped_column(String(500), nullable=False)
    returned_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    lines: Mapped[list["GoodsReturnLine"]] = relationship(
        back_populates="goods_return", order_by="GoodsReturnLine.line_no", cascade="all, delete-orphan")


class GoodsReturnLine(Base):
    """`cost` is what inventory reported taking the goods back at (inventory.stock_returned.v1), netted off the
    delivery's COGS for margin; `returned_at` repeats the header's so a period's returned cost needs no join."""
    __tablename__ = "goods_return_lines"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    return_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("goods_returns.id"), nullable=False, index=True)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    delivery_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("delivery_lines.id"), nullable=False, index=True)
    order_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales_order_lines.id"), nullable=False, index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    returned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    unit_cost: Mapped[Decimal | None] = mapped_column(Numeric(18, 6))
    cost: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    cost_recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    goods_return: Mapped[GoodsReturn] = relationship(back_populates="lines")
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_goods_return_line_quantity_positive"),)


class Invoice(Base):
    """`amount_paid` and `amount_credited` are the running totals of the payments allocated to it and of its
    credit notes, changed only under its row lock; what is still open is the total less both."""
    __tablename__ = "invoices"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), nullable=False, index=True)
    sales_order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales_orders.id"), nullable=False, index=True)
    invoice_date: Mapped[date] = mapped_column(Date, nullable=False)
    due_date: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)  # open | paid
    net_total: Mapped[Decimal] = _money()
    tax_total: Mapped[Decimal] = _money()
    total_amount: Mapped[Decimal] = _money()
    amount_paid: Mapped[Decimal] = _money()
    amount_credited: Mapped[Decimal] = _money()
    issued_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    lines: Mapped[list["InvoiceLine"]] = relationship(back_populates="invoice", order_by="InvoiceLine.line_no",
                                                      cascade="all, delete-orphan")
    __table_args__ = (
        CheckConstraint("total_amount = net_total + tax_total", name="ck_invoice_total_is_net_plus_tax"),
        CheckConstraint("amount_paid >= 0 AND amount_credited >= 0 AND amount_paid + amount_credited <= total_amount",
                        name="ck_invoice_settled_within_total"),
        CheckConstraint("due_date >= invoice_date", name="ck_invoice_due_after_issue"),
    )


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), nullable=False, index=True)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    order_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales_order_lines.id"), nullable=False, index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    discount_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    net_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    tax_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    invoice: Mapped[Invoice] = relationship(back_populates="lines")
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_invoice_line_quantity_positive"),)


class CustomerPayment(Base):
    __tablename__ = "customer_payments"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), nullable=False, index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    reference: Mapped[str | None] = mapped_column(String(100))
    received_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    allocations: Mapped[list["CustomerPaymentAllocation"]] = relationship(
        back_populates="payment", order_by="CustomerPaymentAllocation.line_no", cascade="all, delete-orphan")
    __table_args__ = (CheckConstraint("amount > 0", name="ck_customer_payment_amount_positive"),)


class CustomerPaymentAllocation(Base):
    __tablename__ = "customer_payment_allocations"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer_payments.id"), nullable=False, index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), nullable=False, index=True)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    payment: Mapped[CustomerPayment] = relationship(back_populates="allocations")
    __table_args__ = (CheckConstraint("amount > 0", name="ck_customer_allocation_amount_positive"),)


class CreditNote(Base):
    """Takes back (part of) one invoice at the invoice's own prices; like an invoice it never changes once
    issued."""
    __tablename__ = "credit_notes"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), nullable=False, index=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), nullable=False, index=True)
    credit_date: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(String(500), nullable=False)
    net_total: Mapped[Decimal] = _money()
    tax_total: Mapped[Decimal] = _money()
    total_amount: Mapped[Decimal] = _money()
    issued_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    lines: Mapped[list["CreditNoteLine"]] = relationship(
        back_populates="credit_note", order_by="CreditNoteLine.line_no", cascade="all, delete-orphan")
    __table_args__ = (
        CheckConstraint("total_amount = net_total + tax_total", name="ck_credit_note_total_is_net_plus_tax"),
        CheckConstraint("net_total >= 0 AND tax_total >= 0 AND total_amount > 0", name="ck_credit_note_amounts"),
    )


class CreditNoteLine(Base):
    """One credited invoice line: its price, discount and tax rate copied from the invoice line."""
    __tablename__ = "credit_note_lines"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    credit_note_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("credit_notes.id"), nullable=False, index=True)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    invoice_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoice_lines.id"), nullable=False, index=True)
    order_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales_order_lines.id"), nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    discount_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    net_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    tax_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    credit_note: Mapped[CreditNote] = relationship(back_populates="lines")
    __table_args__ = (
        CheckConstraint("quantity > 0", name="ck_credit_note_line_quantity_positive"),
        CheckConstraint("net_amount >= 0 AND tax_amount >= 0", name="ck_credit_note_line_amounts_not_negative"),
    )
