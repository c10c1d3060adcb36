"""Cycle count use cases: opening a sheet with its snapshot, entering counts blind, submitting them for review
and posting the variances. One transaction each; every transition locks the sheet first and only then the
items' valuation rows (ledger.py's lock order from there on), so a double-clicked post is refused, not booked
twice.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.errors import NotFound, RuleViolation
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import count_domain as rules
from . import domain, reservations
from .count_queries import present_count
from .count_settings import count_frequencies
from .events import stock_level_changed
from .ledger import Source, book_movements, lock_valuations
from .models import CycleCount, CycleCountLine, Item, ItemValuation, StockBalance, StockMove, document_counters, outbox
from .stock_control_events import count_posted
from .transfer_domain import TRANSFER_MOVE_TYPES
from .transfers import document_warehouse

PREFIX = "CC"
NOT_CONSUMPTION = TRANSFER_MOVE_TYPES + (rules.COUNT_ADJUSTMENT,)


def now() -> datetime:
    return datetime.now(timezone.utc)


def consumption(session: Session, until: datetime) -> dict[uuid.UUID, Decimal]:
    """Per item, the value that left stock for use in the 365 days up to `until`, over every warehouse: every
    outgoing movement (deliveries, material issues, ...) except stock moving between places or corrected by a
    count."""
    rows = session.execute(
        select(StockMove.item_id, -func.sum(StockMove.value))
        .where(StockMove.quantity < 0, StockMove.move_type.not_in(NOT_CONSUMPTION),
               StockMove.moved_at > until - timedelta(days=rules.CONSUMPTION_DAYS), StockMove.moved_at <= until)
        .group_by(StockMove.item_id))
    return dict(rows.all())


def _last_counted(session: Session, warehouse_id: uuid.UUID) -> dict[uuid.UUID, datetime]:
    return dict(session.execute(
        select(CycleCountLine.item_id, func.max(CycleCount.posted_at))
        .join(CycleCount, CycleCount.id == CycleCountLine.count_id)
        .where(CycleCount.warehouse_id == warehouse_id, CycleCount.status == rules.POSTED)
        .group_by(CycleCountLine.item_id)).all())


def _in_scope(session: Session, scope: str, classes: tuple[str, ...], abc: dict[uuid.UUID, str],
              warehouse_id: uuid.UUID, at: datetime) -> set[uuid.UUID]:
    if scope == rules.ABC:
        return {item for item, abc_class in abc.items() if abc_class in classes}
    if scope == rules.DUE:
        frequencies, last = count_frequencies(session), _last_counted(session, warehouse_id)
        return {item for item, abc_class in abc.items() if rules.is_due(last.get(item), frequencies[abc_class], at)}
    return set(abc)


def create_count(session: Session, values: dict, principal: Principal) -> dict:
    """A sheet numbered CC-<year>-NNNNNN of every item and batch in scope that the warehouse holds or has moved,
    with its book quantity from the ledger at the snapshot. The items' valuation locks are taken before the
    ledger is read: every booking holds its item's lock, so each movement is either in the book or after the
    snapshot, never half in. Runs inside `idempotent_create`'s unit of work."""
    warehouse = document_warehouse(session, values["warehouse_id"], "warehouse_id")
    classes = rules.scope_classes(values["scope"], values.get("classes"))
    item_ids = set(session.execute(select(StockBalance.item_id).where(StockBalance.warehouse_id == warehouse.id)
                                   .distinct()).scalars())
    lock_valuations(session, item_ids)
    snapshot_at = now()
    book = session.execute(
        select(StockMove.item_id, StockMove.batch_no, func.sum(StockMove.quantity))
        .where(StockMove.warehouse_id == warehouse.id, StockMove.item_id.in_(item_ids))
        .group_by(StockMove.item_id, StockMove.batch_no)).all() if item_ids else []
    abc = rules.classify_abc(consumption(session, snapshot_at), item_ids)
    wanted = _in_scope(session, values["scope"], classes, abc, warehouse.id, snapshot_at)
    codes = dict(session.execute(select(Item.id, Item.code).where(Item.id.in_(wanted))).all()) if wanted else {}
    rows = sorted((row for row in book if row[0] in wanted), key=lambda row: (codes[row[0]], row[1] or ""))
    if not rows:
        raise RuleViolation(f"nothing in scope {values['scope']!r} to count at {warehouse.code}", field="scope")
    count = CycleCount(
        id=uuid.uuid4(), status=rules.COUNTING, warehouse_id=warehouse.id, scope=values["scope"],
        classes="".join(classes) or None, snapshot_at=snapshot_at, created_by=principal.subject,
        created_by_name=principal.username, version=1, created_at=snapshot_at,
        lines=[CycleCountLine(id=uuid.uuid4(), line_no=index + 1, item_id=item_id, batch_no=batch_no,
                              abc_class=abc[item_id], book_quantity=quantity)
               for index, (item_id, batch_no, quantity) in enumerate(rows)])
    count.number = next_number(session, document_counters, PREFIX)
    session.add(count)
    session.flush()
    return present_count(session, count)


def lock_count(session: Session, count_id: uuid.UUID) -> CycleCount:
    """The sheet `FOR UPDATE` (its lines only change under it); 404 when there is none."""
    count = session.execute(select(CycleCount).where(CycleCount.id == count_id).with_for_update()
                            .execution_options(populate_existing=True)).scalar_one_or_none()
    if count is None:
        raise NotFound(f"no cycle count with id {count_id}")
    return count


