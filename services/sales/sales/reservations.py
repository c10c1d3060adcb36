"""Inventory's saga replies, applied in the consumer's transaction under the order's row locks (the same
locks deliveries take), so a reply and a delivery note never interleave on one order."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from erp_shared.errors import PermanentEventError
from erp_shared.events import Envelope

from .ordering_store import find_locked_order
from .reservation_domain import LineReservation, apply_reservation


def record_reservation(session: Session, event: Envelope, data: dict) -> None:
    """`inventory.stock_reserved.v1`: the newest reservation state of an order wins, older ones are ignored."""
    if event.sequence is None:
        raise PermanentEventError(f"{event.type} carries no sequence; the order cannot tell old from new")
    order = find_locked_order(session, data["order_id"])
    if order is None:
        raise PermanentEventError(f"{event.type} names sales order {data['order_id']}, which sales does not have")
    lines = [LineReservation(line["order_line_id"], line["quantity_reserved"], line["quantity_backordered"],
                             line["quantity_issued"]) for line in data["lines"]]
    apply_reservation(order, status=data["status"], lines=lines, sequence=event.sequence,
                      now=datetime.now(timezone.utc))
