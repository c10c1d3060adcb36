"""Loading sales orders for a change: the order row, then its lines, locked in that fixed order.

Every writer — the API's use cases, the saga reply handler, the timeout sweep and deliveries — takes the
locks in this one order, so they queue instead of deadlocking, and a check made under the locks (status,
what is still deliverable) still holds at commit.
"""
from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from erp_shared.errors import NotFound

from .models import SalesOrder, SalesOrderLine


def lock_lines(session: Session, order: SalesOrder) -> SalesOrder:
    lines = session.execute(
        select(SalesOrderLine).where(SalesOrderLine.sales_order_id == order.id)
        .order_by(SalesOrderLine.id).with_for_update()
        .execution_options(populate_existing=True)).scalars().all()
    set_committed_value(order, "lines", sorted(lines, key=lambda line: line.line_no))
    return order


def find_locked_order(session: Session, order_id: uuid.UUID) -> SalesOrder | None:
    """The order and its lines `SELECT .. FOR UPDATE`, order row first; None when there is no such order."""
    order = session.execute(
        select(SalesOrder).where(SalesOrder.id == order_id).with_for_update()
        .execution_options(populate_existing=True)).scalar_one_or_none()
    return None if order is None else lock_lines(session, order)


def lock_order(session: Session, order_id: uuid.UUID) -> SalesOrder:
    """As `find_locked_order`, but 404 when there is no such order."""
    order = find_locked_order(session, order_id)
    if order is None:
        raise NotFound(f"no sales order with id {order_id}")
    return order


def get_order(session: Session, order_id: uuid.UUID) -> SalesOrder:
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound(f"no sales order with id {order_id}")
    return order
