"""The reservation side of the order saga: reserving for a confirmed order, releasing a cancelled one, and
filling backorders when stock arrives or is freed. Every change publishes the order's whole reservation.

Each use case takes the valuation locks of the items it reserves before it reads what is available (see
ledger.py for the lock order): two orders racing for the last units queue on that lock, and the second sees
what the first took, so no more is ever reserved than is on hand.
"""
from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import exists, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.events import Envelope
from erp_shared.messaging.outbox import record_events

from . import allocation
from .allocation import BACKORDERED, RELEASED, Place
from .events import stock_reserved
from .ledger import lock_valuations, require_known_places
from .models import OrderReservation, Reservation, StockBalance, outbox


def reserve_for_order(session: Session, event: Envelope, order: dict) -> None:
    """Lines not known yet reserve what is available and backorder the rest; lines already known stay as they
    are, because the saga's sweep sends the same request again while it waits for the answer. Every request
    is answered with the order's state, so a sweep that re-sends always gets a reply."""
    requests = allocation.order_lines(order["lines"])
    require_known_places(session, requests)
    lock_valuations(session, {r.item_id for r in requests})
    head = lock_order(session, order["order_id"], order["order_no"], BACKORDERED)
    if head.status == RELEASED:
        publish_state(session, head, changed=False)     # cancelled before it was confirmed: reserve nothing
        return
    known = set(session.execute(select(Reservation.order_line_id).where(
        Reservation.order_line_id.in_([r.order_line_id for r in requests]))).scalars())
    new = [r for r in requests if r.order_line_id not in known]
    decided = allocation.allocate(new, available_at(session, {r.place for r in new}))
    if new:
        reserve = pg_insert(Reservation.__table__).on_conflict_do_nothing(index_elements=["order_line_id"])
        session.execute(reserve, [{
            "id": uuid.uuid4(), "order_line_id": r.order_line_id, "order_id": head.order_id,
            "order_no": order["order_no"], "order_date": order["order_date"], "confirmed_at": order["confirmed_at"],
            "item_id": r.item_id, "warehouse_id": r.warehouse_id, "quantity_requested": r.quantity,
            "quantity_reserved": decided[r.order_line_id].reserved,
            "quantity_backordered": decided[r.order_line_id].backordered, "quantity_issued": 0,
            "status": decided[r.order_line_id].status,
        } for r in new])
    publish_state(session, head, changed=bool(new) or head.version == 0)


def release_order(session: Session, event: Envelope, cancellation: dict) -> None:
    """Whatever is reserved or backordered for the order is let go (what was issued has left and stays
    issued); the freed stock goes to the backorders waiting for it. An order inventory has not heard of yet
    is remembered as released, so its late request reserves nothing."""
    order_id = cancellation["order_id"]
    seen_items = set(session.execute(select(Reservation.item_id).where(Reservation.order_id == order_id)).scalars())
    lock_valuations(session, seen_items)
    head = lock_order(session, order_id, cancellation["order_no"], RELEASED)
    lines = order_lines(session, order_id, lock=True)
    # A request that committed between the first look and the order lock brought items not locked yet. They
    # are locked out of order, so without waiting: a wait could close a deadlock, a refusal is a transient
    # error the consumer retries, and the retry sees those lines from the start.
    lock_valuations(session, {line.item_id for line in lines} - seen_items, nowait=True)
    if head.status == RELEASED and head.version > 0:
        publish_state(session, head, changed=False)
        return
    freed = {(line.item_id, line.warehouse_id) for line in lines if line.quantity_reserved > 0}
    for line in lines:
        line.state = line.state.release()
    head.status = RELEASED
    publish_state(session, head, changed=True)
    fill_backorders(session, freed)


def fill_backorders(session: Session, places: set[Place]) -> None:
    """Open backorders at these places take what is available, oldest order date first (then the order
    confirmed first, then the line id), and each order changed publishes its new state. The caller holds the
    valuation locks of the places' items."""
    if not places:
        return
    session.flush()
    waiting = {row.order_line_id: row for row in session.execute(
        select(Reservation).where(_at(places), Reservation.quantity_backordered > 0)).scalars()}
    if not waiting:
        return
    fills = allocation.fill_backorders(
        [allocation.Backorder(row.order_line_id, (row.item_id, row.warehouse_id), row.order_date, row.confirmed_at,
                              row.quantity_backordered) for row in waiting.values()],
        available_at(session, places))
    if not fills:
        return
    heads = lock_orders(session, {waiting[line_id].order_id for line_id in fills})
    rows = {row.order_line_id: row for row in session.execute(
        select(Reservation).where(Reservation.order_line_id.in_(sorted(fills))).order_by(Reservation.order_line_id)
        .with_for_update().execution_options(populate_existing=True)).scalars()}
    for line_id, quantity in fills.items():
        rows[line_id].state = rows[line_id].state.fill(quantity)
    for order_id in sorted(heads):
        publish_state(session, heads[order_id], changed=True)


