import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, Index, Integer, Numeric, String,
                        Table, Text, UniqueConstraint, func, text)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from erp_shared.masterdata import MasterRecordMixin, search_indexes
from erp_shared.messaging.tables import attach_messaging_tables
from erp_shared.numbering import counter_table

from .allocation import LINE_STATUSES, ORDER_STATUSES, LineReservation, RELEASED
from .domain import Valuation
from .count_domain import CLASSES, COUNT_STATUSES, DEFAULT_FREQUENCY_DAYS, SCOPES
from .transfer_domain import TRANSFER_STATUSES
from .requisition_domain import STATUSES as REQUISITION_STATUSES


class Base(DeclarativeBase):
    pass


metadata = Base.metadata
outbox, inbox, idempotency_keys = attach_messaging_tables(metadata)
document_counters = counter_table(metadata)


class Item(MasterRecordMixin, Base):
    __tablename__ = "items"
    __table_args__ = search_indexes("items", "code", "name")
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


class StockMove(Base):
    """One immutable line of the stock ledger. The business key (move type, source line, batch) books a source
    line once per batch even if its event slipped past the inbox (a delivery line issued from two batches is two
    rows); balances and valuations are kept from these rows. A return also names the delivery line its goods
    came back from, so the ledger itself tells how much of an issue has come back, and at what cost."""
    __tablename__ = "stock_moves"
    __table_args__ = (
        UniqueConstraint("move_type", "source_line_id", "batch_no", name="uq_stock_moves_source_line",
                         postgresql_nulls_not_distinct=True),
        CheckConstraint("quantity <> 0", name="ck_stock_moves_quantity_nonzero"),
        CheckConstraint("(move_type = 'return') = (delivery_line_id IS NOT NULL)",
                        name="ck_stock_moves_return_names_delivery_line"),
        Index("ix_stock_moves_delivery_line", "delivery_line_id",
              postgresql_where=text("delivery_line_id IS NOT NULL")),
        Index("ix_stock_moves_item_moved_at", "item_id", "moved_at"),
        Index("ix_stock_moves_warehouse_moved_at", "warehouse_id", "moved_at"),
        Index("ix_stock_moves_source_document", "source_document"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), nullable=False)
    batch_no: Mapped[str | None] = mapped_column(String(60))
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)      # signed: + in, - out
    unit_cost: Mapped[Decimal] = mapped_column(Numeric(18, 6), nullable=False)
    value: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)         # signed like the quantity
    move_type: Mapped[str] = mapped_column(String(20), nullable=False)
    source_document: Mapped[str] = mapped_column(String(40), nullable=False)
    source_line_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    delivery_line_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))     # returns only
    source_event_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    moved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


class StockBalance(Base):
    """On hand per item, warehouse and batch. No batch is stored as '' so it can be part of the key."""
    __tablename__ = "stock_balances"
    __table_args__ = (CheckConstraint("on_hand >= 0", name="ck_stock_balances_on_hand"),)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), primary_key=True)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), primary_key=True)
    batch_no: Mapped[str] = mapped_column(String(60), primary_key=True, default="")
    on_hand: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False, default=Decimal(0))


class ItemValuation(Base):
    """An item's stock over all warehouses at moving average cost. Every movement locks this row first, so it
    also serialises changes to the item's balances; `movement_count` is the stock-level event's sequence."""
    __tablename__ = "item_valuations"
    __table_args__ = (
        CheckConstraint("on_hand >= 0", name="ck_item_valuations_on_hand"),
        CheckConstraint("stock_value >= 0", name="ck_item_valuations_stock_value"),
    )
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), primary_key=True)
    on_hand: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False, default=Decimal(0))
    stock_value: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False, default=Decimal(0))
    movement_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    @property
    def valuation(self) -> Valuation:
        return Valuation(self.on_hand, self.stock_value, self.movement_count)

    @valuation.setter
    def valuation(self, value: Valuation) -> None:
        self.on_hand, self.stock_value, self.movement_count = value.on_hand, value.stock_value, value.movement_count


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class OrderReservation(Base):
    """A sales order as inventory knows it: its reservation status and the version that orders its
    stock_reserved events. Locked before its lines change; a cancellation that arrives before the request is
    remembered here as released, so the late request reserves nothing."""
    __tablename__ = "order_reservations"
    __table_args__ = (CheckConstraint(_one_of("status", ORDER_STATUSES), name="ck_order_reservations_status"),
                      CheckConstraint("version >= 0", name="ck_order_reservations_version"))
    order_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    order_no: Mapped[str] = mapped_column(String(40), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now(),
                                                 onupdate=func.now())


