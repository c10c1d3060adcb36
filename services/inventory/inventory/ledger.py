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

from sqlalchemy import select, tuple_
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
    a `warehouse_id`."""
    refuse_transit(line.warehouse_id for line in lines)
    for field, model, wanted in (("item_id", Item, {line.item_id for line in lines}),
                                 ("warehouse_id", Warehouse, {line.warehouse_id for line in lines})):
        known = set(session.execute(select(model.id).where(model.id.in_(wanted))).scalars()) if wanted else set()
        unknown = sorted(str(i) for i in wanted - known)
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
    statement = pg_insert(StockMove).values([{
        "id": uuid.uuid4(), "item_id": m.item_id, "warehouse_id": m.warehouse_id, "batch_no": m.batch_no,
        "quantity": m.quantity, "unit_cost": m.unit_cost, "value": m.value, "move_type": source.move_type,
        "source_document": source.document, "source_line_id": m.source_line_id,
        "delivery_line_id": m.delivery_line_id, "source_event_id": source.event_id, "moved_at": source.moved_at,
    } for m in movements]).on_conflict_do_nothing(constraint="uq_stock_moves_source_line")
    inserted = set(session.execute(statement.returning(StockMove.source_line_id, StockMove.batch_no)).all())
    return [m for m in movements if (m.source_line_id, m.batch_no) in inserted]


def lock_valuations(session: Session, item_ids: set[uuid.UUID], *,
                    nowait: bool = False) -> dict[uuid.UUID, ItemValuation]:
    """The items' valuation rows, created empty where missing, locked in item order. `nowait` is for the one
    caller that must lock out of order: it fails at once (a transient error the consumer retries) instead of
    waiting into a deadlock."""
    if not item_ids:
        return {}
    ordered = sorted(item_ids)
    new_rows = [{"item_id": i, "on_hand": 0, "stock_value": 0, "movement_count": 0} for i in ordered]
    session.execute(pg_insert(ItemValuation).values(new_rows).on_conflict_do_nothing())
    rows = session.execute(select(ItemValuation).where(ItemValuation.item_id.in_(ordered))
                           .order_by(ItemValuation.item_id).with_for_update(nowait=nowait)
                           .execution_options(populate_existing=True)).scalars()
    return {row.item_id: row for row in rows}


def lock_balances(session: Session, keys: set[tuple]) -> dict[tuple, StockBalance]:
    if not keys:
        return {}
    ordered = sorted(keys)
    new_rows = [{"item_id": i, "warehouse_id": w, "batch_no": b, "on_hand": 0} for i, w, b in ordered]
    session.execute(pg_insert(StockBalance).values(new_rows).on_conflict_do_nothing())
    key = tuple_(StockBalance.item_id, StockBalance.warehouse_id, StockBalance.batch_no)
    rows = session.execute(select(StockBalance).where(key.in_(ordered)).order_by(*key.clauses).with_for_update()
                           .execution_options(populate_existing=True)).scalars()
    return {(row.item_id, row.warehouse_id, row.batch_no): row for row in rows}
