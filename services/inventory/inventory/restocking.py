"""Taking goods a customer returned back into stock: into the batches the delivery line took them from, the
batch issued last first (FIFO picking walked backwards), at the cost they left at. Pure: no session, no Flask.

Each batch an issue came from keeps its own issued quantity and cost, and the last of it to come back carries
whatever of that cost is still out, so returning a whole issue, in any number of returns, gives back exactly
what the issue took out of the stock value.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from erp_shared.errors import RuleViolation

from .domain import MONEY_STEP, QUANTITY_STEP, Movement, exact
from .picking import fifo_turn

RETURN = "return"
NOTHING = Decimal("0.0000")
NO_COST = Decimal("0.00")


class ReturnExceedsIssue(RuleViolation):
    """More would come back than the delivery line issued and has not yet been returned."""


@dataclass(frozen=True)
class ReturnLine:
    """A customer return line: how much of which delivery line came back, and where sales says it went."""
    return_line_id: uuid.UUID
    delivery_line_id: uuid.UUID
    item_id: uuid.UUID
    warehouse_id: uuid.UUID
    quantity: Decimal


def return_lines(lines: list[dict]) -> list[ReturnLine]:
    """A return names each of its lines once and takes back a positive quantity the ledger can hold exactly."""
    if not lines:
        raise RuleViolation("a return has at least one line", field="lines")
    ids = [line["return_line_id"] for line in lines]
    if len(set(ids)) != len(ids):
        raise RuleViolation("a return names each of its lines once", field="return_line_id")
    result = []
    for line in lines:
        quantity = exact(line["quantity"], QUANTITY_STEP, "quantity")
        if quantity <= 0:
            raise RuleViolation(f"return line {line['return_line_id']} returns {quantity}: a quantity is positive",
                                field="quantity")
        result.append(ReturnLine(line["return_line_id"], line["delivery_line_id"], line["item_id"],
                                 line["warehouse_id"], quantity))
    return result


@dataclass(frozen=True)
class IssuedBatch:
    """One batch a delivery line was issued from: what left (positive quantity and cost), at which unit cost,
    and how much of it, worth how much, has come back since."""
    batch_key: str
    first_received_at: datetime | None
    quantity: Decimal
    unit_cost: Decimal
    cost: Decimal
    returned: Decimal = NOTHING
    returned_cost: Decimal = NO_COST

    @property
    def outstanding(self) -> Decimal:
        return self.quantity - self.returned

    def cost_of(self, quantity: Decimal) -> Decimal:
        """`quantity` at the cost it was issued at, to the cent; the last of the batch takes the cost still out.
        A part never takes more than is still out, so rounding up early cannot leave the last part negative."""
        still_out = self.cost - self.returned_cost
        if quantity == self.outstanding:
            return still_out
        return min((quantity * self.cost / self.quantity).quantize(MONEY_STEP, ROUND_HALF_UP), still_out)

    def take_back(self, quantity: Decimal) -> IssuedBatch:
        return replace(self, returned=self.returned + quantity,
                       returned_cost=self.returned_cost + self.cost_of(quantity))


@dataclass(frozen=True)
class ReturnPart:
    """One batch's share of a return line, at the cost it was issued at."""
    line: ReturnLine
    batch_key: str
    quantity: Decimal
    unit_cost: Decimal
    cost: Decimal

    @property
    def movement(self) -> Movement:
        return Movement(item_id=self.line.item_id, warehouse_id=self.line.warehouse_id,
                        batch_no=self.batch_key or None, quantity=self.quantity, unit_cost=self.unit_cost,
                        value=self.cost, source_line_id=self.line.return_line_id,
                        delivery_line_id=self.line.delivery_line_id)


def outstanding(issued: list[IssuedBatch]) -> Decimal:
    """What of an issued line has not come back yet, over all its batches."""
    return sum((batch.outstanding for batch in issued), NOTHING)


def reverse_pick(quantity: Decimal,
                 issued: list[IssuedBatch]) -> tuple[list[tuple[IssuedBatch, Decimal, Decimal]], list[IssuedBatch]]:
    """(batch, quantity, cost) shares of `quantity` coming back into an issued line's batches in reverse
    picking order (the batch picked last comes back first), each at the cost it left at, and the batches as
    they stand after it. The caller has checked that no more than is `outstanding` comes back."""
    shares, after, wanted = [], {}, quantity
    for batch in sorted(issued, key=lambda b: fifo_turn(b.first_received_at, b.batch_key), reverse=True):
        take = min(batch.outstanding, wanted)
        if take > 0:
            shares.append((batch, take, batch.cost_of(take)))
            after[batch.batch_key] = batch.take_back(take)
            wanted -= take
    return shares, [after.get(batch.batch_key, batch) for batch in issued]


def take_back(line: ReturnLine, issued: list[IssuedBatch]) -> tuple[list[ReturnPart], list[IssuedBatch]]:
    """The return line's parts, filling the delivery line's batches in reverse picking order, and the batches
    as they stand after it. More than is still out is refused: sales refuses such a return too, so it can
    never be booked."""
    still_out = outstanding(issued)
    if line.quantity > still_out:
        raise ReturnExceedsIssue(f"{line.quantity} returned on delivery line {line.delivery_line_id} but only "
                                 f"{still_out} of what it issued has not come back", field="quantity")
    shares, after = reverse_pick(line.quantity, issued)
    return [ReturnPart(line, batch.batch_key, quantity, batch.unit_cost, cost)
            for batch, quantity, cost in shares], after
