"""Purchase order use cases: one transaction each — lock the order, let the domain decide, commit.

Creates take the caller's session (they run inside `idempotent_create`'s unit of work); every other use case
opens its own unit of work.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import ordering_domain as domain
from .models import PurchaseOrder, PurchaseOrderLine, document_counters
from .ordering_queries import present_order
from .ordering_references import active_supplier, require_active_items
from .ordering_settings import current_settings
from .ordering_store import lock_order

LINE_VALUES = ("item_id", "quantity", "unit_price", "line_amount", "expected_date", "quality_standard", "notes")
RUNNING_TOTALS = ("quantity_received", "quantity_accepted", "quantity_rejected", "quantity_invoiced")
NOTHING_YET = Decimal("0.0000")


def now() -> datetime:
    return datetime.now(timezone.utc)


def order_lines(session: Session, lines: list[dict], order_date: date) -> tuple[list[PurchaseOrderLine], Decimal]:
    """New line rows (numbered, priced) for an order, their items checked against the read model."""
    require_active_items(session, [line["item_id"] for line in lines], lambda index: f"lines[{index}].item_id")
    priced, total = domain.priced_lines(lines, order_date)
    return [PurchaseOrderLine(id=uuid.uuid4(), line_no=line["line_no"],
                              **{name: line.get(name) for name in LINE_VALUES},
                              **{name: NOTHING_YET for name in RUNNING_TOTALS}) for line in priced], total


def place_draft(session: Session, values: dict, principal: Principal) -> PurchaseOrder:
    """A new draft order. The number is taken last, so its counter row stays locked only until commit."""
    active_supplier(session, values["supplier_id"])
    order_date = values.get("order_date") or now().date()
    lines, total = order_lines(session, values["lines"], order_date)
    stamp = now()
    order = PurchaseOrder(
        id=uuid.uuid4(), supplier_id=values["supplier_id"], status=domain.DRAFT, order_date=order_date,
        notes=values.get("notes"), total_amount=total, created_by=principal.subject,
        created_by_name=principal.username, version=1, created_at=stamp, updated_at=stamp, lines=lines)
    order.number = next_number(session, document_counters, "PO")
    session.add(order)
    session.flush()
    return order


def create_purchase_order(session: Session, values: dict, principal: Principal) -> dict:
    return present_order(session, place_draft(session, values, principal))


def change_purchase_order(db: Database, order_id: uuid.UUID, values: dict) -> dict:
    """Replace header fields and/or the whole set of lines of a draft."""
    with db.unit_of_work() as session:
        order = lock_order(session, order_id)
        domain.edit(order, now())
        if "supplier_id" in values:
            active_supplier(session, values["supplier_id"])
            order.supplier_id = values["supplier_id"]
        if "order_date" in values:
            order.order_date = values["order_date"]
        if "notes" in values:
            order.notes = values["notes"]
        if "lines" in values:
            lines, total = order_lines(session, values["lines"], order.order_date)
            order.lines.clear()
            session.flush()  # the old line numbers must be gone before the new ones are inserted
            order.lines.extend(lines)
            order.total_amount = total
        else:
            domain.priced_lines([{name: getattr(line, name) for name in LINE_VALUES} for line in order.lines],
                                order.order_date)
        session.flush()
        return present_order(session, order)


def _transition(db: Database, order_id: uuid.UUID, change) -> dict:
    with db.unit_of_work() as session:
        order = lock_order(session, order_id)
        change(session, order)
        session.flush()
        return present_order(session, order)


def submit_purchase_order(db: Database, order_id: uuid.UUID) -> dict:
    def submit(session, order):
        threshold = current_settings(session).approval_threshold
        domain.submit(order, approval_threshold=threshold, now=now())
    return _transition(db, order_id, submit)


def approve_purchase_order(db: Database, order_id: uuid.UUID, principal: Principal) -> dict:
    return _transition(db, order_id, lambda session, order: domain.approve(
        order, approver_id=principal.subject, approver_name=principal.username, now=now()))


def send_purchase_order(db: Database, order_id: uuid.UUID) -> dict:
    return _transition(db, order_id, lambda session, order: domain.send(order, now()))


def cancel_purchase_order(db: Database, order_id: uuid.UUID, reason: str) -> dict:
    return _transition(db, order_id, lambda session, order: domain.cancel(order, reason=reason, now=now()))


def close_purchase_order(db: Database, order_id: uuid.UUID) -> dict:
    return _transition(db, order_id, lambda session, order: domain.close(order, now()))
