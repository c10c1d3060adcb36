"""Read side of cycle counts. While a sheet is being counted it is blind: no book quantity, variance or value
leaves this module, so what people count cannot lean on what the books say."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.errors import NotFound

from .count_domain import COUNTING
from .models import CycleCount, CycleCountLine, Item, Warehouse

HEADER_FIELDS = ("id", "number", "status", "warehouse_id", "scope", "snapshot_at", "created_by_name", "created_at",
                 "submitted_by_name", "submitted_at", "posted_by_name", "posted_at", "total_gain", "total_loss",
                 "version")
COUNTING_FIELDS = ("id", "line_no", "item_id", "batch_no", "abc_class", "counted_quantity", "entered_unit_cost",
                   "counted_by_name", "counted_at")
REVIEW_FIELDS = ("book_quantity", "variance", "unit_cost", "value")


def _header(count: CycleCount, warehouse_code: str | None) -> dict:
    return {**{name: getattr(count, name) for name in HEADER_FIELDS}, "warehouse_code": warehouse_code,
            "classes": list(count.classes or "")}


def present_count(session: Session, count: CycleCount) -> dict:
    session.flush()
    warehouse_code = session.execute(select(Warehouse.code).where(Warehouse.id == count.warehouse_id)).scalar()
    item_ids = {line.item_id for line in count.lines}
    items = {row.id: row for row in session.execute(select(Item.id, Item.code, Item.name, Item.unit)
                                                    .where(Item.id.in_(item_ids)))} if item_ids else {}
    shown = COUNTING_FIELDS if count.status == COUNTING else COUNTING_FIELDS + REVIEW_FIELDS
    return {**_header(count, warehouse_code), "lines": [{
        **{name: getattr(line, name) for name in shown},
        "item_code": items[line.item_id].code, "item_name": items[line.item_id].name,
        "unit": items[line.item_id].unit,
    } for line in count.lines]}


def read_count(db: Database, count_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        count = session.get(CycleCount, count_id)
        if count is None:
            raise NotFound(f"no cycle count with id {count_id}")
        return present_count(session, count)


def list_counts(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest first, with how many lines each sheet has and how many are counted (never what the books say)."""
    lines = (select(CycleCountLine.count_id, func.count().label("line_count"),
                    func.count(CycleCountLine.counted_quantity).label("counted_count"))
             .group_by(CycleCountLine.count_id).subquery())
    query = (select(CycleCount, Warehouse.code, lines.c.line_count, lines.c.counted_count)
             .join(Warehouse, Warehouse.id == CycleCount.warehouse_id)
             .join(lines, lines.c.count_id == CycleCount.id)
             .order_by(CycleCount.created_at.desc(), CycleCount.number.desc()))
    for name in ("status", "warehouse_id", "scope"):
        if name in filters:
            query = query.where(getattr(CycleCount, name) == filters[name])
    with db.unit_of_work() as session:
        total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        rows = session.execute(query.offset((page - 1) * page_size).limit(page_size)).all()
        return [{**_header(row.CycleCount, row.code), "line_count": row.line_count,
                 "counted_count": row.counted_count} for row in rows], total
