"""Transfer rules: a transfer moves stock from one warehouse to another in two steps through the in-transit
location, and what does not arrive is a loss. Pure: no session, no Flask.

Shipping takes the goods out of the source like a delivery would (first received, first out unless the batch
is named; at the item's moving average, the exact share of its running value) and puts the same batches, at
the same value, into transit, so the item's quantity and value are unchanged. Receiving moves each shipped
batch on at the value it was shipped at; a shortfall leaves transit as a loss worth its share of that value.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from erp_shared.errors import Conflict, RuleViolation

from .domain import BATCH_NO_LENGTH, MONEY_STEP, QUANTITY_STEP, InsufficientStock, Movement, Valuation, exact
from .picking import cost_issue, pick_fifo
from .transit import IN_TRANSIT_ID

DRAFT = "draft"
SHIPPED = "shipped"
RECEIVED = "received"
CANCELLED = "cancelled"
TRANSFER_STATUSES = (DRAFT, SHIPPED, RECEIVED, CANCELLED)

TRANSFER_OUT = "transfer_out"       # source → transit
TRANSFER_IN = "transfer_in"         # transit → destination
TRANSFER_LOSS = "transfer_loss"     # transit → gone
TRANSFER_MOVE_TYPES = (TRANSFER_OUT, TRANSFER_IN, TRANSFER_LOSS)
NOTHING = Decimal("0.0000")
NO_VALUE = Decimal("0.00")


def require_status(status: str, allowed: tuple[str, ...], action: str, number: str) -> None:
    if status not in allowed:
        raise Conflict(f"transfer {number} is {status}: it cannot be {action} now", field="status")


def transit_line_id(transfer_line_id: uuid.UUID) -> uuid.UUID:
    """The source line id of a transfer line's rows at the in-transit location. The ledger's business key is
    (move type, source line, batch): the source and transit legs of one line share their move type and batch,
    so the transit legs need an id of their own, derived so that it is stable."""
    return uuid.uuid5(transfer_line_id, "in-transit")


def transfer_request(values: dict) -> list[dict]:
    """The lines of a new transfer, checked: two different places, at least one line, positive quantities the
    ledger can hold exactly, batch numbers that fit."""
    if values["from_warehouse_id"] == values["to_warehouse_id"]:
        raise RuleViolation("a transfer moves stock between two different warehouses", field="to_warehouse_id")
    if not values["lines"]:
        raise RuleViolation("a transfer has at least one line", field="lines")
    lines = []
    for index, line in enumerate(values["lines"]):
        quantity = exact(line["quantity"], QUANTITY_STEP, f"lines[{index}].quantity")
        if quantity <= 0:
            raise RuleViolation(f"line {index + 1} moves {quantity}: a quantity is positive",
                                field=f"lines[{index}].quantity")
        batch_no = line.get("batch_no") or None
        if batch_no is not None and len(batch_no) > BATCH_NO_LENGTH:
            raise RuleViolation(f"a batch number has at most {BATCH_NO_LENGTH} characters",
                                field=f"lines[{index}].batch_no")
        lines.append({"line_no": index + 1, "item_id": line["item_id"], "batch_no": batch_no, "quantity": quantity})
    return lines


@dataclass(frozen=True)
class LineToShip:
    line_id: uuid.UUID
    line_no: int
    item_id: uuid.UUID
    batch_no: str | None
    quantity: Decimal


@dataclass(frozen=True)
class ShippedPart:
    """One batch's share of a transfer line as it left the source: at the moving average, its exact share of
    the item's running value. `turn` is its place in picking order (receipts fill the parts in that order)."""
    line_id: uuid.UUID
    item_id: uuid.UUID
    batch_key: str
    quantity: Decimal
    unit_cost: Decimal
    value: Decimal
    turn: int


def pick_for_line(line: LineToShip, available: Decimal, batches) -> list[tuple[str, Decimal]]:
    """What the line takes from which batch: never more than is on hand and not reserved for sales orders at
    the source (`available`), from the named batch or else the oldest batches first."""
    where = f"lines[{line.line_no - 1}].quantity"
    if line.quantity > available:
        raise InsufficientStock(f"line {line.line_no} ships {line.quantity} but only {max(available, NOTHING)} "
                                "is on hand and not reserved for sales orders at the source", field=where)
    if line.batch_no is not None:
        batches = [batch for batch in batches if batch.batch_key == line.batch_no]
    try:
        return pick_fifo(batches, line.quantity)
    except InsufficientStock:
        what = f"batch {line.batch_no}" if line.batch_no is not None else "the source"
        raise InsufficientStock(f"line {line.line_no} ships {line.quantity} but {what} does not hold that much",
                                field=where) from None


