"""Purchase requisitions: a need for an item (from planning or by hand) until a buyer orders it.

open → ordered (converted into a draft purchase order, all in one transaction) or cancelled.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.errors import Conflict, NotFound, RuleViolation
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from .models import PurchaseRequisition, document_counters
from .ordering_domain import to_scale
from .ordering_queries import present_order, today
from .ordering_references import require_active_items
from .ordering_services import place_draft

OPEN, ORDERED, CANCELLED = "open", "ordered", "cancelled"
STATUSES = (OPEN, ORDERED, CANCELLED)
MANUAL = "manual"
FIELDS = ("id", "number", "item_id", "quantity", "needed_by", "origin", "status", "purchase_order_id",
          "requested_by", "notes", "created_at")


def present_requisition(requisition: PurchaseRequisition) -> dict:
    return {name: getattr(requisition, name) for name in FIELDS}


def create_requisition(session: Session, values: dict, principal: Principal) -> dict:
    require_active_items(session, [values["item_id"]], lambda index: "item_id")
    requisition = PurchaseRequisition(
        id=uuid.uuid4(), number=next_number(session, document_counters, "PR"), item_id=values["item_id"],
        quantity=to_scale(values["quantity"]), needed_by=values.get("needed_by"), origin=MANUAL, status=OPEN,
        requested_by=principal.username, notes=values.get("notes"), created_at=datetime.now(timezone.utc))
    session.add(requisition)
    session.flush()
    return present_requisition(requisition)


def list_requisitions(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    conditions = [getattr(PurchaseRequisition, name) == filters[name]
                  for name in ("status", "item_id", "purchase_order_id") if name in filters]
    with db.unit_of_work() as session:
        total = session.execute(select(func.count()).select_from(PurchaseRequisition).where(*conditions)).scalar_one()
        rows = session.execute(select(PurchaseRequisition).where(*conditions)
                               .order_by(PurchaseRequisition.number.desc())
                               .offset((page - 1) * page_size).limit(page_size)).scalars().all()
        return [present_requisition(row) for row in rows], total


def _requisition(session: Session, requisition_id: uuid.UUID, *, for_update: bool = False) -> PurchaseRequisition:
    query = select(PurchaseRequisition).where(PurchaseRequisition.id == requisition_id)
    requisition = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if requisition is None:
        raise NotFound(f"no purchase requisition with id {requisition_id}")
    return requisition


def read_requisition(db: Database, requisition_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        return present_requisition(_requisition(session, requisition_id))


def cancel_requisition(db: Database, requisition_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        requisition = _requisition(session, requisition_id, for_update=True)
        if requisition.status != OPEN:
            raise Conflict(f"requisition {requisition.number} is {requisition.status}; only an open one can be "
                           "cancelled", field="status")
        requisition.status = CANCELLED
        return present_requisition(requisition)


def _open_requisitions(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, PurchaseRequisition]:
    """The requisitions, locked in id order (so concurrent conversions queue, never deadlock), all open."""
    rows = session.execute(select(PurchaseRequisition).where(PurchaseRequisition.id.in_(ids))
                           .order_by(PurchaseRequisition.id).with_for_update()).scalars().all()
    found = {row.id: row for row in rows}
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise RuleViolation(f"unknown requisitions: {', '.join(unknown)}", field="requisition_ids")
    taken = [row for row in rows if row.status != OPEN]
    if taken:
        raise Conflict("only open requisitions can be ordered: " + ", ".join(
            f"{row.number} is {row.status}" for row in taken), field="requisition_ids")
    return found


def _line(requisition: PurchaseRequisition, unit_price, order_date) -> dict:
    """A need dated in the past gives the supplier no date to meet: the buyer sets one on the draft."""
    needed_by = requisition.needed_by
    notes = requisition.number + (f": {requisition.notes}" if requisition.notes else "")
    return {"item_id": requisition.item_id, "quantity": requisition.quantity, "unit_price": unit_price,
            "expected_date": needed_by if needed_by and needed_by >= order_date else None, "notes": notes}


def order_requisitions(session: Session, values: dict, principal: Principal) -> dict:
    """A draft order with one line per requisition (in the order given); the requisitions become ordered."""
    ids = values["requisition_ids"]
    requisitions = _open_requisitions(session, ids)
    prices = values.get("unit_prices") or {}
    missing = {f"unit_prices.{r.item_id}": [f"no unit price for the item of {r.number}"]
               for r in requisitions.values() if r.item_id not in prices}
    if missing:
        raise RuleViolation(next(iter(missing.values()))[0], errors=missing)
    order_date = values.get("order_date") or today()
    lines = [_line(requisitions[i], prices[requisitions[i].item_id], order_date) for i in ids]
    order = place_draft(session, {"supplier_id": values["supplier_id"], "order_date": order_date,
                                  "notes": values.get("notes"), "lines": lines}, principal)
    for requisition in requisitions.values():
        requisition.status = ORDERED
        requisition.purchase_order_id = order.id
    session.flush()
    return present_order(session, order)
