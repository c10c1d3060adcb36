"""Read side of transfers: one transfer with its lines and the batches they were shipped from, and the list."""
from __future__ import annotations

import uuid

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from erp_shared.db import Database
from erp_shared.errors import NotFound
from erp_shared.web.sorting import Sorting

from .models import Item, Transfer, TransferLine, Warehouse

HEADER_FIELDS = ("id", "number", "status", "from_warehouse_id", "to_warehouse_id", "notes", "created_by_name",
                 "created_at", "shipped_by_name", "shipped_at", "received_by_name", "received_at", "cancelled_at",
                 "total_loss", "version")


def _codes(session: Session, model, ids) -> dict:
    ids = set(ids)
    return dict(session.execute(select(model.id, model.code).where(model.id.in_(ids))).all()) if ids else {}


def present_transfer(session: Session, transfer: Transfer) -> dict:
    session.flush()
    warehouses = _codes(session, Warehouse, {transfer.from_warehouse_id, transfer.to_warehouse_id})
    items = _codes(session, Item, {line.item_id for line in transfer.lines})
    return {
        **{name: getattr(transfer, name) for name in HEADER_FIELDS},
        "from_warehouse_code": warehouses.get(transfer.from_warehouse_id),
        "to_warehouse_code": warehouses.get(transfer.to_warehouse_id),
        "lines": [{
            "id": line.id, "line_no": line.line_no, "item_id": line.item_id, "item_code": items.get(line.item_id),
            "batch_no": line.batch_no, "quantity": line.quantity, "quantity_received": line.quantity_received,
            "quantity_lost": None if line.quantity_received is None else line.quantity - line.quantity_received,
            "shipped": [{"batch_no": part.batch_no or None, "quantity": part.quantity, "unit_cost": part.unit_cost,
                         "value": part.value, "quantity_received": part.quantity_received,
                         "value_received": part.value_received, "value_lost": part.value_lost}
                        for part in line.parts],
        } for line in transfer.lines],
    }


def read_transfer(db: Database, transfer_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        transfer = session.get(Transfer, transfer_id)
        if transfer is None:
            raise NotFound(f"no transfer with id {transfer_id}")
        return present_transfer(session, transfer)


TRANSFER_SORTING = Sorting(
    {name: getattr(Transfer, name) for name in ("number", "status", "created_at", "shipped_at", "received_at")},
    tie_breaker=Transfer.id, default=(Transfer.created_at.desc(), Transfer.number.desc()))


def list_transfers(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest first unless `sort` says otherwise; `warehouse_id` finds transfers leaving or reaching that warehouse."""
    source, destination = aliased(Warehouse), aliased(Warehouse)
    lines = (select(TransferLine.transfer_id, func.count().label("line_count"))
             .group_by(TransferLine.transfer_id).subquery())
    query = (select(Transfer, source.code.label("from_code"), destination.code.label("to_code"), lines.c.line_count)
             .join(source, source.id == Transfer.from_warehouse_id)
             .join(destination, destination.id == Transfer.to_warehouse_id)
             .join(lines, lines.c.transfer_id == Transfer.id)
             .order_by(*TRANSFER_SORTING.order_by(filters.get("sort"))))
    for name in ("status", "from_warehouse_id", "to_warehouse_id"):
        if name in filters:
            query = query.where(getattr(Transfer, name) == filters[name])
    if "warehouse_id" in filters:
        query = query.where(or_(Transfer.from_warehouse_id == filters["warehouse_id"],
                                Transfer.to_warehouse_id == filters["warehouse_id"]))
    with db.unit_of_work() as session:
        total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        rows = session.execute(query.offset((page - 1) * page_size).limit(page_size)).all()
        return [{**{name: getattr(row.Transfer, name) for name in HEADER_FIELDS}, "from_warehouse_code": row.from_code,
                 "to_warehouse_code": row.to_code, "line_count": row.line_count} for row in rows], total
