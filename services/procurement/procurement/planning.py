"""Purchase planning: the stock projection kept from inventory's events, reorder suggestions, and turning
them into requisitions a buyer converts into purchase orders."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import Row, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.errors import PermanentEventError
from erp_shared.events import Envelope
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from .models import PurchaseOrder, PurchaseOrderLine, PurchaseRequisition, document_counters, item_replica, item_stock
from .ordering_domain import ON_ORDER
from .planning_domain import PLANNED_ITEM_TYPES, StockPosition, suggestions
from .requisitions import present_requisition

REORDER = "reorder"
PLANNING_LOCK = "procurement:purchase-planning"


def record_stock_level(session: Session, event: Envelope, data: dict) -> None:
    """Keep an item's on-hand; only a newer sequence (the item's movement count) wins, so duplicates and
    out-of-order deliveries change nothing."""
    if event.sequence is None:
        raise PermanentEventError(f"{event.type} carries no sequence; the stock projection needs one")
    statement = pg_insert(item_stock).values(item_id=data["item_id"], on_hand=data["on_hand"],
                                             sequence=event.sequence)
    session.execute(statement.on_conflict_do_update(
        index_elements=[item_stock.c.item_id],
        set_={"on_hand": statement.excluded.on_hand, "sequence": statement.excluded.sequence},
        where=item_stock.c.sequence < statement.excluded.sequence))


def _positions(session: Session) -> list[tuple[StockPosition, Row]]:
    """Every planned item with what it has, what is on order (open quantity on orders not yet closed or
    cancelled) and what open requisitions already ask for."""
    line = PurchaseOrderLine
    on_order = (select(line.item_id, func.sum(func.greatest(line.quantity - line.quantity_accepted, 0)).label("qty"))
                .join(PurchaseOrder, PurchaseOrder.id == line.purchase_order_id)
                .where(PurchaseOrder.status.in_(ON_ORDER)).group_by(line.item_id).subquery())
    requisitioned = (select(PurchaseRequisition.item_id, func.sum(PurchaseRequisition.quantity).label("qty"))
                     .where(PurchaseRequisition.status == "open").group_by(PurchaseRequisition.item_id).subquery())
    query = (select(item_replica, func.coalesce(item_stock.c.on_hand, 0).label("on_hand"),
                    func.coalesce(on_order.c.qty, 0).label("on_order"),
                    func.coalesce(requisitioned.c.qty, 0).label("requisitioned"))
             .outerjoin(item_stock, item_stock.c.item_id == item_replica.c.id)
             .outerjoin(on_order, on_order.c.item_id == item_replica.c.id)
             .outerjoin(requisitioned, requisitioned.c.item_id == item_replica.c.id)
             .where(item_replica.c.active, item_replica.c.item_type.in_(PLANNED_ITEM_TYPES))
             .order_by(item_replica.c.code))
    return [(StockPosition(item_id=row.id, on_hand=row.on_hand, on_order=row.on_order,
                           requisitioned=row.requisitioned, reorder_level=row.reorder_level,
                           reorder_quantity=row.reorder_quantity), row)
            for row in session.execute(query).all()]


def _suggestions(session: Session) -> list[dict]:
    positions = _positions(session)
    items = {position.item_id: item for position, item in positions}
    return [{"item_id": position.item_id, "item_code": items[position.item_id].code,
             "item_name": items[position.item_id].name, "unit": items[position.item_id].unit,
             "on_hand": position.on_hand, "on_order": position.on_order, "requisitioned": position.requisitioned,
             "projected": position.projected, "reorder_level": position.reorder_level,
             "reorder_quantity": position.reorder_quantity, "suggested_quantity": quantity}
            for position, quantity in suggestions([position for position, _ in positions])]


def reorder_suggestions(db: Database) -> list[dict]:
    with db.unit_of_work() as session:
        return _suggestions(session)


def requisition_suggestions(session: Session, principal: Principal) -> list[dict]:
    """One `reorder` requisition per current suggestion. Runs are serialised (advisory lock) so two buyers
    clicking at once cannot requisition the same shortage twice."""
    session.execute(select(func.pg_advisory_xact_lock(func.hashtext(PLANNING_LOCK))))
    created = []
    now = datetime.now(timezone.utc)
    for suggestion in _suggestions(session):
        requisition = PurchaseRequisition(
            id=uuid.uuid4(), number=next_number(session, document_counters, "PR"), item_id=suggestion["item_id"],
            quantity=suggestion["suggested_quantity"], origin=REORDER, status="open",
            requested_by=principal.username, created_at=now,
            notes=f"reorder: projected {suggestion['projected']:f} at or below level {suggestion['reorder_level']:f}")
        session.add(requisition)
        created.append(requisition)
    session.flush()
    return [present_requisition(requisition) for requisition in created]
