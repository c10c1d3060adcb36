"""Read side: the read models finance keeps of other services' master data (see handlers.py)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from .models import (customer_replica, department_replica, employee_replica, item_replica, supplier_replica,
                     warehouse_replica)


@dataclass(frozen=True)
class ReadModel:
    table: Table
    business_key: str = "code"  # what people look a record up by, and the listing order


READ_MODELS = {
    "items": ReadModel(item_replica),
    "warehouses": ReadModel(warehouse_replica),
    "suppliers": ReadModel(supplier_replica),
    "customers": ReadModel(customer_replica),
    "departments": ReadModel(department_replica),
    "employees": ReadModel(employee_replica, business_key="employee_no"),
}


def find_replicas(session: Session, model: ReadModel, *, filters: dict, page: int = 1,
                  page_size: int = 50) -> tuple[list[dict], int]:
    """Rows matching every given filter (column = value), one page of them, and how many match in all."""
    table = model.table
    query = select(table)
    for column, value in filters.items():
        if value is not None:
            query = query.where(table.c[column] == value)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(query.order_by(table.c[model.business_key], table.c.id)
                           .offset((page - 1) * page_size).limit(page_size)).mappings().all()
    return [dict(row) for row in rows], total
