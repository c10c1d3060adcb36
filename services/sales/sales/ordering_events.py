"""The order saga's messages to inventory, built from the order as stored.

Subject is the order and sequence its version. A reservation request re-sent by the timeout sweep is built
from the same stored fields, so it says exactly what the first one said (inventory keys by order line).
"""
from __future__ import annotations

from erp_shared.events import Envelope, new_event

from .events import ORDER_CANCELLED, ORDER_CONFIRMED
from .models import SalesOrder


def order_confirmed(order: SalesOrder) -> Envelope:
    data = {
        "order_id": order.id, "order_no": order.number, "customer_id": order.customer_id,
        "order_date": order.order_date, "confirmed_at": order.reservation_requested_at,
        "lines": [{"order_line_id": line.id, "item_id": line.item_id, "warehouse_id": line.warehouse_id,
                   "quantity": line.quantity} for line in order.lines],
    }
    return new_event(ORDER_CONFIRMED, data, subject=str(order.id), sequence=order.version)


def order_cancelled(order: SalesOrder) -> Envelope:
    data = {"order_id": order.id, "order_no": order.number, "cancelled_at": order.cancelled_at,
            "reason": order.cancel_reason}
    return new_event(ORDER_CANCELLED, data, subject=str(order.id), sequence=order.version)