class Reservation(Base):
    """Stock held for one order line at one place (item, warehouse), keyed by the order line so a request sent
    again reserves nothing twice. The CHECKs hold the line's arithmetic even against code that skips the rules."""
    __tablename__ = "reservations"
    __table_args__ = (
        CheckConstraint("quantity_requested > 0", name="ck_reservations_requested"),
        CheckConstraint("quantity_reserved >= 0 AND quantity_backordered >= 0 AND quantity_issued >= 0",
                        name="ck_reservations_quantities"),
        CheckConstraint("quantity_reserved + quantity_backordered + quantity_issued = quantity_requested "
                        f"OR (status = '{RELEASED}' AND quantity_reserved = 0 AND quantity_backordered = 0)",
                        name="ck_reservations_balance"),
        CheckConstraint(_one_of("status", LINE_STATUSES), name="ck_reservations_status"),
        Index("ix_reservations_place", "item_id", "warehouse_id"),
        Index("ix_reservations_order", "order_id"),
        Index("ix_reservations_backorders", "item_id", "warehouse_id", "order_date", "confirmed_at", "order_line_id",
              postgresql_where=text("quantity_backordered > 0")),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    order_line_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), unique=True, nullable=False)
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("order_reservations.order_id"), nullable=False)
    order_no: Mapped[str] = mapped_column(String(40), nullable=False)
    order_date: Mapped[date] = mapped_column(Date, nullable=False)
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), nullable=False)
    quantity_requested: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    quantity_reserved: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    quantity_backordered: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    quantity_issued: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now(),
                                                 onupdate=func.now())

    @property
    def state(self) -> LineReservation:
        return LineReservation(self.quantity_requested, self.quantity_reserved, self.quantity_backordered,
                               self.quantity_issued, self.status == RELEASED)

    @state.setter
    def state(self, line: LineReservation) -> None:
        self.quantity_requested, self.quantity_reserved = line.requested, line.reserved
        self.quantity_backordered, self.quantity_issued, self.status = line.backordered, line.issued, line.status


class MaterialRequisition(Base):
    """A department's request for material out of stock for its own use, approved by the warehouse (never by
    whoever created it) and then issued in one or more issues. Locked first by everything that changes it, its
    issues or their returns, so those queue per requisition."""
    __tablename__ = "material_requisitions"
    __table_args__ = (CheckConstraint(_one_of("status", REQUISITION_STATUSES), name="ck_material_requisitions_status"),
                      Index("ix_material_requisitions_department", "department_id"))
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    department_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)   # HR's, read model
    requested_by: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)    # an employee
    needed_by: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)                   # principal subject
    created_by_name: Mapped[str] = mapped_column(String(200), nullable=False)
    decided_by: Mapped[str | None] = mapped_column(String(200))                            # approved or rejected
    decided_by_name: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reject_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_by_name: Mapped[str | None] = mapped_column(String(200))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    lines: Mapped[list["MaterialRequisitionLine"]] = relationship(order_by="MaterialRequisitionLine.line_no")


class MaterialRequisitionLine(Base):
    """What is asked for at one place (item, warehouse, batch), with what has been issued and what came back
    unused; the CHECKs hold the arithmetic even against code that skips the rules."""
    __tablename__ = "material_requisition_lines"
    __table_args__ = (
        UniqueConstraint("requisition_id", "line_no", name="uq_material_requisition_lines_line_no"),
        UniqueConstraint("requisition_id", "item_id", "warehouse_id", "batch_no",
                         name="uq_material_requisition_lines_place", postgresql_nulls_not_distinct=True),
        CheckConstraint("quantity > 0", name="ck_material_requisition_lines_quantity"),
        CheckConstraint("quantity_issued >= 0 AND quantity_issued <= quantity",
                        name="ck_material_requisition_lines_issued"),
        CheckConstraint("quantity_returned >= 0 AND quantity_returned <= quantity_issued",
                        name="ck_material_requisition_lines_returned"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    requisition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("material_requisitions.id"), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), nullable=False)
    batch_no: Mapped[str | None] = mapped_column(String(60))
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    quantity_issued: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    quantity_returned: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)


class MaterialIssue(Base):
    """Material handed out against a requisition (MI-…). Its lines' batches and costs are in the stock ledger
    under each issue line (move type material_issue)."""
    __tablename__ = "material_issues"
    __table_args__ = (CheckConstraint("total_cost >= 0", name="ck_material_issues_total_cost"),
                      Index("ix_material_issues_requisition", "requisition_id"))
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    requisition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("material_requisitions.id"), nullable=False)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    issued_by: Mapped[str] = mapped_column(String(200), nullable=False)
    issued_by_name: Mapped[str] = mapped_column(String(200), nullable=False)
    total_cost: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    lines: Mapped[list["MaterialIssueLine"]] = relationship(order_by="MaterialIssueLine.line_no")


