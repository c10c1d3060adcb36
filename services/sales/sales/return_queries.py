"""Read side of returns: one return with its lines (item and warehouse from the read models, and the cost
inventory took the goods back at once it reported it), a delivery's returns, and one return by id."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from erp_shared.db import Database
from erp_shared.errors import NotFound

from .delivery_queries import get_delivery
from .models import Customer, Delivery, GoodsReturn, SalesOrder
from .ordering_references import items_by_id, warehouses_by_id

HEADER_FIELDS = ("id", "number", "delivery_id", "sales_order_id", "customer_id", "returned_at", "reason",
                 "returned_by", "created_at")
LINE_FIELDS = ("id", "line_no", "delivery_line_id", "order_line_id", "item_id", "warehouse_id", "quantity",
               "unit_cost", "cost")


def present_return(session: Session, goods_return: GoodsReturn, delivery_number: str | None = None,
                   order_number: str | None = None) -> dict:
    delivery_number = delivery_number or session.get(Delivery, goods_return.delivery_id).number
    order_number = order_number or session.get(SalesOrder, goods_return.sales_order_id).number
    customer = session.get(Customer, goods_return.customer_id)
    items = items_by_id(session, (line.item_id for line in goods_return.lines))
    warehouses = warehouses_by_id(session, (line.warehouse_id for line in goods_return.lines))
    lines = []
    for line in goods_return.lines:
        item, warehouse = items.get(line.item_id), warehouses.get(line.warehouse_id)
        lines.append({**{name: getattr(line, name) for name in LINE_FIELDS},
                      "item_code": item.code if item else None, "item_name": item.name if item else None,
                      "unit": item.unit if item else None, "warehouse_code": warehouse.code if warehouse else None})
    costs = [line.cost for line in goods_return.lines]
    return {**{name: getattr(goods_return, name) for name in HEADER_FIELDS}, "delivery_number": delivery_number,
            "order_number": order_number, "customer_code": customer.code, "customer_name": customer.name,
            "total_cost": None if None in costs else sum(costs), "lines": lines}


def read_return(db: Database, return_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        goods_return = session.get(GoodsReturn, return_id)
        if goods_return is None:
            raise NotFound(f"no return with id {return_id}")
        return present_return(session, goods_return)


def returns_of_delivery(db: Database, delivery_id: uuid.UUID, page: int, page_size: int) -> tuple[list[dict], int]:
    """Oldest first: the order in which the goods came back. 404 for an unknown delivery."""
    with db.unit_of_work() as session:
        delivery = get_delivery(session, delivery_id)
        order_number = session.get(SalesOrder, delivery.sales_order_id).number
        condition = GoodsReturn.delivery_id == delivery_id
        total = session.execute(select(func.count()).select_from(GoodsReturn).where(condition)).scalar_one()
        goods_returns = session.execute(
            select(GoodsReturn).where(condition).options(selectinload(GoodsReturn.lines))
            .order_by(GoodsReturn.number).offset((page - 1) * page_size).limit(page_size)).scalars().all()
        return [present_return(session, goods_return, delivery.number, order_number)
                for goods_return in goods_returns], total
