"""Read side of purchase orders: one order with its lines as people read it, and the filtered list."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from sqlalchemy import and_, exists, func, not_, select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.web.sorting import Sorting

from .models import PurchaseOrder, PurchaseOrderLine, Supplier
from .ordering_domain import RECEIVABLE, days_overdue, open_quantity
from .ordering_references import items_by_id
from .ordering_store import get_order

HEADER_FIELDS = ("id", "number", "status", "supplier_id", "order_date", "notes", "total_amount", "created_by",
                 "created_by_name", "submitted_at", "approved_by", "approved_by_name", "approved_at", "sent_at",
                 "closed_at", "cancelled_at", "cancel_reason", "version", "created_at", "updated_at")
LINE_FIELDS = ("id", "line_no", "item_id", "quantity", "unit_price", "line_amount", "expected_date",
               "quality_standard", "notes", "quantity_received", "quantity_accepted", "quantity_rejected",
               "quantity_invoiced")


def today() -> date:
    return datetime.now(timezone.utc).date()


def present_header(order: PurchaseOrder, supplier: Supplier) -> dict:
    return {**{name: getattr(order, name) for name in HEADER_FIELDS},
            "supplier_code": supplier.code, "supplier_name": supplier.name}


def present_order(session: Session, order: PurchaseOrder) -> dict:
    """The order with each line's item (code, name, unit from the read model) and what is still open."""
    items = items_by_id(session, (line.item_id for line in order.lines))
    on = today()
    lines = []
    for line in order.lines:
        item = items.get(line.item_id)
        lines.append({
            **{name: getattr(line, name) for name in LINE_FIELDS},
            "item_code": item.code if item else None, "item_name": item.name if item else None,
            "unit": item.unit if item else None,
            "open_quantity": open_quantity(order.status, line.quantity, line.quantity_accepted),
            "days_overdue": days_overdue(order.status, line.expected_date, line.quantity,
                                         line.quantity_accepted, on),
        })
    return {**present_header(order, session.get(Supplier, order.supplier_id)), "lines": lines}


def read_order(db: Database, order_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        return present_order(session, get_order(session, order_id))


def overdue_line_exists(on: date):
    """An order still expecting goods on a line whose expected date has passed."""
    line = PurchaseOrderLine
    return exists().where(line.purchase_order_id == PurchaseOrder.id, line.expected_date < on,
                          line.quantity_accepted < line.quantity)


def order_conditions(filters: dict) -> list:
    conditions = []
    if "status" in filters:
        conditions.append(PurchaseOrder.status == filters["status"])
    if "supplier_id" in filters:
        conditions.append(PurchaseOrder.supplier_id == filters["supplier_id"])
    if "number" in filters:
        conditions.append(PurchaseOrder.number.istartswith(filters["number"], autoescape=True))
    if "item_id" in filters:
        conditions.append(exists().where(PurchaseOrderLine.purchase_order_id == PurchaseOrder.id,
                                         PurchaseOrderLine.item_id == filters["item_id"]))
    if "late" in filters:
        late = and_(PurchaseOrder.status.in_(RECEIVABLE), overdue_line_exists(today()))
        conditions.append(late if filters["late"] else not_(late))
    return conditions


ORDER_SORTING = Sorting(
    {"number": PurchaseOrder.number, "order_date": PurchaseOrder.order_date, "status": PurchaseOrder.status,
     "total_amount": PurchaseOrder.total_amount, "updated_at": PurchaseOrder.updated_at,
     "supplier_name": Supplier.name},
    tie_breaker=PurchaseOrder.id, default=(PurchaseOrder.number.desc(),))


def list_orders(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest number first unless `sort` says otherwise; `number` matches a prefix, `late` orders still
    expecting overdue goods."""
    conditions = order_conditions(filters)
    query = (select(PurchaseOrder, Supplier).join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
             .where(*conditions).order_by(*ORDER_SORTING.order_by(filters.get("sort")))
             .offset((page - 1) * page_size).limit(page_size))
    with db.unit_of_work() as session:
        total = session.execute(select(func.count()).select_from(PurchaseOrder).where(*conditions)).scalar_one()
        return [present_header(order, supplier) for order, supplier in session.execute(query).all()], total
