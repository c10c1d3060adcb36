"""Issuing stock against a delivery note: out of the order line's reservation, from the oldest batches first,
at the item's moving-average cost, with the cost reported back on inventory.stock_issued.v1."""
from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from erp_shared.errors import RuleViolation
from erp_shared.events import Envelope
from erp_shared.messaging.outbox import record_events

from . import domain, picking
from .events import stock_issued, stock_level_changed
from .ledger import Source, book_movements, lock_valuations, require_known_places
from .models import Reservation, StockBalance, StockMove, outbox
from .reservations import lock_orders, publish_state


def issue_for_delivery(session: Session, event: Envelope, delivery: dict) -> None:
    """Delivery lines already in the ledger are skipped (the business key is the delivery line), so a
    delivery sent twice issues once. A line its reservation does not cover breaks a rule that no retry can
    mend: sales only delivers what inventory reported reserved."""
    lines = picking.delivery_lines(delivery["lines"])
    require_known_places(session, lines)
    valuations = lock_valuations(session, {line.item_id for line in lines})
    heads = lock_orders(session, {delivery["order_id"]})
    if not heads:
        raise RuleViolation(f"order {delivery['order_no']} has no reservation to deliver from", field="order_id")
    done = set(session.execute(select(StockMove.source_line_id).where(
        StockMove.move_type == picking.DELIVERY,
        StockMove.source_line_id.in_([line.delivery_line_id for line in lines]))).scalars())
    todo = [line for line in lines if line.delivery_line_id not in done]
    if not todo:
        return
    reservations = _reservations_covering(session, delivery["order_id"], todo)
    on_hand: dict[tuple, list[picking.BatchStock]] = {}
    running = {item_id: row.valuation for item_id, row in valuations.items()}
    parts: list[picking.IssuePart] = []
    for line in todo:
        row = reservations[line.order_line_id]
        row.state = row.state.issue(line.quantity)
        place = (line.item_id, line.warehouse_id)
        batches = on_hand.setdefault(place, batches_at(session, *place))
        picks = picking.pick_fifo(batches, line.quantity)
        on_hand[place] = after_picks(batches, picks)
        line_parts, running[line.item_id] = picking.cost_issue(running[line.item_id], line, picks)
        parts.extend(line_parts)
    source = Source(picking.DELIVERY, domain.source_document(delivery["delivery_no"]), event.id,
                    delivery["delivered_at"])
    booked = book_movements(session, source, [part.movement for part in parts])
    record_events(session, outbox, stock_issued(delivery, delivery["delivered_at"], parts))
    publish_state(session, heads[delivery["order_id"]], changed=True)
    record_events(session, outbox, *(stock_level_changed(item_id, booked[item_id]) for item_id in sorted(booked)))


def _reservations_covering(session: Session, order_id: uuid.UUID,
                           lines: list[picking.DeliveryLine]) -> dict[uuid.UUID, Reservation]:
    """The reservations the lines deliver from, locked; each must be the order's and at the line's place."""
    rows = {row.order_line_id: row for row in session.execute(
        select(Reservation).where(Reservation.order_line_id.in_(sorted({line.order_line_id for line in lines})))
        .order_by(Reservation.order_line_id).with_for_update().execution_options(populate_existing=True)).scalars()}
    for line in lines:
        row = rows.get(line.order_line_id)
        if row is None or row.order_id != order_id:
            raise RuleViolation(f"order line {line.order_line_id} has no reservation in this order",
                                field="order_line_id")
        if (row.item_id, row.warehouse_id) != (line.item_id, line.warehouse_id):
            raise RuleViolation(f"order line {line.order_line_id} reserved another item or warehouse than "
                                "the delivery names", field="order_line_id")
    return rows


def batches_at(session: Session, item_id: uuid.UUID, warehouse_id: uuid.UUID) -> list[picking.BatchStock]:
    """The place's batches with stock and when each first came in by receipt."""
    first_receipt = (select(func.min(StockMove.moved_at)).where(
        and_(StockMove.item_id == StockBalance.item_id, StockMove.warehouse_id == StockBalance.warehouse_id,
             func.coalesce(StockMove.batch_no, "") == StockBalance.batch_no, StockMove.move_type == domain.RECEIPT))
        .scalar_subquery())
    rows = session.execute(select(StockBalance.batch_no, first_receipt, StockBalance.on_hand).where(
        StockBalance.item_id == item_id, StockBalance.warehouse_id == warehouse_id, StockBalance.on_hand > 0))
    return [picking.BatchStock(batch, received_at, quantity) for batch, received_at, quantity in rows]


def after_picks(batches: list[picking.BatchStock], picks: list[tuple[str, Decimal]]) -> list[picking.BatchStock]:
    """What the batches hold once the picks are taken, for the next line delivering from the same place."""
    taken = dict(picks)
    return [picking.BatchStock(b.batch_key, b.first_received_at, b.on_hand - taken.get(b.batch_key, 0))
            for b in batches]
