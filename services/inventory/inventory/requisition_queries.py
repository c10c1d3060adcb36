"""Read side of material requisitions, their issues and returns: each as people read it (codes and names from
inventory's own tables and HR's read models, the batches and costs from the stock ledger), and the lists."""
from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.errors import NotFound
from erp_shared.web.sorting import Sorting

from .models import (Item, MaterialIssue, MaterialRequisition, MaterialReturn, StockMove, Warehouse,
                     department_replica, employee_replica)
from .requisition_domain import MATERIAL_ISSUE, MATERIAL_RETURN, remaining

REQUISITION_FIELDS = ("id", "number", "status", "department_id", "requested_by", "needed_by", "notes", "created_by",
                      "created_by_name", "decided_by", "decided_by_name", "decided_at", "reject_reason",
                      "cancelled_by_name", "cancelled_at", "cancel_reason", "version", "created_at", "updated_at")
ISSUE_FIELDS = ("id", "number", "requisition_id", "issued_at", "issued_by_name", "total_cost")
RETURN_FIELDS = ("id", "number", "issue_id", "returned_at", "reason", "returned_by_name", "total_cost")


def _names(session: Session, table, ids, *columns) -> dict:
    ids = set(ids)
    if not ids:
        return {}
    return {row.id: row for row in session.execute(select(table.c.id, *(table.c[c] for c in columns))
                                                   .where(table.c.id.in_(ids)))}


def _places(session: Session, lines) -> tuple[dict, dict]:
    items = {row.id: row for row in session.execute(
        select(Item.id, Item.code, Item.name, Item.unit).where(Item.id.in_({line.item_id for line in lines})))}
    warehouses = dict(session.execute(select(Warehouse.id, Warehouse.code).where(
        Warehouse.id.in_({line.warehouse_id for line in lines}))).all())
    return items, warehouses


def _place_fields(line, items: dict, warehouses: dict) -> dict:
    item = items.get(line.item_id)
    return {"item_id": line.item_id, "item_code": item.code if item else None,
            "item_name": item.name if item else None, "unit": item.unit if item else None,
            "warehouse_id": line.warehouse_id, "warehouse_code": warehouses.get(line.warehouse_id)}


def _header_names(session: Session, requisitions) -> list[dict]:
    departments = _names(session, department_replica, (r.department_id for r in requisitions), "code", "name")
    employees = _names(session, employee_replica, (r.requested_by for r in requisitions), "employee_no",
                       "full_name")
    result = []
    for requisition in requisitions:
        department, employee = departments.get(requisition.department_id), employees.get(requisition.requested_by)
        result.append({
            **{name: getattr(requisition, name) for name in REQUISITION_FIELDS},
            "department_code": department.code if department else None,
            "department_name": department.name if department else None,
            "requested_by_no": employee.employee_no if employee else None,
            "requested_by_name": employee.full_name if employee else None,
        })
    return result


def present_requisition(session: Session, requisition: MaterialRequisition) -> dict:
    """The requisition with, per line, what was asked for, issued, returned unused and what remains to issue,
    and the issues made against it."""
    items, warehouses = _places(session, requisition.lines)
    issues = session.execute(select(MaterialIssue).where(MaterialIssue.requisition_id == requisition.id)
                             .order_by(MaterialIssue.number)).scalars().all()
    return {
        **_header_names(session, [requisition])[0],
        "lines": [{"id": line.id, "line_no": line.line_no, **_place_fields(line, items, warehouses),
                   "batch_no": line.batch_no, "quantity": line.quantity, "quantity_issued": line.quantity_issued,
                   "quantity_returned": line.quantity_returned, "remaining_quantity": remaining(line)}
                  for line in requisition.lines],
        "issues": [{name: getattr(issue, name) for name in ISSUE_FIELDS} for issue in issues],
    }


def _get(session: Session, model, record_id: uuid.UUID, what: str):
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(f"no {what} with id {record_id}")
    return record


