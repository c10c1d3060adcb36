"""Loading purchase orders for a change: the order row, then its lines, locked in that fixed order.

Writers take the locks in one fixed order — the order row first, then the lines in id order (the order
supplier invoices lock the lines they name in) — so two writers queue instead of deadlocking, and a check
made under the locks (open quantity, status) still holds at commit.
"""
from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from erp_shared.errors import NotFound

from .models import PurchaseOrder, PurchaseOrderLine


def lock_order(session: Session, order_id: uuid.UUID) -> PurchaseOrder:
    """The order and its lines, `SELECT .. FOR UPDATE`, order row first; 404 when there is no such order.
    The lines come back in line-number order."""
    order = session.execute(
        select(PurchaseOrder).where(PurchaseOrder.id == order_id).with_for_update()
        .execution_options(populate_existing=True)).scalar_one_or_none()
    if order is None:
        raise NotFound(f"no purchase order with id {order_id}")
    lines = session.execute(
        select(PurchaseOrderLine).where(PurchaseOrderLine.purchase_order_id == order_id)
        .order_by(PurchaseOrderLine.id).with_for_update()
        .execution_options(populate_existing=True)).scalars().all()
    set_committed_value(order, "lines", sorted(lines, key=lambda line: line.line_no))
    return order


def get_order(session: Session, order_id: uuid.UUID) -> PurchaseOrder:
    order = session.get(PurchaseOrder, order_id)
    if order is None:
        raise NotFound(f"no purchase order with id {order_id}")
    return order