def available_at(session: Session, places: set[Place]) -> dict[Place, Decimal]:
    """On hand over all batches at each place minus what is still reserved there. Only meaningful while the
    places' valuation locks are held."""
    if not places:
        return {}
    session.flush()
    on_hand = {(item, warehouse): quantity for item, warehouse, quantity in session.execute(
        select(StockBalance.item_id, StockBalance.warehouse_id, func.sum(StockBalance.on_hand))
        .where(tuple_(StockBalance.item_id, StockBalance.warehouse_id).in_(sorted(places)))
        .group_by(StockBalance.item_id, StockBalance.warehouse_id))}
    reserved = {(item, warehouse): quantity for item, warehouse, quantity in session.execute(
        select(Reservation.item_id, Reservation.warehouse_id, func.sum(Reservation.quantity_reserved))
        .where(_at(places)).group_by(Reservation.item_id, Reservation.warehouse_id))}
    zero = allocation.ZERO
    return {place: on_hand.get(place, zero) - reserved.get(place, zero) for place in places}


def _at(places: set[Place]):
    return tuple_(Reservation.item_id, Reservation.warehouse_id).in_(sorted(places))


def lock_order(session: Session, order_id: uuid.UUID, order_no: str, status: str) -> OrderReservation:
    """The order's reservation head, created (version 0, `status`) if inventory has not heard of the order."""
    session.execute(pg_insert(OrderReservation).values(order_id=order_id, order_no=order_no, status=status,
                                                       version=0).on_conflict_do_nothing())
    return lock_orders(session, {order_id})[order_id]


def lock_orders(session: Session, order_ids: set[uuid.UUID]) -> dict[uuid.UUID, OrderReservation]:
    rows = session.execute(select(OrderReservation).where(OrderReservation.order_id.in_(sorted(order_ids)))
                           .order_by(OrderReservation.order_id).with_for_update()
                           .execution_options(populate_existing=True)).scalars()
    return {row.order_id: row for row in rows}


def order_lines(session: Session, order_id: uuid.UUID, *, lock: bool = False) -> list[Reservation]:
    query = select(Reservation).where(Reservation.order_id == order_id).order_by(Reservation.order_line_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return list(session.execute(query).scalars())


def publish_state(session: Session, head: OrderReservation, *, changed: bool) -> None:
    """Publishes the order's whole state; a change takes the next version first. An unchanged state is sent
    again under its own version (the answer to a repeated request, which sales recognises as nothing new),
    unless this very event was answered already (it reached the handler twice, past the inbox)."""
    session.flush()
    lines = order_lines(session, head.order_id)
    if changed:
        head.version += 1
        head.status = allocation.order_status([line.state for line in lines], released=head.status == RELEASED)
    answer = stock_reserved(head.order_id, head.status, head.version, lines)
    if changed or not session.execute(select(exists().where(outbox.c.event_id == answer.id))).scalar_one():
        record_events(session, outbox, answer)


def backorder_shortfalls(session: Session, places: set[Place]) -> None:
    """Stock was lost at these places: where what is left no longer covers what is reserved, the newest
    reservations go back to the backorder until it does, and each order changed publishes its new state. The
    caller holds the valuation locks of the places' items."""
    shortfalls = {place: -available for place, available in available_at(session, places).items() if available < 0}
    if not shortfalls:
        return
    holding = {row.order_line_id: row for row in session.execute(
        select(Reservation).where(_at(set(shortfalls)), Reservation.quantity_reserved > 0)).scalars()}
    taken = allocation.backorder_newest(
        [allocation.Backorder(row.order_line_id, (row.item_id, row.warehouse_id), row.order_date, row.confirmed_at,
                              row.quantity_reserved) for row in holding.values()], shortfalls)
    if not taken:
        return
    heads = lock_orders(session, {holding[line_id].order_id for line_id in taken})
    rows = {row.order_line_id: row for row in session.execute(
        select(Reservation).where(Reservation.order_line_id.in_(sorted(taken))).order_by(Reservation.order_line_id)
        .with_for_update().execution_options(populate_existing=True)).scalars()}
    for line_id, quantity in taken.items():
        rows[line_id].state = rows[line_id].state.backorder(quantity)
    for order_id in sorted(heads):
        publish_state(session, heads[order_id], changed=True)
