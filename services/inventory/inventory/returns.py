"""Goods customers returned come back into stock: into the batches their delivery line was issued from, at
the cost they were issued at, reported on inventory.stock_returned.v1; like a receipt, they then fill the
backorders waiting at their places."""
from __future__ import annotations

import uuid

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from erp_shared.errors import RuleViolation
from erp_shared.events import Envelope
from erp_shared.messaging.outbox import record_events

from . import domain, picking, reservations, restocking
from .events import stock_level_changed, stock_returned
from .ledger import Source, book_movements, lock_valuations, require_known_places
from .models import StockMove, outbox
from .restocking import IssuedBatch, ReturnLine


def take_back_returned_goods(session: Session, event: Envelope, goods_return: dict) -> None:
    """Return lines already in the ledger are skipped (the business key is the return line), so a return sent
    twice books once. The items' valuation locks are taken before anything issued or returned is read: every
    issue and return of an item holds that lock, so two returns of one delivery line cannot both take back
    its last units."""
    lines = restocking.return_lines(goods_return["lines"])
    require_known_places(session, lines)
    lock_valuations(session, {line.item_id for line in lines})
    done = set(session.execute(select(StockMove.source_line_id).where(
        StockMove.move_type == restocking.RETURN,
        StockMove.source_line_id.in_([line.return_line_id for line in lines]))).scalars())
    todo = [line for line in lines if line.return_line_id not in done]
    if not todo:
        return
    issued = _issued_batches(session, goods_return["delivery_no"], todo)
    parts: list[restocking.ReturnPart] = []
    for line in todo:
        line_parts, issued[line.delivery_line_id] = restocking.take_back(line, issued[line.delivery_line_id])
        parts.extend(line_parts)
    source = Source(restocking.RETURN, domain.source_document(goods_return["return_no"]), event.id,
                    goods_return["returned_at"])
    booked = book_movements(session, source, [part.movement for part in parts])
    record_events(session, outbox, stock_returned(goods_return, parts))
    record_events(session, outbox, *(stock_level_changed(item_id, booked[item_id]) for item_id in sorted(booked)))
    reservations.fill_backorders(session, {(line.item_id, line.warehouse_id) for line in todo})


def _issued_batches(session: Session, delivery_no: str,
                    lines: list[ReturnLine]) -> dict[uuid.UUID, list[IssuedBatch]]:
    """Per delivery line the lines return from, the batches it was issued from with what has come back of
    each. A line that issued nothing on this delivery, or issued another item or warehouse than the return
    names, can never be taken back."""
    wanted = sorted({line.delivery_line_id for line in lines})
    issues = session.execute(select(StockMove, first_receipt()).where(
        StockMove.move_type == picking.DELIVERY, StockMove.source_line_id.in_(wanted))).all()
    returned = {(delivery_line, batch or ""): (quantity, cost) for delivery_line, batch, quantity, cost in
                session.execute(select(StockMove.delivery_line_id, StockMove.batch_no, func.sum(StockMove.quantity),
                                       func.sum(StockMove.value))
                                .where(StockMove.move_type == restocking.RETURN,
                                       StockMove.delivery_line_id.in_(wanted))
                                .group_by(StockMove.delivery_line_id, StockMove.batch_no))}
    batches: dict[uuid.UUID, list[IssuedBatch]] = {}
    places: dict[uuid.UUID, set[tuple]] = {}
    for move, first_received_at in issues:
        if move.source_document != delivery_no:
            raise RuleViolation(f"delivery line {move.source_line_id} was issued on {move.source_document}, "
                                f"not on {delivery_no}", field="delivery_line_id")
        key = move.batch_no or ""
        back, back_cost = returned.get((move.source_line_id, key), (restocking.NOTHING, restocking.NO_COST))
        batches.setdefault(move.source_line_id, []).append(IssuedBatch(
            key, first_received_at, -move.quantity, move.unit_cost, -move.value, back, back_cost))
        places.setdefault(move.source_line_id, set()).add((move.item_id, move.warehouse_id))
    for line in lines:
        if line.delivery_line_id not in batches:
            raise RuleViolation(f"delivery line {line.delivery_line_id} issued nothing on {delivery_no} to return",
                                field="delivery_line_id")
        if places[line.delivery_line_id] != {(line.item_id, line.warehouse_id)}:
            raise RuleViolation(f"delivery line {line.delivery_line_id} issued another item or warehouse than "
                                f"return line {line.return_line_id} names", field="delivery_line_id")
    return batches


def first_receipt():
    """When the issue move's batch first came in by receipt: the picking turn the issue was taken in."""
    receipt = aliased(StockMove)
    return (select(func.min(receipt.moved_at)).where(and_(
        receipt.item_id == StockMove.item_id, receipt.warehouse_id == StockMove.warehouse_id,
        func.coalesce(receipt.batch_no, "") == func.coalesce(StockMove.batch_no, ""),
        receipt.move_type == domain.RECEIPT)).scalar_subquery())
