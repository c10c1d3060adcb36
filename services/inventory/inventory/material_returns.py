"""Unused material coming back against a material issue: into the batches the issue line took it from, the
batch picked last first, at the cost it left at (restocking's rules for customer returns), booked as move type
material_return, reported on inventory.material_returned.v1; like a receipt, it then fills the sales
backorders waiting at its places. One transaction.

The requisition row and lines are locked first (as by every requisition change), then the issue's lines: what
may still come back is checked under those locks, so two returns of the same issue line queue and the second
sees what the first took back.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from erp_shared.errors import NotFound
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import domain, requisition_domain, reservations, restocking
from .events import material_returned, stock_level_changed
from .ledger import Source, book_movements, lock_valuations
from .models import (MaterialIssue, MaterialIssueLine, MaterialReturn, MaterialReturnLine, StockMove,
                     document_counters, outbox)
from .requisition_domain import MATERIAL_ISSUE, MATERIAL_RETURN, ReturnedPart
from .requisition_queries import present_return
from .requisitions import lock_requisition
from .restocking import IssuedBatch
from .returns import first_receipt

PREFIX = "MRN"


def lock_issue_lines(session: Session, issue_id: uuid.UUID) -> dict[uuid.UUID, MaterialIssueLine]:
    return {line.id: line for line in session.execute(
        select(MaterialIssueLine).where(MaterialIssueLine.issue_id == issue_id).order_by(MaterialIssueLine.id)
        .with_for_update().execution_options(populate_existing=True)).scalars()}


def issued_batches(session: Session, issue_line_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[IssuedBatch]]:
    """Per issue line, the batches the ledger issued it from, with what has come back into each so far."""
    issued = session.execute(select(StockMove, first_receipt()).where(
        StockMove.move_type == MATERIAL_ISSUE, StockMove.source_line_id.in_(issue_line_ids))).all()
    returned = {(issue_line, batch or ""): (quantity, cost) for issue_line, batch, quantity, cost in session.execute(
        select(MaterialReturnLine.issue_line_id, StockMove.batch_no, func.sum(StockMove.quantity),
               func.sum(StockMove.value))
        .join(MaterialReturnLine, MaterialReturnLine.id == StockMove.source_line_id)
        .where(StockMove.move_type == MATERIAL_RETURN, MaterialReturnLine.issue_line_id.in_(issue_line_ids))
        .group_by(MaterialReturnLine.issue_line_id, StockMove.batch_no))}
    batches: dict[uuid.UUID, list[IssuedBatch]] = {line_id: [] for line_id in issue_line_ids}
    for move, first_received_at in issued:
        key = move.batch_no or ""
        back, back_cost = returned.get((move.source_line_id, key), (restocking.NOTHING, restocking.NO_COST))
        batches[move.source_line_id].append(IssuedBatch(key, first_received_at, -move.quantity, move.unit_cost,
                                                        -move.value, back, back_cost))
    return batches


def return_material(session: Session, issue_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """Runs inside `idempotent_create`'s unit of work, so a retried return is answered, not booked twice. The
    number is taken after every check, so a refused return never holds the counter."""
    issue = session.get(MaterialIssue, issue_id)
    if issue is None:
        raise NotFound(f"no material issue with id {issue_id}")
    requisition = lock_requisition(session, issue.requisition_id)     # an issue never changes its requisition
    issue_lines = lock_issue_lines(session, issue_id)
    planned = requisition_domain.plan_return(issue.number, issue_lines, values["lines"])
    returned_at = datetime.now(timezone.utc)
    lock_valuations(session, {line.item_id for line, _ in planned})
    batches = issued_batches(session, [line.id for line, _ in planned])
    requisition_lines = {line.id: line for line in requisition.lines}
    return_lines, parts = [], []
    for line_no, (line, quantity) in enumerate(planned, start=1):
        if restocking.outstanding(batches[line.id]) != requisition_domain.returnable(line):
            raise RuntimeError(f"the stock ledger and material issue line {line.id} disagree on what is still out")
        shares, batches[line.id] = restocking.reverse_pick(quantity, batches[line.id])
        return_line_id = uuid.uuid4()
        line_parts = [ReturnedPart(return_line_id, line.id, line.item_id, line.warehouse_id, batch.batch_key, taken,
                                   batch.unit_cost, cost) for batch, taken, cost in shares]
        cost = sum((part.cost for part in line_parts), Decimal("0.00"))
        line.quantity_returned += quantity
        line.cost_returned += cost
        requisition_lines[line.requisition_line_id].quantity_returned += quantity
        return_lines.append(MaterialReturnLine(id=return_line_id, line_no=line_no, issue_line_id=line.id,
                                               item_id=line.item_id, warehouse_id=line.warehouse_id,
                                               quantity=quantity, cost=cost))
        parts.extend(line_parts)
    requisition_domain.changed(requisition, returned_at)
    material_return = MaterialReturn(
        id=uuid.uuid4(), number=next_number(session, document_counters, PREFIX), issue_id=issue.id,
        returned_at=returned_at, reason=values["reason"], returned_by=principal.subject,
        returned_by_name=principal.username, total_cost=sum((line.cost for line in return_lines), Decimal("0.00")),
        lines=return_lines)
    session.add(material_return)
    session.flush()
    event = material_returned(material_return, issue, requisition, parts)
    source = Source(MATERIAL_RETURN, domain.source_document(material_return.number), event.id, returned_at)
    booked = book_movements(session, source, [part.movement for part in parts])
    record_events(session, outbox, event)
    record_events(session, outbox, *(stock_level_changed(item_id, booked[item_id]) for item_id in sorted(booked)))
    reservations.fill_backorders(session, {(line.item_id, line.warehouse_id) for line in return_lines})
    return present_return(session, material_return)