def read_requisition(db: Database, requisition_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        return present_requisition(session, _get(session, MaterialRequisition, requisition_id,
                                                  "material requisition"))


def _page(session: Session, query: Select, page: int, page_size: int) -> tuple[list, int]:
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    return session.execute(query.offset((page - 1) * page_size).limit(page_size)).scalars().all(), total


REQUISITION_SORTING = Sorting(
    {name: getattr(MaterialRequisition, name) for name in ("number", "status", "needed_by", "created_at",
                                                           "updated_at")},
    tie_breaker=MaterialRequisition.id, default=(MaterialRequisition.number.desc(),))


def list_requisitions(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest number first unless `sort` says otherwise."""
    query = select(MaterialRequisition).order_by(*REQUISITION_SORTING.order_by(filters.get("sort")))
    for name in ("status", "department_id", "requested_by"):
        if name in filters:
            query = query.where(getattr(MaterialRequisition, name) == filters[name])
    with db.unit_of_work() as session:
        rows, total = _page(session, query, page, page_size)
        return _header_names(session, rows), total


def _ledger_parts(session: Session, move_type: str, line_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[dict]]:
    """Per document line, the batches the ledger booked it in, at their cost (unsigned)."""
    parts: dict[uuid.UUID, list[dict]] = defaultdict(list)
    for move in session.execute(select(StockMove).where(StockMove.move_type == move_type,
                                                        StockMove.source_line_id.in_(line_ids))
                                .order_by(StockMove.batch_no)).scalars():
        parts[move.source_line_id].append({"batch_no": move.batch_no, "quantity": abs(move.quantity),
                                           "unit_cost": move.unit_cost, "cost": abs(move.value)})
    return parts


def present_issue(session: Session, issue: MaterialIssue) -> dict:
    requisition = session.get(MaterialRequisition, issue.requisition_id)
    items, warehouses = _places(session, issue.lines)
    parts = _ledger_parts(session, MATERIAL_ISSUE, [line.id for line in issue.lines])
    returns = session.execute(select(MaterialReturn).where(MaterialReturn.issue_id == issue.id)
                              .order_by(MaterialReturn.number)).scalars().all()
    return {
        **{name: getattr(issue, name) for name in ISSUE_FIELDS},
        "requisition_number": requisition.number, "department_id": requisition.department_id,
        "requested_by": requisition.requested_by,
        "lines": [{"id": line.id, "line_no": line.line_no, "requisition_line_id": line.requisition_line_id,
                   **_place_fields(line, items, warehouses), "quantity": line.quantity, "cost": line.cost,
                   "quantity_returned": line.quantity_returned, "cost_returned": line.cost_returned,
                   "batches": parts[line.id]} for line in issue.lines],
        "returns": [{name: getattr(r, name) for name in RETURN_FIELDS} for r in returns],
    }


def read_issue(db: Database, issue_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        return present_issue(session, _get(session, MaterialIssue, issue_id, "material issue"))


def list_issues(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest number first, each with its requisition's number."""
    query = (select(MaterialIssue, MaterialRequisition.number.label("requisition_number"))
             .join(MaterialRequisition, MaterialRequisition.id == MaterialIssue.requisition_id)
             .order_by(MaterialIssue.number.desc()))
    if "requisition_id" in filters:
        query = query.where(MaterialIssue.requisition_id == filters["requisition_id"])
    with db.unit_of_work() as session:
        total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        rows = session.execute(query.offset((page - 1) * page_size).limit(page_size)).all()
        return [{**{name: getattr(row.MaterialIssue, name) for name in ISSUE_FIELDS},
                 "requisition_number": row.requisition_number} for row in rows], total


def present_return(session: Session, material_return: MaterialReturn) -> dict:
    issue = session.get(MaterialIssue, material_return.issue_id)
    requisition = session.get(MaterialRequisition, issue.requisition_id)
    items, warehouses = _places(session, material_return.lines)
    parts = _ledger_parts(session, MATERIAL_RETURN, [line.id for line in material_return.lines])
    return {
        **{name: getattr(material_return, name) for name in RETURN_FIELDS},
        "issue_number": issue.number, "requisition_id": requisition.id, "requisition_number": requisition.number,
        "department_id": requisition.department_id,
        "lines": [{"id": line.id, "line_no": line.line_no, "issue_line_id": line.issue_line_id,
                   **_place_fields(line, items, warehouses), "quantity": line.quantity, "cost": line.cost,
                   "batches": parts[line.id]} for line in material_return.lines],
    }


def read_return(db: Database, return_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        return present_return(session, _get(session, MaterialReturn, return_id, "material return"))
