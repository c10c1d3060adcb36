"""Read side of delivery notes: one note with its lines (item and warehouse from the read models, and the
cost inventory reported once it has), the notes of an order, all notes, and one note by id."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from erp_shared.db import Database
from erp_shared.errors import NotFound
from erp_shared.web.sorting import Sorting

from .models import Customer, Delivery, SalesOrder
from .ordering_references import items_by_id, warehouses_by_id
from .ordering_store import get_order

HEADER_FIELDS = ("id", "number", "sales_order_id", "customer_id", "delivered_at", "delivered_by", "notes",
                 "created_at")
LINE_FIELDS = ("id", "line_no", "order_line_id", "item_id", "warehouse_id", "quantity", "quantity_returned",
               "unit_cost", "cost")


def present_delivery(session: Session, delivery: Delivery, order_number: str | None = None,
                     customer: Customer | None = None) -> dict:
    order_number = order_number or session.get(SalesOrder, delivery.sales_order_id).number
    customer = customer or session.get(Customer, delivery.customer_id)
    return present_deliveries(session, [(delivery, order_number, customer)])[0]


def present_deliveries(session: Session, notes: list[tuple[Delivery, str, Customer]]) -> list[dict]:
    """Notes with their order number and customer; the items and warehouses of all their lines are read in
    one query each, not per note."""
    lines = [line for delivery, _, _ in notes for line in delivery.lines]
    items = items_by_id(session, {line.item_id for line in lines})
    warehouses = warehouses_by_id(session, {line.warehouse_id for line in lines})
    return [_presented(delivery, order_number, customer, items, warehouses)
            for delivery, order_number, customer in notes]


def _presented(delivery: Delivery, order_number: str, customer: Customer, items: dict, warehouses: dict) -> dict:
    lines = []
    for line in delivery.lines:
        item, warehouse = items.get(line.item_id), warehouses.get(line.warehouse_id)
        lines.append({**{name: getattr(line, name) for name in LINE_FIELDS},
                      "item_code": item.code if item else None, "item_name": item.name if item else None,
                      "unit": item.unit if item else None, "warehouse_code": warehouse.code if warehouse else None})
    costs = [line.cost for line in delivery.lines]
    return {**{name: getattr(delivery, name) for name in HEADER_FIELDS}, "order_number": order_number,
            "customer_code": customer.code, "customer_name": customer.name, "customer_address": customer.address,
            "total_cost": None if None in costs else sum(costs), "lines": lines}


def get_delivery(session: Session, delivery_id: uuid.UUID) -> Delivery:
    delivery = session.get(Delivery, delivery_id)
    if delivery is None:
        raise NotFound(f"no delivery note with id {delivery_id}")
    return delivery


def read_delivery(db: Database, delivery_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        return present_delivery(session, get_delivery(session, delivery_id))


def deliveries_of_order(db: Database, order_id: uuid.UUID, page: int, page_size: int) -> tuple[list[dict], int]:
    """Oldest first: the order in which the goods left. 404 for an unknown order."""
    with db.unit_of_work() as session:
        order = get_order(session, order_id)
        customer = session.get(Customer, order.customer_id)
        condition = Delivery.sales_order_id == order_id
        total = session.execute(select(func.count()).select_from(Delivery).where(condition)).scalar_one()
        deliveries = session.execute(
            select(Delivery).where(condition).options(selectinload(Delivery.lines))
            .order_by(Delivery.number).offset((page - 1) * page_size).limit(page_size)).scalars().all()
        return present_deliveries(session, [(delivery, order.number, customer) for delivery in deliveries]), total


DELIVERY_SORTING = Sorting(
    {"number": Delivery.number, "delivered_at": Delivery.delivered_at, "order_number": SalesOrder.number,
     "customer_name": Customer.name},
    tie_breaker=Delivery.id, default=(Delivery.number.desc(),))


def list_deliveries(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Every note, newest number first unless `sort` says otherwise; `number` matches a prefix."""
    conditions = []
    if "customer_id" in filters:
        conditions.append(Delivery.customer_id == filters["customer_id"])
    if "number" in filters:
        conditions.append(Delivery.number.istartswith(filters["number"], autoescape=True))
    with db.unit_of_work() as session:
        total = session.execute(select(func.count()).select_from(Delivery).where(*conditions)).scalar_one()
        rows = session.execute(
            select(Delivery, SalesOrder.number, Customer)
            .join(SalesOrder, SalesOrder.id == Delivery.sales_order_id)
            .join(Customer, Customer.id == Delivery.customer_id)
            .where(*conditions).options(selectinload(Delivery.lines))
            .order_by(*DELIVERY_SORTING.order_by(filters.get("sort")))
            .offset((page - 1) * page_size).limit(page_size)).all()
        return present_deliveries(session, [tuple(row) for row in rows]), total
