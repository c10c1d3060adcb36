"""Foreign references on sales documents, checked against sales' own customers and its read models of
inventory's items and warehouses.

A reference that is unknown (perhaps not replicated yet) or inactive is a 422 naming the field, never a 500.
"""
from __future__ import annotations

import uuid
from typing import Callable, Iterable

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from erp_shared.errors import RuleViolation

from .models import Customer, item_replica, warehouse_replica


def known_customer(session: Session, customer_id: uuid.UUID, field: str = "customer_id") -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise RuleViolation(f"customer {customer_id} does not exist", field=field)
    return customer


def active_customer(session: Session, customer_id: uuid.UUID, field: str = "customer_id") -> Customer:
    customer = known_customer(session, customer_id, field)
    if not customer.active:
        raise RuleViolation(f"customer {customer.code} is inactive", field=field)
    return customer


def rows_by_id(session: Session, table: Table, ids: Iterable[uuid.UUID]) -> dict:
    wanted = set(ids)
    if not wanted:
        return {}
    return {row.id: row for row in session.execute(select(table).where(table.c.id.in_(wanted))).all()}


def items_by_id(session: Session, item_ids: Iterable[uuid.UUID]) -> dict:
    return rows_by_id(session, item_replica, item_ids)


def warehouses_by_id(session: Session, warehouse_ids: Iterable[uuid.UUID]) -> dict:
    return rows_by_id(session, warehouse_replica, warehouse_ids)


def _require_active(rows: dict, ids: list[uuid.UUID], kind: str, field_of: Callable[[int], str],
                    errors: dict) -> None:
    for index, record_id in enumerate(ids):
        row = rows.get(record_id)
        if row is None:
            errors[field_of(index)] = [f"{kind} {record_id} is unknown here (not replicated yet?)"]
        elif not row.active:
            errors[field_of(index)] = [f"{kind} {row.code} is inactive"]


def require_active_line_references(session: Session, lines: list[dict]) -> None:
    """Every line's item and warehouse must be known and active; all refusals at once, by field."""
    item_ids = [line["item_id"] for line in lines]
    warehouse_ids = [line["warehouse_id"] for line in lines]
    errors: dict[str, list[str]] = {}
    _require_active(items_by_id(session, item_ids), item_ids, "item", lambda i: f"lines[{i}].item_id", errors)
    _require_active(warehouses_by_id(session, warehouse_ids), warehouse_ids, "warehouse",
                    lambda i: f"lines[{i}].warehouse_id", errors)
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)
