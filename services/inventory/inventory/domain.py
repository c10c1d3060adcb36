"""Stock rules: moving average cost per item, stock that never goes below zero, and what a goods receipt
books.

The running stock value is kept exact to the cent and never rebuilt from the rounded average cost: that is
what keeps inventory's valuation and finance's account 1200 equal to the cent.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from erp_shared.errors import RuleViolation

QUANTITY_STEP = Decimal("0.0001")   # NUMERIC(18, 4)
MONEY_STEP = Decimal("0.01")        # NUMERIC(18, 2)
COST_STEP = Decimal("0.000001")     # NUMERIC(18, 6)
BATCH_NO_LENGTH = 60
SOURCE_DOCUMENT_LENGTH = 40
RECEIPT = "receipt"


class InsufficientStock(RuleViolation):
    """A movement would take out more than is on hand."""


def exact(value: Decimal, step: Decimal, what: str) -> Decimal:
    """`value` at the column's scale; refused if that would round it (the stored figure must be the sent one)."""
    if value != value.quantize(step):
        places = -step.as_tuple().exponent
        raise RuleViolation(f"{what} {value} has more than the {places} decimal places the ledger keeps", field=what)
    return value.quantize(step)


def source_document(number: str) -> str:
    """The document a movement books (a GRN number); the ledger is searched by it."""
    if not number or len(number) > SOURCE_DOCUMENT_LENGTH:
        raise RuleViolation(f"a source document number has 1 to {SOURCE_DOCUMENT_LENGTH} characters",
                            field="source_document")
    return number


def on_hand_after(on_hand: Decimal, quantity: Decimal) -> Decimal:
    """On hand after a signed movement; stock never goes below zero."""
    result = on_hand + quantity
    if result < 0:
        raise InsufficientStock(f"only {on_hand} on hand, cannot take out {-quantity}", field="quantity")
    return result


@dataclass(frozen=True)
class Valuation:
    """An item's stock over all warehouses, valued at moving average cost."""
    on_hand: Decimal = Decimal("0.0000")
    stock_value: Decimal = Decimal("0.00")
    movement_count: int = 0

    @property
    def average_cost(self) -> Decimal:
        if self.on_hand == 0:
            return Decimal(0).quantize(COST_STEP)
        return (self.stock_value / self.on_hand).quantize(COST_STEP, ROUND_HALF_UP)

    def value_of(self, quantity: Decimal) -> Decimal:
        """What `quantity` is worth at the moving average, to the cent, from the exact running value (not the
        rounded average). All that is on hand is worth exactly the stock value, so emptying the stock leaves
        no stray cents behind."""
        if quantity == self.on_hand:
            return self.stock_value
        if self.on_hand == 0:
            return Decimal(0).quantize(MONEY_STEP)
        return (self.stock_value * quantity / self.on_hand).quantize(MONEY_STEP, ROUND_HALF_UP)

    def after(self, quantity: Decimal, value: Decimal) -> Valuation:
        """The valuation after a signed movement of `quantity` worth `value` (both negative for an issue)."""
        on_hand = on_hand_after(self.on_hand, quantity)
        stock_value = self.stock_value + value
        if stock_value < 0:
            raise RuleViolation(f"a movement worth {value} would take the stock value {self.stock_value} below zero",
                                field="value")
        if on_hand == 0 and stock_value != 0:
            raise RuleViolation(f"emptying the stock must take out all of its value ({self.stock_value})",
                                field="value")
        return Valuation(on_hand, stock_value, self.movement_count + 1)


@dataclass(frozen=True)
class Movement:
    """A stock movement to book: signed quantity and value, the place it happens and the line it books (and,
    for a return, the delivery line its goods came back from)."""
    item_id: uuid.UUID
    warehouse_id: uuid.UUID
    batch_no: str | None
    quantity: Decimal
    unit_cost: Decimal
    value: Decimal
    source_line_id: uuid.UUID
    delivery_line_id: uuid.UUID | None = None

    @property
    def batch_key(self) -> str:
        """Balances key "no batch" as '' so the primary key can hold it."""
        return self.batch_no or ""


def receipt_movements(lines: list[dict]) -> list[Movement]:
    """One receipt per goods-received line with an accepted quantity, valued at what procurement computed
    (accepted quantity × PO price, to the cent): the amount finance debits to 1200. Rejected goods never
    enter stock."""
    line_ids = [line["receipt_line_id"] for line in lines]
    if len(set(line_ids)) != len(line_ids):
        raise RuleViolation("a receipt names each of its lines once", field="receipt_line_id")
    movements = []
    for line in lines:
        quantity = exact(line["quantity_accepted"], QUANTITY_STEP, "quantity_accepted")
        value = exact(line["accepted_amount"], MONEY_STEP, "accepted_amount")
        if quantity < 0 or value < 0:
            raise RuleViolation("a receipt only adds stock: accepted quantity and amount cannot be negative",
                                field="quantity_accepted" if quantity < 0 else "accepted_amount")
        if quantity == 0:
            continue
        batch_no = line.get("batch_no") or None
        if batch_no is not None and len(batch_no) > BATCH_NO_LENGTH:
            raise RuleViolation(f"a batch number has at most {BATCH_NO_LENGTH} characters", field="batch_no")
        movements.append(Movement(
            item_id=line["item_id"], warehouse_id=line["warehouse_id"], batch_no=batch_no, quantity=quantity,
            unit_cost=exact(line["unit_price"], COST_STEP, "unit_price"), value=value,
            source_line_id=line["receipt_line_id"]))
    return movements