def cost_shipment(valuation: Valuation, line: LineToShip, picks: list[tuple[str, Decimal]],
                  first_turn: int = 0) -> tuple[list[ShippedPart], Valuation]:
    """The parts at cost, exactly as a delivery is costed (picking.cost_issue), and the item's valuation as if
    they had left; the caller carries that valuation to the item's next line."""
    issued, after = cost_issue(valuation, line, picks)
    return [ShippedPart(line.line_id, line.item_id, part.batch_key, part.quantity, part.unit_cost, part.cost,
                        first_turn + turn) for turn, part in enumerate(issued)], after


def shipping_movements(parts: list[ShippedPart], source: uuid.UUID) -> list[Movement]:
    """Out of the source first, then into transit: booked in that order every step leaves the item's valuation
    valid (the out legs replay the costing), and at the end its quantity and value are what they were."""
    out = [Movement(p.item_id, source, p.batch_key or None, -p.quantity, p.unit_cost, -p.value, p.line_id)
           for p in parts]
    into = [Movement(p.item_id, IN_TRANSIT_ID, p.batch_key or None, p.quantity, p.unit_cost, p.value,
                     transit_line_id(p.line_id)) for p in parts]
    return out + into


def received_quantities(shipped: dict[uuid.UUID, Decimal], lines: list[dict]) -> dict[uuid.UUID, Decimal]:
    """Every line of the transfer named once, each received between nothing and what was shipped on it."""
    ids = [line["transfer_line_id"] for line in lines]
    if len(set(ids)) != len(ids):
        raise RuleViolation("a receipt names each transfer line once", field="lines")
    received = {}
    for index, line in enumerate(lines):
        where = f"lines[{index}]"
        line_id = line["transfer_line_id"]
        if line_id not in shipped:
            raise RuleViolation(f"transfer line {line_id} is not on this transfer", field=f"{where}.transfer_line_id")
        quantity = exact(line["quantity_received"], QUANTITY_STEP, f"{where}.quantity_received")
        if quantity < 0 or quantity > shipped[line_id]:
            raise RuleViolation(f"transfer line {line_id} received {quantity}: between 0 and the {shipped[line_id]} "
                                "shipped", field=f"{where}.quantity_received")
        received[line_id] = quantity
    missing = sorted(str(line_id) for line_id in set(shipped) - set(received))
    if missing:
        raise RuleViolation(f"say what arrived on every line (0 if nothing did); missing: {', '.join(missing)}",
                            field="lines")
    return received


def split_value(quantity: Decimal, value: Decimal, received: Decimal) -> tuple[Decimal, Decimal]:
    """(value received, value lost) of a shipped part: the lost units' share of its value to the cent, half up,
    and the received units the rest, so the two always add up to what was shipped."""
    lost = quantity - received
    if lost == 0:
        return value, NO_VALUE
    if received == 0:
        return NO_VALUE, value
    value_lost = (value * lost / quantity).quantize(MONEY_STEP, ROUND_HALF_UP)
    return value - value_lost, value_lost


@dataclass(frozen=True)
class ArrivedPart:
    part: ShippedPart
    quantity_received: Decimal
    value_received: Decimal
    value_lost: Decimal

    @property
    def quantity_lost(self) -> Decimal:
        return self.part.quantity - self.quantity_received


def arrive(parts: list[ShippedPart], received: Decimal) -> list[ArrivedPart]:
    """What arrived of a line fills its parts in picking order; the shortfall falls on the parts picked last."""
    arrived, left = [], received
    for part in sorted(parts, key=lambda p: p.turn):
        take = min(part.quantity, left)
        left -= take
        arrived.append(ArrivedPart(part, take, *split_value(part.quantity, part.value, take)))
    return arrived


def loss_within(valuation: Valuation, quantity: Decimal, value: Decimal) -> Decimal:
    """What a loss can take out of the item's valuation. The moving average is one per item over every place,
    so the goods in transit are not kept at a value of their own: if other movements moved the average since
    shipping, the last units of an item take all that is left of its value, and no loss takes more than that."""
    if quantity == valuation.on_hand:
        return valuation.stock_value
    return min(value, valuation.stock_value)


def receiving_movements(arrived: list[ArrivedPart], destination: uuid.UUID) -> list[Movement]:
    """Into the destination first, then out of transit, each at the value shipped: adding before taking out
    means no step empties the item while value is still on the books."""
    moved = [a for a in arrived if a.quantity_received > 0]
    into = [Movement(a.part.item_id, destination, a.part.batch_key or None, a.quantity_received, a.part.unit_cost,
                     a.value_received, a.part.line_id) for a in moved]
    out = [Movement(a.part.item_id, IN_TRANSIT_ID, a.part.batch_key or None, -a.quantity_received, a.part.unit_cost,
                    -a.value_received, transit_line_id(a.part.line_id)) for a in moved]
    return into + out


def loss_movement(arrived: ArrivedPart) -> Movement:
    """What was not received leaves transit, booked under the transfer line itself (its own move type keeps
    the key apart from the line's other rows)."""
    part = arrived.part
    return Movement(part.item_id, IN_TRANSIT_ID, part.batch_key or None, -arrived.quantity_lost, part.unit_cost,
                    -arrived.value_lost, part.line_id)