def record_counts(db: Database, count_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """Counts entered (again) on the lines named, while the sheet is being counted; each remembers who
    entered it. A unit cost given with a count is kept for a gain of an item that has no cost yet."""
    with db.unit_of_work() as session:
        count = lock_count(session, count_id)
        rules.require_status(count.status, (rules.COUNTING,), "counted", count.number)
        lines = {line.id: line for line in count.lines}
        seen, stamp = set(), now()
        for index, entry in enumerate(values["lines"]):
            where = f"lines[{index}]"
            line = lines.get(entry["line_id"])
            if line is None:
                raise RuleViolation(f"line {entry['line_id']} is not on count {count.number}",
                                    field=f"{where}.line_id")
            if line.id in seen:
                raise RuleViolation(f"line {line.id} is named twice", field=f"{where}.line_id")
            seen.add(line.id)
            line.counted_quantity = rules.counted_quantity(entry["counted_quantity"], where)
            if "unit_cost" in entry:
                line.entered_unit_cost = rules.entered_unit_cost(entry["unit_cost"], where)
            line.counted_by, line.counted_by_name, line.counted_at = principal.subject, principal.username, stamp
        count.version += 1
        session.flush()
        return present_count(session, count)


def _counted_lines(count: CycleCount) -> list[rules.CountedLine]:
    return [rules.CountedLine(line.id, index, line.item_id, line.batch_no, line.book_quantity,
                              line.counted_quantity, line.entered_unit_cost) for index, line in enumerate(count.lines)]


def _valuations(session: Session, item_ids: set[uuid.UUID], *, lock: bool) -> dict[uuid.UUID, domain.Valuation]:
    if lock:
        return {item_id: row.valuation for item_id, row in lock_valuations(session, item_ids).items()}
    rows = session.execute(select(ItemValuation).where(ItemValuation.item_id.in_(item_ids))).scalars()
    return {row.item_id: row.valuation for row in rows}


def _write_back(count: CycleCount, adjustments: list[rules.Adjustment]) -> None:
    lines = {line.id: line for line in count.lines}
    for adjustment in adjustments:
        line = lines[adjustment.line.line_id]
        line.variance, line.unit_cost, line.value = adjustment.line.variance, adjustment.unit_cost, adjustment.value


def submit_count(db: Database, count_id: uuid.UUID, principal: Principal) -> dict:
    """Every line counted (422 naming the ones that are not), every gain valued (422 naming a gain of an item
    without cost and without a unit cost entered, while the counts can still be mended); the book quantities,
    variances and their value at the current average are then shown for review."""
    with db.unit_of_work() as session:
        count = lock_count(session, count_id)
        rules.require_status(count.status, (rules.COUNTING,), "submitted", count.number)
        missing = {f"lines[{index}].counted_quantity": [f"line {line.line_no} has not been counted"]
                   for index, line in enumerate(count.lines) if line.counted_quantity is None}
        if missing:
            raise RuleViolation(f"{len(missing)} line(s) not counted yet", errors=missing)
        lines = _counted_lines(count)
        valuations = _valuations(session, {line.item_id for line in lines}, lock=False)
        _write_back(count, rules.require_values(rules.review(lines, valuations)))
        count.status, count.submitted_at, count.submitted_by_name = rules.SUBMITTED, now(), principal.username
        count.version += 1
        session.flush()
        return present_count(session, count)


def post_count(db: Database, count_id: uuid.UUID, principal: Principal) -> dict:
    """By someone who entered none of the counts. Each variance adjusts the stock as it is now, so what moved
    since the snapshot stays booked; a loss larger than what its place holds now is refused whole (409), as is
    a gain nobody can value (422). After a loss, reservations the place can no longer cover go back to the
    backorder, newest first; a gain fills the backorders waiting there."""
    with db.unit_of_work() as session:
        count = lock_count(session, count_id)
        rules.require_status(count.status, (rules.SUBMITTED,), "posted", count.number)
        rules.require_other_poster({line.counted_by for line in count.lines}, principal.subject)
        lines = _counted_lines(count)
        moving = {line.item_id for line in lines if line.variance != 0}
        valuations = _valuations(session, {line.item_id for line in lines}, lock=False)
        valuations.update(_valuations(session, moving, lock=True))
        on_hand = {(item_id, batch): quantity for item_id, batch, quantity in session.execute(
            select(StockBalance.item_id, StockBalance.batch_no, StockBalance.on_hand).where(
                StockBalance.warehouse_id == count.warehouse_id, StockBalance.item_id.in_(moving)))} if moving else {}
        adjustments = rules.adjustments_to_post(lines, valuations, on_hand)
        _write_back(count, adjustments)
        count.total_gain, count.total_loss = rules.totals(adjustments)
        count.status, count.posted_at = rules.POSTED, now()
        count.posted_by, count.posted_by_name = principal.subject, principal.username
        count.version += 1
        event = count_posted(count, adjustments)
        booked = book_movements(
            session, Source(rules.COUNT_ADJUSTMENT, domain.source_document(count.number), event.id, count.posted_at),
            [a.movement(count.warehouse_id) for a in sorted(adjustments, key=lambda a: (a.line.variance < 0,
                                                                                       a.line.index))
             if a.line.variance != 0])
        record_events(session, outbox, event,
                      *(stock_level_changed(item_id, booked[item_id]) for item_id in sorted(booked)))
        changed = {(line.item_id, count.warehouse_id) for line in lines if line.variance != 0}
        reservations.backorder_shortfalls(session, changed)     # acts only where a loss left too little
        reservations.fill_backorders(session, changed)          # acts only where stock waits for backorders
        session.flush()
        return present_count(session, count)
