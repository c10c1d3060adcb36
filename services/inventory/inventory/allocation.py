"""Reservation rules: how an order line's requested quantity splits into reserved and backordered stock, how
receipts fill backorders, and what an issue or a release does to a line. Pure: no session, no Flask.

Stock that is available to reserve at a place (item, warehouse) is its on-hand quantity minus what is still
reserved there; a line never reserves more than that, which is what keeps reserved ≤ on hand.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from erp_shared.errors import RuleViolation

from .domain import QUANTITY_STEP, exact

RESERVED = "reserved"
PARTIALLY_RESERVED = "partially_reserved"
BACKORDERED = "backordered"
ISSUED = "issued"          # a line only: everything it asked for has left the warehouse
RELEASED = "released"
ORDER_STATUSES = (RESERVED, PARTIALLY_RESERVED, BACKORDERED, RELEASED)
LINE_STATUSES = ORDER_STATUSES + (ISSUED,)
ZERO = Decimal("0.0000")

Place = tuple[uuid.UUID, uuid.UUID]     # (item_id, warehouse_id): where stock is reserved


class NotCovered(RuleViolation):
    """An issue asks for more than the line has reserved: sales only delivers reserved stock."""


@dataclass(frozen=True)
class LineRequest:
    """One order line asking for stock."""
    order_line_id: uuid.UUID
    item_id: uuid.UUID
    warehouse_id: uuid.UUID
    quantity: Decimal

    @property
    def place(self) -> Place:
        return self.item_id, self.warehouse_id


def order_lines(lines: list[dict]) -> list[LineRequest]:
    """The lines of a confirmed order, in the order sales sent them (that order decides who gets scarce
    stock within one order). Each asks for a positive quantity the ledger can hold exactly."""
    if not lines:
        raise RuleViolation("an order to reserve for has at least one line", field="lines")
    ids = [line["order_line_id"] for line in lines]
    if len(set(ids)) != len(ids):
        raise RuleViolation("an order names each of its lines once", field="order_line_id")
    requests = []
    for line in lines:
        quantity = exact(line["quantity"], QUANTITY_STEP, "quantity")
        if quantity <= 0:
            raise RuleViolation(f"order line {line['order_line_id']} asks for {quantity}: a quantity is positive",
                                field="quantity")
        requests.append(LineRequest(line["order_line_id"], line["item_id"], line["warehouse_id"], quantity))
    return requests


@dataclass(frozen=True)
class LineReservation:
    """What an order line holds. While the line is open, reserved + backordered + issued = requested; a release
    drops what is reserved and backordered and keeps what was issued (that stock has gone)."""
    requested: Decimal
    reserved: Decimal = ZERO
    backordered: Decimal = ZERO
    issued: Decimal = ZERO
    released: bool = False

    @classmethod
    def request(cls, requested: Decimal, available: Decimal) -> LineReservation:
        """Reserve what is available, backorder the rest."""
        reserved = min(requested, max(available, ZERO))
        return cls(requested=requested, reserved=reserved, backordered=requested - reserved)

    def fill(self, quantity: Decimal) -> LineReservation:
        """Move `quantity` of the backorder into the reservation (stock arrived or was freed)."""
        if quantity <= 0 or quantity > self.backordered or self.released:
            raise RuleViolation(f"cannot fill {quantity} of a backorder of {self.backordered}", field="quantity")
        return replace(self, reserved=self.reserved + quantity, backordered=self.backordered - quantity)

    def issue(self, quantity: Decimal) -> LineReservation:
        """Stock leaves out of the reservation; more than is reserved can never be issued."""
        if quantity <= 0:
            raise RuleViolation(f"an issue takes out a positive quantity, not {quantity}", field="quantity")
        if quantity > self.reserved:
            raise NotCovered(f"{quantity} to issue but only {self.reserved} reserved", field="quantity")
        return replace(self, reserved=self.reserved - quantity, issued=self.issued + quantity)

    def release(self) -> LineReservation:
        return replace(self, reserved=ZERO, backordered=ZERO, released=True)

    def backorder(self, quantity: Decimal) -> LineReservation:
        """Move `quantity` of the reservation back to the backorder: the stock it held is gone (a count found
        less than the books said)."""
        if quantity <= 0 or quantity > self.reserved or self.released:
            raise RuleViolation(f"cannot backorder {quantity} of a reservation of {self.reserved}", field="quantity")
        return replace(self, reserved=self.reserved - quantity, backordered=self.backordered + quantity)

    @property
    def covered(self) -> Decimal:
        """What stock has been found for: still reserved or already issued."""
        return self.reserved + self.issued

    @property
    def status(self) -> str:
        if self.released:
            return RELEASED
        if self.issued == self.requested:
            return ISSUED
        if self.covered == self.requested:
            return RESERVED
        return BACKORDERED if self.covered == 0 else PARTIALLY_RESERVED


def order_status(lines: list[LineReservation], released: bool = False) -> str:
    """reserved: every line has all it asked for (reserved or issued); backordered: nothing found for any line;
    partially_reserved in between; released once the order was cancelled (even before its lines arrived)."""
    if released or any(line.released for line in lines):
        return RELEASED
    if all(line.covered == line.requested for line in lines):
        return RESERVED
    if all(line.covered == 0 for line in lines):
        return BACKORDERED
    return PARTIALLY_RESERVED


def allocate(requests: list[LineRequest], available: dict[Place, Decimal]) -> dict[uuid.UUID, LineReservation]:
    """Each line in turn reserves what is still available at its place; a later line of the same order sees
    what an earlier one took."""
    left = dict(available)
    decided = {}
    for request in requests:
        line = LineReservation.request(request.quantity, left.get(request.place, ZERO))
        left[request.place] = left.get(request.place, ZERO) - line.reserved
        decided[request.order_line_id] = line
    return decided


@dataclass(frozen=True)
class Backorder:
    """An open backorder waiting at a place, with what decides its turn."""
    order_line_id: uuid.UUID
    place: Place
    order_date: date
    confirmed_at: datetime
    quantity: Decimal

    @property
    def turn(self) -> tuple:
        """Older orders first; on the same day, the one confirmed first; the line id settles a tie for good."""
        return self.order_date, self.confirmed_at, self.order_line_id


def fill_backorders(backorders: list[Backorder], available: dict[Place, Decimal]) -> dict[uuid.UUID, Decimal]:
    """How much of each backorder the available stock fills, in turn; a backorder that cannot be filled whole
    takes what is there, and the ones behind it wait."""
    left = dict(available)
    fills = {}
    for backorder in sorted(backorders, key=lambda b: b.turn):
        quantity = min(backorder.quantity, max(left.get(backorder.place, ZERO), ZERO))
        if quantity > 0:
            fills[backorder.order_line_id] = quantity
            left[backorder.place] = left[backorder.place] - quantity
    return fills


def backorder_newest(reservations: list[Backorder], shortfalls: dict[Place, Decimal]) -> dict[uuid.UUID, Decimal]:
    """When a place holds less than is reserved there, the reservations confirmed last give the shortfall back
    (they go to the backorder), the reverse of the turn in which backorders are filled. `reservations` carry
    what each line still has reserved as their quantity."""
    left = dict(shortfalls)
    taken = {}
    for reservation in sorted(reservations, key=lambda r: r.turn, reverse=True):
        quantity = min(reservation.quantity, max(left.get(reservation.place, ZERO), ZERO))
        if quantity > 0:
            taken[reservation.order_line_id] = quantity
            left[reservation.place] -= quantity
    return taken
