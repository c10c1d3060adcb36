"""Read side of sales orders: one order with its lines as people read it, and the filtered list."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.web.sorting import Sorting

from .delivery_domain import deliverable_quantity
from .models import Customer, SalesOrder
from .ordering_references import items_by_id, warehouses_by_id
from .ordering_store import get_order

HEADER_FIELDS = ("id", "number", "status", "customer_id", "order_date", "requested_date", "notes", "net_total",
                 "tax_total", "total_amount", "invoiced_amount", "created_by", "created_by_name", "confirmed_by",
                 "confirmed_by_name", "confirmed_at", "credit_exposure", "credit_limit", "credit_released_by",
                 "credit_released_by_name", "credit_released_at", "reservation_requested_at",
                 "reservation_resends", "reservation_status", "reservation_replied_at", "cancelled_at",
                 "cancel_reason", "version", "created_at", "updated_at")
LINE_FIELDS = ("id", "line_no", "item_id", "warehouse_id", "quantity", "unit_price", "discount_pct", "tax_rate",
               "net_amount", "tax_amount", "quantity_reserved", "quantity_backordered", "quantity_issued",
               "quantity_delivered", "quantity_invoiced")


def present_header(order: SalesOrder, customer: Customer) -> dict:
    return {**{name: getattr(order, name) for name in HEADER_FIELDS},
            "customer_code": customer.code, "customer_name": customer.name}


def present_order(session: Session, order: SalesOrder) -> dict:
    """The order with each line's item and warehouse (from the read models) and what may still be delivered."""
    items = items_by_id(session, (line.item_id for line in order.lines))
    warehouses = warehouses_by_id(session, (line.warehouse_id for line in order.lines))
    lines = []
    for line in order.lines:
        item, warehouse = items.get(line.item_id), warehouses.get(line.warehouse_id)
        lines.append({
            **{name: getattr(line, name) for name in LINE_FIELDS},
            "item_code": item.code if item else None, "item_name": item.name if item else None,
            "unit": item.unit if item else None, "warehouse_code": warehouse.code if warehouse else None,
            "quantity_deliverable": deliverable_quantity(order.status, line.quantity, line.quantity_reserved,
                                                         line.quantity_issued, line.quantity_delivered),
        })
    return {**present_header(order, session.get(Customer, order.customer_id)), "lines": lines}


def read_order(db: Database, order_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        return present_order(session, get_order(session, order_id))


def order_conditions(filters: dict) -> list:
    conditions = []
    if "status" in filters:
        conditions.append(SalesOrder.status == filters["status"])
    if "customer_id" in filters:
        conditions.append(SalesOrder.customer_id == filters["customer_id"])
    if "number" in filters:
        conditions.append(SalesOrder.number.istartswith(filters["number"], autoescape=True))
    return conditions


ORDER_SORTING = Sorting(
    {"number": SalesOrder.number, "order_date": SalesOrder.order_date, "requested_date": SalesOrder.requested_date,
     "status": SalesOrder.status, "total_amount": SalesOrder.total_amount, "customer_name": Customer.name},
    tie_breaker=SalesOrder.id, default=(SalesOrder.number.desc(),))


def list_orders(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest number first unless `sort` says otherwise; `number` matches a prefix."""
    conditions = order_conditions(filters)
    query = (select(SalesOrder, Customer).join(Customer, Customer.id == SalesOrder.customer_id)
             .where(*conditions).order_by(*ORDER_SORTING.order_by(filters.get("sort")))
             .offset((page - 1) * page_size).limit(page_size))
    with db.unit_of_work() as session:
        total = session.execute(select(func.count()).select_from(SalesOrder).where(*conditions)).scalar_one()
        return [present_header(order, customer) for order, customer in session.execute(query).all()], total
