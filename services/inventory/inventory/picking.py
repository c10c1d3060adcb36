"""Issuing stock against a delivery: which batches it comes from (first received, first out) and what it
costs (the item's moving average, taken from the exact running stock value). Pure: no session, no Flask.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from erp_shared.errors import RuleViolation

from .domain import QUANTITY_STEP, InsufficientStock, Movement, Valuation, exact

DELIVERY = "delivery"


@dataclass(frozen=True)
class DeliveryLine:
    """A delivery note line: the order line it delivers and how much leaves which place."""
    delivery_line_id: uuid.UUID
    order_line_id: uuid.UUID
    item_id: uuid.UUID
    warehouse_id: uuid.UUID
    quantity: Decimal

    @property
    def source_line_id(self) -> uuid.UUID:
        """The line the ledger books the issue under."""
        return self.delivery_line_id


def delivery_lines(lines: list[dict]) -> list[DeliveryLine]:
    """A delivery names each line once and delivers a positive quantity the ledger can hold exactly."""
    if not lines:
        raise RuleViolation("a delivery has at least one line", field="lines")
    ids = [line["delivery_line_id"] for line in lines]
    if len(set(ids)) != len(ids):
        raise RuleViolation("a delivery names each of its lines once", field="delivery_line_id")
    result = []
    for line in lines:
        quantity = exact(line["quantity"], QUANTITY_STEP, "quantity")
        if quantity <= 0:
            raise RuleViolation(f"delivery line {line['delivery_line_id']} delivers {quantity}: a quantity is "
                                "positive", field="quantity")
        result.append(DeliveryLine(line["delivery_line_id"], line["order_line_id"], line["item_id"],
                                   line["warehouse_id"], quantity))
    return result


@dataclass(frozen=True)
class BatchStock:
    """What a batch holds at a place and when it first came in ('' is stock without a batch)."""
    batch_key: str
    first_received_at: datetime | None
    on_hand: Decimal

    @property
    def turn(self) -> tuple:
        return fifo_turn(self.first_received_at, self.batch_key)


def fifo_turn(first_received_at: datetime | None, batch_key: str) -> tuple:
    """A batch's turn to be picked: earliest receipt first; a batch that never came in by receipt goes last;
    the batch number breaks ties. Returns walk it backwards, so both sides must share it."""
    return first_received_at is None, first_received_at or datetime.min, batch_key


def pick_fifo(batches: list[BatchStock], quantity: Decimal) -> list[tuple[str, Decimal]]:
    """(batch, quantity) taken from the oldest batches until `quantity` is covered."""
    picks, wanted = [], quantity
    for batch in sorted(batches, key=lambda b: b.turn):
        if wanted == 0:
            break
        take = min(batch.on_hand, wanted)
        if take > 0:
            picks.append((batch.batch_key, take))
            wanted -= take
    if wanted > 0:
        raise InsufficientStock(f"only {quantity - wanted} on hand in the warehouse, cannot issue {quantity}",
                                field="quantity")
    return picks


@dataclass(frozen=True)
class IssuePart:
    """One batch's share of an issued line (a delivery line, or a material issue line: anything with an item,
    a warehouse and the `source_line_id` the ledger books it under), at cost: `cost` is its exact share of the
    stock value."""
    line: DeliveryLine
    batch_key: str
    quantity: Decimal
    unit_cost: Decimal
    cost: Decimal

    @property
    def movement(self) -> Movement:
        return Movement(item_id=self.line.item_id, warehouse_id=self.line.warehouse_id,
                        batch_no=self.batch_key or None, quantity=-self.quantity, unit_cost=self.unit_cost,
                        value=-self.cost, source_line_id=self.line.source_line_id)


def cost_issue(valuation: Valuation, line: DeliveryLine,
               picks: list[tuple[str, Decimal]]) -> tuple[list[IssuePart], Valuation]:
    """Each batch part costs q / on hand × the running stock value, to the cent, and takes that value out, so
    the value left stays exact and the last unit carries whatever remains. Returns the parts and the item's
    valuation after them."""
    parts = []
    for batch_key, quantity in picks:
        cost = valuation.value_of(quantity)
        parts.append(IssuePart(line, batch_key, quantity, valuation.average_cost, cost))
        valuation = valuation.after(-quantity, -cost)
    return parts, valuation
