import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, Index, Integer, Numeric, String,
                        Table, Text, UniqueConstraint, func, text)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from erp_shared.masterdata import MasterRecordMixin
from erp_shared.messaging.tables import attach_messaging_tables

from .allocation import LINE_STATUSES, ORDER_STATUSES, LineReservation, RELEASED
from .domain import Valuation


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
