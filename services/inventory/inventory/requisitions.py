"""Material requisition use cases: raising one, and approving, rejecting or cancelling it. One transaction each:
lock the requisition, let requisition_domain decide, commit.

Everything that changes a requisition, its issues or their returns locks the requisition row first, then its
lines, and only then the items' valuation rows (ledger.py's order from there on). Nothing that holds a
valuation lock ever waits for a requisition, so these queue behind each other and never deadlock with the
stock flows.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from erp_shared.db import Database
from erp_shared.errors import NotFound, RuleViolation
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import requisition_domain as domain
from .models import (Item, MaterialRequisition, MaterialRequisitionLine, Warehouse, department_replica,
                     document_counters, employee_replica)
from .requisition_queries import present_requisition

PREFIX = "MR"
STOREKEEPERS = ("warehouse",)


def now() -> datetime:
    return datetime.now(timezone.utc)


def _replica_errors(session: Session, table: Table, record_id: uuid.UUID, field: str, what: str,
                    label: str) -> dict[str, list[str]]:
    row = session.execute(select(table).where(table.c.id == record_id)).first()
    if row is None:
        return {field: [f"{what} {record_id} is unknown here (not replicated from HR yet?)"]}
    if not row.active:
        return {field: [f"{what} {getattr(row, label)} is inactive"]}
    return {}


def _place_errors(session: Session, lines: list[dict]) -> dict[str, list[str]]:
    """Inventory owns items and warehouses: each line's must exist here and be active."""
    errors: dict[str, list[str]] = {}
    for field, model, what in (("item_id", Item, "item"), ("warehouse_id", Warehouse, "warehouse")):
        wanted = {line[field] for line in lines}
        found = {row.id: row for row in session.execute(select(model).where(model.id.in_(wanted))).scalars()}
        for index, line in enumerate(lines):
            record = found.get(line[field])
            if record is None:
                errors[f"lines[{index}].{field}"] = [f"{what} {line[field]} does not exist"]
            elif not record.active:
                errors[f"lines[{index}].{field}"] = [f"{what} {record.code} is inactive"]
    return errors


def raise_requisition(session: Session, values: dict, principal: Principal) -> dict:
    """A requisition pending approval, numbered MR-<year>-NNNNNN. Runs inside `idempotent_create`'s unit of work;
    the number is taken last, so a refused request never holds the counter."""
    errors = {
        **_replica_errors(session, department_replica, values["department_id"], "department_id", "department",
                          "code"),
        **_replica_errors(session, employee_replica, values["requested_by"], "requested_by", "employee",
                          "employee_no"),
        **_place_errors(session, values["lines"]),
    }
    if errors:
        raise RuleViolation("; ".join(message for messages in errors.values() for message in messages),
                            errors=errors)
    lines = domain.requisition_lines(values["lines"])
    stamp = now()
    requisition = MaterialRequisition(
        id=uuid.uuid4(), status=domain.PENDING_APPROVAL, department_id=values["department_id"],
        requested_by=values["requested_by"], needed_by=values.get("needed_by"), notes=values.get("notes"),
        created_by=principal.subject, created_by_name=principal.username, version=1, created_at=stamp,
        updated_at=stamp, lines=[MaterialRequisitionLine(id=uuid.uuid4(), quantity_issued=domain.NOTHING,
                                                         quantity_returned=domain.NOTHING, **line) for line in lines])
    requisition.number = next_number(session, document_counters, PREFIX)
    session.add(requisition)
    session.flush()
    return present_requisition(session, requisition)


def lock_requisition(session: Session, requisition_id: uuid.UUID) -> MaterialRequisition:
    """The requisition row, then its lines in id order, `FOR UPDATE`; 404 when there is no such requisition.
    The lines come back in line-number order."""
    requisition = session.execute(
        select(MaterialRequisition).where(MaterialRequisition.id == requisition_id).with_for_update()
        .execution_options(populate_existing=True)).scalar_one_or_none()
    if requisition is None:
        raise NotFound(f"no material requisition with id {requisition_id}")
    lines = session.execute(
        select(MaterialRequisitionLine).where(MaterialRequisitionLine.requisition_id == requisition_id)
        .order_by(MaterialRequisitionLine.id).with_for_update()
        .execution_options(populate_existing=True)).scalars().all()
    set_committed_value(requisition, "lines", sorted(lines, key=lambda line: line.line_no))
    return requisition


def _transition(db: Database, requisition_id: uuid.UUID, change) -> dict:
    with db.unit_of_work() as session:
        requisition = lock_requisition(session, requisition_id)
        change(requisition)
        session.flush()
        return present_requisition(session, requisition)


def approve_requisition(db: Database, requisition_id: uuid.UUID, principal: Principal) -> dict:
    return _transition(db, requisition_id, lambda requisition: domain.approve(
        requisition, approver_id=principal.subject, approver_name=principal.username, now=now()))


def reject_requisition(db: Database, requisition_id: uuid.UUID, reason: str, principal: Principal) -> dict:
    return _transition(db, requisition_id, lambda requisition: domain.reject(
        requisition, approver_id=principal.subject, approver_name=principal.username, reason=reason, now=now()))


def cancel_requisition(db: Database, requisition_id: uuid.UUID, reason: str | None, principal: Principal) -> dict:
    def cancel(requisition):
        domain.check_may_cancel(requisition, principal.subject, storekeeper=principal.has_any(STOREKEEPERS))
        domain.cancel(requisition, by_name=principal.username, reason=reason, now=now())
    return _transition(db, requisition_id, cancel)