class MaterialIssueLine(Base):
    """How much of a requisition line one issue handed out and at what cost, and how much of that, worth how
    much, came back unused. Locked by a return before it checks what may still come back."""
    __tablename__ = "material_issue_lines"
    __table_args__ = (
        UniqueConstraint("issue_id", "line_no", name="uq_material_issue_lines_line_no"),
        UniqueConstraint("issue_id", "requisition_line_id", name="uq_material_issue_lines_requisition_line"),
        CheckConstraint("quantity > 0 AND cost >= 0", name="ck_material_issue_lines_issued"),
        CheckConstraint("quantity_returned >= 0 AND quantity_returned <= quantity "
                        "AND cost_returned >= 0 AND cost_returned <= cost", name="ck_material_issue_lines_returned"),
        Index("ix_material_issue_lines_requisition_line", "requisition_line_id"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    issue_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("material_issues.id"), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    requisition_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("material_requisition_lines.id"),
                                                           nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    cost: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    quantity_returned: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    cost_returned: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)


class MaterialReturn(Base):
    """Unused material brought back against an issue (MRN-…), at the cost it was issued at."""
    __tablename__ = "material_returns"
    __table_args__ = (CheckConstraint("total_cost >= 0", name="ck_material_returns_total_cost"),
                      Index("ix_material_returns_issue", "issue_id"))
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    issue_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("material_issues.id"), nullable=False)
    returned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    returned_by: Mapped[str] = mapped_column(String(200), nullable=False)
    returned_by_name: Mapped[str] = mapped_column(String(200), nullable=False)
    total_cost: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    lines: Mapped[list["MaterialReturnLine"]] = relationship(order_by="MaterialReturnLine.line_no")


class MaterialReturnLine(Base):
    """One issue line's unused material coming back; its batches are in the ledger under this line (move type
    material_return)."""
    __tablename__ = "material_return_lines"
    __table_args__ = (
        UniqueConstraint("return_id", "line_no", name="uq_material_return_lines_line_no"),
        UniqueConstraint("return_id", "issue_line_id", name="uq_material_return_lines_issue_line"),
        CheckConstraint("quantity > 0 AND cost >= 0", name="ck_material_return_lines_returned"),
        Index("ix_material_return_lines_issue_line", "issue_line_id"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    return_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("material_returns.id"), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    issue_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("material_issue_lines.id"), nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    cost: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)


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


# Lots and reconciliation: where batches came from, and finance's postings to the inventory account.
class ReceiptOrigin(Base):
    """Where a goods receipt came from (purchase order, supplier), written when the receipt is booked, so a
    batch can be traced back to its supplier without asking procurement."""
    __tablename__ = "receipt_origins"
    receipt_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    receipt_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    po_number: Mapped[str | None] = mapped_column(String(60))
    supplier_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class GlStockPosting(Base):
    """Finance's journal entries that touch the inventory account, from finance.journal_posted.v1: what the
    stock ledger is reconciled with. `amount` is the entry's net debit on that account."""
    __tablename__ = "gl_stock_postings"
    __table_args__ = (
        Index("ix_gl_stock_postings_entry_date", "entry_date"),
        Index("ix_gl_stock_postings_source_document", "source_document"),
    )
    entry_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    entry_no: Mapped[str] = mapped_column(String(64), nullable=False)
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    source_document: Mapped[str] = mapped_column(String(64), nullable=False)
    source_event_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


# Transfers between warehouses and cycle counts.
class Transfer(Base):
    """Stock moving between two warehouses: draft → shipped (into transit) → received (closed), or cancelled
    while a draft. Locked first by every transition, so shipping or receiving twice is refused, not repeated;
    `version` is the sequence of its events."""
    __tablename__ = "transfers"
    __table_args__ = (
        CheckConstraint(_one_of("status", TRANSFER_STATUSES), name="ck_transfers_status"),
        CheckConstraint("from_warehouse_id <> to_warehouse_id", name="ck_transfers_two_places"),
        Index("ix_transfers_from_warehouse", "from_warehouse_id"),
        Index("ix_transfers_to_warehouse", "to_warehouse_id"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    from_warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), nullable=False)
    to_warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)                   # principal subject
    created_by_name: Mapped[str] = mapped_column(String(200), nullable=False)
    shipped_by_name: Mapped[str | None] = mapped_column(String(200))
    shipped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    received_by_name: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    total_loss: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    lines: Mapped[list["TransferLine"]] = relationship(order_by="TransferLine.line_no")


