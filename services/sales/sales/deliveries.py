"""Delivering goods against a sales order: the delivery note, the order's delivered totals and status, and
the `sales.goods_delivered.v1` event that makes inventory issue the stock, all in one transaction under the
order's locks.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from erp_shared.events import Envelope, new_event
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from .delivery_domain import book_delivery
from .delivery_queries import present_delivery
from .events import GOODS_DELIVERED
from .models import Delivery, DeliveryLine, SalesOrder, document_counters, outbox
from .ordering_store import lock_order

DELIVERY_PREFIX = "DN"
EVENT_LINE_FIELDS = ("order_line_id", "item_id", "warehouse_id", "quantity")


def goods_delivered_event(delivery: Delivery, order: SalesOrder) -> Envelope:
    """Subject is the order and sequence its version after the delivery, so consumers can order deliveries."""
    data = {
        "delivery_id": delivery.id, "delivery_no": delivery.number, "order_id": order.id,
        "order_no": order.number, "customer_id": order.customer_id, "delivered_at": delivery.delivered_at,
        "lines": [{"delivery_line_id": line.id, **{name: getattr(line, name) for name in EVENT_LINE_FIELDS}}
                  for line in delivery.lines],
    }
    return new_event(GOODS_DELIVERED, data, subject=str(order.id), sequence=order.version)


def deliver_goods(session: Session, order_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """Runs inside `idempotent_create`'s unit of work, so a retried delivery is answered, not booked twice.
    The number is taken after the order's locks, so a refused delivery never holds the counter."""
    order = lock_order(session, order_id)
    now = datetime.now(timezone.utc)
    delivered_at = (values.get("delivered_at") or now).astimezone(timezone.utc)
    booked = book_delivery(order, values["lines"], delivered_at=delivered_at, now=now)
    delivery = Delivery(
        id=uuid.uuid4(), number=next_number(session, document_counters, DELIVERY_PREFIX), sales_order_id=order.id,
        customer_id=order.customer_id, delivered_at=delivered_at, delivered_by=principal.username,
        notes=values.get("notes"), created_at=now,
        lines=[DeliveryLine(id=uuid.uuid4(), **line) for line in booked])
    session.add(delivery)
    session.flush()
    record_events(session, outbox, goods_delivered_event(delivery, order))
    return present_delivery(session, delivery)
