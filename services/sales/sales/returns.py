"""Taking delivered goods back: the return note, the delivery lines' returned totals, and the
`sales.goods_returned.v1` event that makes inventory take the goods into stock, all in one transaction.

The locks follow the order every sales writer takes: the order and its lines, then the delivery and its
lines. Returns leave the order's delivered and invoiced quantities alone (money goes back through a credit
note), so the order is locked only to keep that order, not to change it.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from erp_shared.events import Envelope, new_event
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from .delivery_queries import get_delivery
from .events import GOODS_RETURNED
from .models import Delivery, DeliveryLine, GoodsReturn, GoodsReturnLine, SalesOrder, document_counters, outbox
from .ordering_store import lock_order
from .return_domain import book_return
from .return_queries import present_return

RETURN_PREFIX = "RET"
EVENT_LINE_FIELDS = ("delivery_line_id", "item_id", "warehouse_id", "quantity")


def goods_returned_event(goods_return: GoodsReturn, delivery: Delivery, order: SalesOrder) -> Envelope:
    """Subject is the return and sequence 1: a return never changes once made."""
    data = {
        "return_id": goods_return.id, "return_no": goods_return.number, "delivery_id": delivery.id,
        "delivery_no": delivery.number, "order_id": order.id, "customer_id": goods_return.customer_id,
        "returned_at": goods_return.returned_at, "reason": goods_return.reason,
        "lines": [{"return_line_id": line.id, **{name: getattr(line, name) for name in EVENT_LINE_FIELDS}}
                  for line in goods_return.lines],
    }
    return new_event(GOODS_RETURNED, data, subject=str(goods_return.id), sequence=1)


def lock_delivery(session: Session, delivery_id: uuid.UUID) -> tuple[Delivery, SalesOrder]:
    """The delivery's order (row, then lines), then the delivery row, then its lines, all `FOR UPDATE`; 404
    for an unknown delivery. The order id is read first without a lock: a delivery never changes its order."""
    order = lock_order(session, get_delivery(session, delivery_id).sales_order_id)
    delivery = session.execute(select(Delivery).where(Delivery.id == delivery_id).with_for_update()
                               .execution_options(populate_existing=True)).scalar_one()
    lines = session.execute(select(DeliveryLine).where(DeliveryLine.delivery_id == delivery_id)
                            .order_by(DeliveryLine.id).with_for_update()
                            .execution_options(populate_existing=True)).scalars().all()
    set_committed_value(delivery, "lines", sorted(lines, key=lambda line: line.line_no))
    return delivery, order


def return_goods(session: Session, delivery_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """Runs inside `idempotent_create`'s unit of work, so a retried return is answered, not booked twice.
    The number is taken after the locks, so a refused return never holds the counter."""
    delivery, order = lock_delivery(session, delivery_id)
    now = datetime.now(timezone.utc)
    returned_at = (values.get("returned_at") or now).astimezone(timezone.utc)
    booked = book_return(delivery, values["lines"], returned_at=returned_at, now=now)
    goods_return = GoodsReturn(
        id=uuid.uuid4(), number=next_number(session, document_counters, RETURN_PREFIX), delivery_id=delivery.id,
        sales_order_id=order.id, customer_id=delivery.customer_id, returned_at=returned_at,
        reason=values["reason"], returned_by=principal.username, created_at=now,
        lines=[GoodsReturnLine(id=uuid.uuid4(), **line) for line in booked])
    session.add(goods_return)
    session.flush()
    record_events(session, outbox, goods_returned_event(goods_return, delivery, order))
    return present_return(session, goods_return, delivery.number, order.number)
