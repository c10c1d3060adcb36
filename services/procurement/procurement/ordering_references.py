"""Foreign references on purchasing documents, checked against procurement's own tables and read models.

A reference that is unknown (perhaps not replicated yet) or inactive is a 422 naming the field, never a 500.
"""
from __future__ import annotations

import uuid
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_shared.errors import RuleViolation

from .models import Supplier, item_replica, warehouse_replica


def active_supplier(session: Session, supplier_id: uuid.UUID, field: str = "supplier_id") -> Supplier:
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise RuleViolation(f"supplier {supplier_id} does not exist", field=field)
    if not supplier.active:
        raise RuleViolation(f"supplier {supplier.code} is inactive", field=field)
    return supplier


def items_by_id(session: Session, item_ids: Iterable[uuid.UUID]) -> dict:
    ids = set(item_ids)
    if not ids:
        return {}
    rows = session.execute(select(item_replica).where(item_replica.c.id.in_(ids))).all()
    return {row.id: row for row in rows}


def require_active_items(session: Session, item_ids: list[uuid.UUID], field_of) -> dict:
    """`field_of(index)` names the field of the index-th reference, e.g. `lines[2].item_id`."""
    items = items_by_id(session, item_ids)
    errors = {}
    for index, item_id in enumerate(item_ids):
        item = items.get(item_id)
        if item is None:
            errors[field_of(index)] = [f"item {item_id} is unknown here (not replicated yet?)"]
        elif not item.active:
            errors[field_of(index)] = [f"item {item.code} is inactive"]
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)
    return items


def warehouses_by_id(session: Session, warehouse_ids: Iterable[uuid.UUID]) -> dict:
    """Known warehouses among `warehouse_ids` (id, code, name, active), by id."""
    ids = set(warehouse_ids)
    if not ids:
        return {}
    rows = session.execute(select(warehouse_replica.c.id, warehouse_replica.c.code, warehouse_replica.c.name,
                                  warehouse_replica.c.active).where(warehouse_replica.c.id.in_(ids))).all()
    return {row.id: row for row in rows}