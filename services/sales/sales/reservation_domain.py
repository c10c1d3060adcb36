"""The order side of the reservation saga: applying inventory's replies and deciding what to do about an
order whose reply is late.

Inventory reports an order's whole reservation each time it changes, with the reservation's version as the
event `sequence`. Replies may arrive twice or out of order, so only one newer than the last applied counts:
the final state is the in-order result whatever the delivery order.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from erp_shared.errors import PermanentEventError

from .ordering_domain import BACKORDERED, CONFIRMED, PARTIALLY_RESERVED, RESERVATION_STATUSES, RESERVED, changed

# The reservation states that say where the order stands; "released" (after a cancellation) does not.
ORDER_STATUS_OF_REPLY = {RESERVED: RESERVED, PARTIALLY_RESERVED: PARTIALLY_RESERVED, BACKORDERED: BACKORDERED}

WAIT, RESEND, COMPENSATE = "wait", "resend", "compensate"
TIMED_OUT_REASON = "reservation timed out"


@dataclass(frozen=True)
class LineReservation:
    order_line_id: uuid.UUID
    reserved: Decimal
    backordered: Decimal
    issued: Decimal


def is_newer(applied_sequence: int | None, sequence: int) -> bool:
    return applied_sequence is None or sequence > applied_sequence


def apply_reservation(order, *, status: str, lines: list[LineReservation], sequence: int, now: datetime) -> bool:
    """Returns False (and changes nothing) for a stale or repeated reply. The quantities always follow the
    newest reply; the order's status only while it is still waiting for or holding a reservation — once
    goods have left or the order is cancelled, its own lifecycle decides."""
    if not is_newer(order.reservation_sequence, sequence):
        return False
    order_lines = {line.id: line for line in order.lines}
    unknown = [str(line.order_line_id) for line in lines if line.order_line_id not in order_lines]
    if unknown:
        raise PermanentEventError(f"the reservation of sales order {order.number} names lines it does not have: "
                                  f"{', '.join(unknown)}")
    for reply in lines:
        line = order_lines[reply.order_line_id]
        line.quantity_reserved, line.quantity_backordered, line.quantity_issued = (
            reply.reserved, reply.backordered, reply.issued)
    order.reservation_status = status
    order.reservation_sequence = sequence
    order.reservation_replied_at = now
    if order.status in RESERVATION_STATUSES and status in ORDER_STATUS_OF_REPLY:
        order.status = ORDER_STATUS_OF_REPLY[status]
    changed(order, now)
    return True


def sweep_action(*, status: str, sent_at: datetime | None, resends: int, now: datetime, timeout: timedelta,
                 max_attempts: int) -> str:
    """A confirmed order has had no reply. Within the timeout: wait. Past it: ask again (inventory keys
    reservations by order line, so a repeat reserves nothing twice) up to `max_attempts` times; after that
    inventory is taken to be gone for good and the order is cancelled, which also tells inventory to let go
    of anything it did reserve."""
    if status != CONFIRMED or sent_at is None or now - sent_at < timeout:
        return WAIT
    return RESEND if resends < max_attempts else COMPENSATE
