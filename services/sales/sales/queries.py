"""Read side: the inventory records sales keeps as read models, so its checks never call inventory."""
from __future__ import annotations

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from .models import item_replica, warehouse_replica


def _replica_rows(session: Session, table: Table, filters: dict, *, page: int, page_size: int):
    query = select(table)
    for column, value in filters.items():
        query = query.where(table.c[column] == value)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(query.order_by(table.c.code).offset((page - 1) * page_size).limit(page_size))
    return [dict(row) for row in rows.mappings()], total


def replicated_items(session: Session, filters: dict, *, page: int = 1, page_size: int = 50):
    return _replica_rows(session, item_replica, filters, page=page, page_size=page_size)


def replicated_warehouses(session: Session, filters: dict, *, page: int = 1, page_size: int = 50):
    return _replica_rows(session, warehouse_replica, filters, page=page, page_size=page_size)
