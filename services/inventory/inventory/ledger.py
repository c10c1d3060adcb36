"""Booking the stock ledger: ledger rows, the balances they change and the items' valuations, all in the
caller's transaction.

Locks are taken in one order everywhere: the items' valuation rows (sorted), then order reservations (sorted),
then reservation lines and balances. Every change to an item's stock or to what is reserved of it holds the
item's valuation lock, so concurrent bookings, reservations and issues of one item queue instead of
deadlocking, and a reservation always sees the stock and the other reservations as they really are.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.errors import RuleViolation

from . import domain
from .models import Item, ItemValuation, StockBalance, StockMove, Warehouse
from .transit import refuse_transit


@dataclass(frozen=True)
class Source:
    """What caused a set of movements: the ledger names it on every row."""
    move_type: str
    document: str
    event_id: uuid.UUID
    moved_at: datetime


def require_known_places(session: Session, lines) -> None:
    """Inventory owns items and warehouses, so a line naming one it does not know can never be booked; nor can
    one naming the in-transit location, which only transfers book. `lines` are anything with an `item_id` and
    a `warehouse_id`. Both are checked in one statement: this runs on every booking."""
    refuse_transit(line.warehouse_id for line in lines)
    wanted = {"item_id": {line.item_id for line in lines}, "warehouse_id": {line.warehouse_id for line in lines}}
    if not any(wanted.values()):
        return
    known_items = select(literal("item_id").label("field"), Item.id).where(Item.id.in_(wanted["item_id"]))
    known_warehouses = (select(literal("warehouse_id").label("field"), Warehouse.id)
                        .where(Warehouse.id.in_(wanted["warehouse_id"])))
    known = set(session.execute(known_items.union_all(known_warehouses)).all())
    for field, ids in wanted.items():
        unknown = sorted(str(i) for i in ids if (field, i) not in known)
        if unknown:
            raise RuleViolation(f"unknown {field.removesuffix('_id')}: {', '.join(unknown)}", field=field)


def book_movements(session: Session, source: Source,
                   movements: list[domain.Movement]) -> dict[uuid.UUID, domain.Valuation]:
    """Books every movement not in the ledger yet and returns the new valuation of each item it touched. The
    business key (move type, source line, batch) decides what is new, so a redelivered event books nothing
    twice."""
    booked = _insert_ledger_rows(session, source, movements)
    valuations = lock_valuations(session, {m.item_id for m in booked})
    balances = lock_balances(session, {(m.item_id, m.warehouse_id, m.batch_key) for m in booked})
    for movement in booked:
        balance = balances[(movement.item_id, movement.warehouse_id, movement.batch_key)]
        balance.on_hand = domain.on_hand_after(balance.on_hand, movement.quantity)
        row = valuations[movement.item_id]
        row.valuation = row.valuation.after(movement.quantity, movement.value)
    return {item_id: row.valuation for item_id, row in valuations.items()}


def _insert_ledger_rows(session: Session, source: Source, movements: list[domain.Movement]) -> list[domain.Movement]:
    if not movements:
        return []
    # Rows as parameters (executemany) rather than `.values([...])`: a multi-row VALUES statement has no cache
    # key, so it would be compiled again on every booking.
    moves = StockMove.__table__
    statement = (pg_insert(moves).on_conflict_do_nothing(constraint="uq_stock_moves_source_line")
                 .returning(moves.c.source_line_id, moves.c.batch_no))
    inserted = set(session.execute(statement, [{
        "id": uuid.uuid4(), "item_id": m.item_id, "warehouse_id": m.warehouse_id, "batch_no": m.batch_no,
        "quantity": m.quantity, "unit_cost": m.unit_cost, "value": m.value, "move_type": source.move_type,
        "source_document": source.document, "source_line_id": m.source_line_id,
        "delivery_line_id": m.delivery_line_id, "source_event_id": source.event_id, "moved_at": source.moved_at,
    } for m in movements]).all())
    return [m for m in movements if (m.source_line_id, m.batch_no) in inserted]


def lock_valuations(session: Session, item_ids: set[uuid.UUID], *,
                    nowait: bool = False) -> dict[uuid.UUID, ItemValuation]:
    """The items' valuation rows, created empty where missing, locked in item order. `nowait` is for the one
    caller that must lock out of order: it fails at once (a transient error the consumer retries) instead of
    waiting into a deadlock."""
    key = (ItemValuation.item_id,)
    return _lock_rows(session, ItemValuation, key, {(i,) for i in item_ids}, nowait=nowait,
                      empty=lambda i: {"item_id": i, "on_hand": 0, "stock_value": 0, "movement_count": 0})


def lock_balances(session: Session, keys: set[tuple]) -> dict[tuple, StockBalance]:
    key = (StockBalance.item_id, StockBalance.warehouse_id, StockBalance.batch_no)
    return _lock_rows(session, StockBalance, key, keys, nowait=False,
                      empty=lambda i, w, b: {"item_id": i, "warehouse_id": w, "batch_no": b, "on_hand": 0})


def _lock_rows(session: Session, model, key: tuple, keys: set[tuple], *, nowait: bool, empty) -> dict:
    """Rows exist after a key's first movement, so they are locked first and created only when some are
    missing: one statement on every booking after the first. Creating rows while holding others can, when
    several first bookings of the same keys race, end in a deadlock; PostgreSQL breaks it and the loser's
    transient error is retried (consumer) or answered 503 (API). Keys come back as given: a 1-tuple key maps
    to its single value."""
    if not keys:
        return {}
    ordered = sorted(keys)
    column = key[0] if len(key) == 1 else tuple_(*key)
    wanted = [k[0] for k in ordered] if len(key) == 1 else ordered

    def locked() -> dict:
        rows = session.execute(select(model).where(column.in_(wanted)).order_by(*key)
                               .with_for_update(nowait=nowait).execution_options(populate_existing=True)).scalars()
        return {tuple(getattr(row, c.key) for c in key): row for row in rows}

    rows = locked()
    if len(rows) < len(ordered):
        session.execute(pg_insert(model.__table__).on_conflict_do_nothing(),
                        [empty(*k) for k in ordered if k not in rows])
        rows = locked()
    return {(k[0] if len(key) == 1 else k): row for k, row in rows.items()}
