"""Issuing material against an approved requisition: out of what is available at the line's warehouse (on hand
less what is reserved for sales orders), from the named batch or else the oldest batches first, at the item's
moving-average cost exactly as a delivery is costed; booked in the stock ledger as move type material_issue
and reported on inventory.material_issued.v1, all in one transaction.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import domain, issues, picking, requisition_domain, reservations
from .domain import InsufficientStock
from .events import material_issued, stock_level_changed
from .ledger import Source, book_movements, lock_valuations
from .models import Item, MaterialIssue, MaterialIssueLine, Warehouse, document_counters, outbox
from .requisition_domain import MATERIAL_ISSUE, IssueLine, plain
from .requisition_queries import present_issue
from .requisitions import lock_requisition

PREFIX = "MI"


def _picks(batches: list[picking.BatchStock], line: IssueLine) -> list[tuple[str, Decimal]]:
    """The named batch, which must hold the whole quantity, or else first received, first out."""
    if line.batch_no is None:
        return picking.pick_fifo(batches, line.quantity)
    held = next((batch.on_hand for batch in batches if batch.batch_key == line.batch_no), Decimal(0))
    if held < line.quantity:
        raise InsufficientStock(f"batch {line.batch_no} holds {plain(held)} at the warehouse; {plain(line.quantity)} "
                                "cannot be issued from it", field="batch_no")
    return [(line.batch_no, line.quantity)]


def _codes(session: Session, model, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    return dict(session.execute(select(model.id, model.code).where(model.id.in_(ids))).all())


def _cost_lines(session: Session, lines: list[IssueLine], valuations: dict) -> list[picking.IssuePart]:
    """Each line's batches and cost, a later line at a place seeing what an earlier one took; every line that
    cannot be covered is named (`lines[i].quantity` or `.batch_no`)."""
    places = {(line.item_id, line.warehouse_id) for line in lines}
    available = reservations.available_at(session, places)
    items = _codes(session, Item, {item for item, _ in places})
    warehouses = _codes(session, Warehouse, {warehouse for _, warehouse in places})
    running = {item_id: row.valuation for item_id, row in valuations.items()}
    on_hand: dict[tuple, list[picking.BatchStock]] = {}
    errors: dict[str, list[str]] = {}
    parts: list[picking.IssuePart] = []
    for index, line in enumerate(lines):
        place = (line.item_id, line.warehouse_id)
        if line.quantity > available[place]:
            errors[f"lines[{index}].quantity"] = [
                f"only {plain(max(available[place], Decimal(0)))} of {items[line.item_id]} is available in "
                f"{warehouses[line.warehouse_id]} (on hand less what is reserved for sales orders); "
                f"{plain(line.quantity)} cannot be issued"]
            continue
        batches = on_hand.setdefault(place, issues.batches_at(session, *place))
        try:
            picks = _picks(batches, line)
        except InsufficientStock as exc:
            errors[f"lines[{index}].{next(iter(exc.errors or {'quantity': None}))}"] = [exc.detail]
            continue
        available[place] -= line.quantity
        on_hand[place] = issues.after_picks(batches, picks)
        line_parts, running[line.item_id] = picking.cost_issue(running[line.item_id], line, picks)
        parts.extend(line_parts)
    if errors:
        raise InsufficientStock("; ".join(message for messages in errors.values() for message in messages),
                                errors=errors)
    return parts


def issue_material(session: Session, requisition_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """Runs inside `idempotent_create`'s unit of work, so a retried issue is answered, not booked twice. The
    number is taken after every check, so a refused issue never holds the counter."""
    issued_at = datetime.now(timezone.utc)
    requisition = lock_requisition(session, requisition_id)
    lines = requisition_domain.plan_issue(requisition, values["lines"], now=issued_at)
    valuations = lock_valuations(session, {line.item_id for line in lines})
    parts = _cost_lines(session, lines, valuations)
    cost_of = {line.issue_line_id: Decimal("0.00") for line in lines}
    for part in parts:
        cost_of[part.line.issue_line_id] += part.cost
    issue = MaterialIssue(
        id=uuid.uuid4(), number=next_number(session, document_counters, PREFIX), requisition_id=requisition.id,
        issued_at=issued_at, issued_by=principal.subject, issued_by_name=principal.username,
        total_cost=sum(cost_of.values(), Decimal("0.00")),
        lines=[MaterialIssueLine(id=line.issue_line_id, line_no=line_no, requisition_line_id=line.requisition_line_id,
                                 item_id=line.item_id, warehouse_id=line.warehouse_id, quantity=line.quantity,
                                 cost=cost_of[line.issue_line_id], quantity_returned=requisition_domain.NOTHING,
                                 cost_returned=requisition_domain.NO_COST)
               for line_no, line in enumerate(lines, start=1)])
    session.add(issue)
    session.flush()
    event = material_issued(issue, requisition, parts)
    source = Source(MATERIAL_ISSUE, domain.source_document(issue.number), event.id, issued_at)
    booked = book_movements(session, source, [part.movement for part in parts])
    record_events(session, outbox, event)
    record_events(session, outbox, *(stock_level_changed(item_id, booked[item_id]) for item_id in sorted(booked)))
    return present_issue(session, issue)