class TransferLine(Base):
    """What to move of one item (of one batch, if named); what arrived is set when the transfer is received."""
    __tablename__ = "transfer_lines"
    __table_args__ = (
        UniqueConstraint("transfer_id", "line_no", name="uq_transfer_lines_line_no"),
        CheckConstraint("quantity > 0", name="ck_transfer_lines_quantity"),
        CheckConstraint("quantity_received IS NULL OR quantity_received BETWEEN 0 AND quantity",
                        name="ck_transfer_lines_received"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    transfer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transfers.id"), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), nullable=False)
    batch_no: Mapped[str | None] = mapped_column(String(60))
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    quantity_received: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    parts: Mapped[list["TransferPart"]] = relationship(order_by="TransferPart.turn")


class TransferPart(Base):
    """One batch a transfer line was shipped from ('' is stock without a batch), at the value it left at, and
    on receipt how much of it arrived and what the arrival and the loss were worth."""
    __tablename__ = "transfer_parts"
    __table_args__ = (
        CheckConstraint("quantity > 0 AND value >= 0", name="ck_transfer_parts_shipped"),
        CheckConstraint("quantity_received IS NULL OR quantity_received BETWEEN 0 AND quantity",
                        name="ck_transfer_parts_received"),
    )
    transfer_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transfer_lines.id"), primary_key=True)
    batch_no: Mapped[str] = mapped_column(String(60), primary_key=True)
    turn: Mapped[int] = mapped_column(Integer, nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    unit_cost: Mapped[Decimal] = mapped_column(Numeric(18, 6), nullable=False)
    value: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    quantity_received: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    value_received: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    value_lost: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))


class CycleCount(Base):
    """A count sheet: the book quantities at `snapshot_at` of one warehouse's items in scope, counted blind,
    submitted for review and posted by someone who did not count. Locked first by every transition."""
    __tablename__ = "cycle_counts"
    __table_args__ = (
        CheckConstraint(_one_of("status", COUNT_STATUSES), name="ck_cycle_counts_status"),
        CheckConstraint(_one_of("scope", SCOPES), name="ck_cycle_counts_scope"),
        Index("ix_cycle_counts_warehouse_posted_at", "warehouse_id", "posted_at"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    warehouse_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("warehouses.id"), nullable=False)
    scope: Mapped[str] = mapped_column(String(10), nullable=False)
    classes: Mapped[str | None] = mapped_column(String(3))          # "AB" for an abc count of A and B
    snapshot_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_by_name: Mapped[str] = mapped_column(String(200), nullable=False)
    submitted_by_name: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    posted_by: Mapped[str | None] = mapped_column(String(200))
    posted_by_name: Mapped[str | None] = mapped_column(String(200))
    posted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    total_gain: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    total_loss: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    lines: Mapped[list["CycleCountLine"]] = relationship(order_by="CycleCountLine.line_no")


class CycleCountLine(Base):
    """One item and batch of the sheet: its book quantity at the snapshot (never shown while counting), what
    was counted and by whom, and once reviewed or posted the variance and its value (signed, like the ledger)."""
    __tablename__ = "cycle_count_lines"
    __table_args__ = (
        UniqueConstraint("count_id", "line_no", name="uq_cycle_count_lines_line_no"),
        UniqueConstraint("count_id", "item_id", "batch_no", name="uq_cycle_count_lines_place",
                         postgresql_nulls_not_distinct=True),
        CheckConstraint(_one_of("abc_class", CLASSES), name="ck_cycle_count_lines_abc_class"),
        CheckConstraint("counted_quantity IS NULL OR counted_quantity >= 0", name="ck_cycle_count_lines_counted"),
        Index("ix_cycle_count_lines_item", "item_id"),
    )
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    count_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle_counts.id"), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), nullable=False)
    batch_no: Mapped[str | None] = mapped_column(String(60))
    abc_class: Mapped[str] = mapped_column(String(1), nullable=False)
    book_quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4), nullable=False)
    counted_quantity: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    entered_unit_cost: Mapped[Decimal | None] = mapped_column(Numeric(18, 6))
    counted_by: Mapped[str | None] = mapped_column(String(200))                            # principal subject
    counted_by_name: Mapped[str | None] = mapped_column(String(200))
    counted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    variance: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    unit_cost: Mapped[Decimal | None] = mapped_column(Numeric(18, 6))
    value: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))


class InventorySettings(Base):
    """One row: how often items of each ABC class are due for a count (days), tuned through the API."""
    __tablename__ = "inventory_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="ck_inventory_settings_single_row"),
        CheckConstraint("count_frequency_a_days > 0 AND count_frequency_b_days > 0 AND count_frequency_c_days > 0",
                        name="ck_inventory_settings_count_frequencies"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    count_frequency_a_days: Mapped[int] = mapped_column(Integer, nullable=False, default=DEFAULT_FREQUENCY_DAYS["A"])
    count_frequency_b_days: Mapped[int] = mapped_column(Integer, nullable=False, default=DEFAULT_FREQUENCY_DAYS["B"])
    count_frequency_c_days: Mapped[int] = mapped_column(Integer, nullable=False, default=DEFAULT_FREQUENCY_DAYS["C"])
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
