"""Batches (lots): where each came from and everything that happened to it.

A batch is an item's batch number, wherever its stock now is; it came in on the goods receipt(s) that first
booked it, and inventory remembers each receipt's purchase order and supplier (`receipt_origins`, written when
the receipt is booked) so a batch is traced back to its supplier without asking procurement. The trace reads
the ledger generically: every move type that names the batch shows, whatever booked it.
"""
from __future__ import annotations

import uuid

from sqlalchemy import and_, func, select
from sqlalchemy.dialects.postgresql import distinct_on, insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.errors import NotFound

from . import domain
from .models import Item, ItemValuation, ReceiptOrigin, StockBalance, StockMove, Warehouse, supplier_replica
from .queries import _page
from .reporting import Balance, running_balances


def record_receipt_origin(session: Session, receipt: dict) -> None:
    """Remember where a goods receipt came from, in the booking's transaction; a redelivered receipt changes
    nothing (the receipt number is the key)."""
    session.execute(pg_insert(ReceiptOrigin).values(
        receipt_no=receipt["receipt_no"], receipt_id=receipt.get("receipt_id"), po_number=receipt.get("po_number"),
        supplier_id=receipt.get("supplier_id"), received_at=receipt["received_at"]).on_conflict_do_nothing())


def first_receipts(item_id: uuid.UUID | None = None, before=None):
    """Per item and batch, the receipt that first booked it (earliest moved_at, then booked first), as a
    subquery: item_id, batch_no, received_at, receipt_no. `before` limits it to rows moved before an instant."""
    query = (select(StockMove.item_id, StockMove.batch_no, StockMove.moved_at.label("received_at"),
                    StockMove.source_document.label("receipt_no"))
             .where(StockMove.move_type == domain.RECEIPT, StockMove.batch_no.is_not(None))
             .ext(distinct_on(StockMove.item_id, StockMove.batch_no))
             .order_by(StockMove.item_id, StockMove.batch_no, StockMove.moved_at, StockMove.recorded_at,
                       StockMove.id))
    if item_id is not None:
        query = query.where(StockMove.item_id == item_id)
    if before is not None:
        query = query.where(StockMove.moved_at < before)
    return query.subquery("first_receipts")


def _supplier_columns():
    return (ReceiptOrigin.po_number, ReceiptOrigin.supplier_id, supplier_replica.c.code.label("supplier_code"),
            supplier_replica.c.name.label("supplier_name"))


def batches(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """On hand per item, warehouse and batch (stock without a batch is not a batch: /stock lists it), each
    valued at its item's moving average like /stock, with the batch's first receipt and where that came from.
    Empty batches only with `include_empty`."""
    first = first_receipts(filters.get("item_id"))
    query = (select(StockBalance, ItemValuation, Item.code.label("item_code"), Item.name.label("item_name"),
                    Item.unit, Warehouse.code.label("warehouse_code"), first.c.received_at, first.c.receipt_no,
                    *_supplier_columns())
             .join(Item, Item.id == StockBalance.item_id)
             .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
             .join(ItemValuation, ItemValuation.item_id == StockBalance.item_id)
             .outerjoin(first, and_(first.c.item_id == StockBalance.item_id,
                                    first.c.batch_no == StockBalance.batch_no))
             .outerjoin(ReceiptOrigin, ReceiptOrigin.receipt_no == first.c.receipt_no)
             .outerjoin(supplier_replica, supplier_replica.c.id == ReceiptOrigin.supplier_id)
             .where(StockBalance.batch_no != "")
             .order_by(Item.code, Warehouse.code, first.c.received_at.asc().nulls_last(), StockBalance.batch_no))
    for name in ("item_id", "warehouse_id"):
        if name in filters:
            query = query.where(getattr(StockBalance, name) == filters[name])
    if not filters.get("include_empty"):
        query = query.where(StockBalance.on_hand > 0)
    rows, total = _page(session, query, page, page_size)
    return [{
        "item_id": row.StockBalance.item_id, "item_code": row.item_code, "item_name": row.item_name,
        "unit": row.unit, "warehouse_id": row.StockBalance.warehouse_id, "warehouse_code": row.warehouse_code,
        "batch_no": row.StockBalance.batch_no, "on_hand": row.StockBalance.on_hand,
        "value": row.ItemValuation.valuation.value_of(row.StockBalance.on_hand),
        "first_received_at": row.received_at, "receipt_no": row.receipt_no, "po_number": row.po_number,
        "supplier_id": row.supplier_id, "supplier_code": row.supplier_code, "supplier_name": row.supplier_name,
    } for row in rows], total


def trace(session: Session, item_id: uuid.UUID, batch_no: str) -> dict:
    """Where one batch of an item came from (its receipts, with purchase order and supplier) and every ledger
    row that moved it, in time order with the batch's running quantity over all warehouses; a summary per move
    type; and where it is now."""
    item = session.get(Item, item_id)
    moves = session.execute(
        select(StockMove, Warehouse.code.label("warehouse_code"))
        .join(Warehouse, Warehouse.id == StockMove.warehouse_id)
        .where(StockMove.item_id == item_id, StockMove.batch_no == batch_no)
        .order_by(StockMove.moved_at, StockMove.recorded_at, StockMove.id)).all()
    if item is None or not moves:
        raise NotFound(f"item {item_id} has no batch {batch_no!r}", field="batch_no")
    running = running_balances(Balance(), ((row.StockMove.quantity, row.StockMove.value) for row in moves))
    movements, summary = [], {}
    for row, balance in zip(moves, running):
        move = row.StockMove
        movements.append({
            "moved_at": move.moved_at, "recorded_at": move.recorded_at, "move_type": move.move_type,
            "source_document": move.source_document, "source_event_id": move.source_event_id,
            "warehouse_id": move.warehouse_id, "warehouse_code": row.warehouse_code, "quantity": move.quantity,
            "unit_cost": move.unit_cost, "value": move.value, "running_quantity": balance.quantity})
        count, total = summary.get(move.move_type, (0, Balance()))
        summary[move.move_type] = (count + 1, total.after(move.quantity, move.value))
    receipts = session.execute(
        select(StockMove.source_document, func.min(StockMove.moved_at).label("received_at"),
               func.sum(StockMove.quantity).label("quantity"), func.sum(StockMove.value).label("value"),
               *_supplier_columns())
        .outerjoin(ReceiptOrigin, ReceiptOrigin.receipt_no == StockMove.source_document)
        .outerjoin(supplier_replica, supplier_replica.c.id == ReceiptOrigin.supplier_id)
        .where(StockMove.item_id == item_id, StockMove.batch_no == batch_no, StockMove.move_type == domain.RECEIPT)
        .group_by(StockMove.source_document, *_supplier_columns())
        .order_by(func.min(StockMove.moved_at), StockMove.source_document)).all()
    locations = session.execute(
        select(StockBalance.warehouse_id, Warehouse.code, StockBalance.on_hand)
        .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
        .where(StockBalance.item_id == item_id, StockBalance.batch_no == batch_no, StockBalance.on_hand != 0)
        .order_by(Warehouse.code)).all()
    return {
        "item_id": item.id, "item_code": item.code, "item_name": item.name, "unit": item.unit, "batch_no": batch_no,
        "origins": [{"receipt_no": r.source_document, "po_number": r.po_number, "supplier_id": r.supplier_id,
                     "supplier_code": r.supplier_code, "supplier_name": r.supplier_name,
                     "received_at": r.received_at, "quantity": r.quantity, "value": r.value} for r in receipts],
        "movements": movements,
        "summary": [{"move_type": move_type, "moves": count, "quantity": total.quantity, "value": total.value}
                    for move_type, (count, total) in sorted(summary.items())],
        "on_hand": running[-1].quantity,
        "locations": [{"warehouse_id": warehouse_id, "warehouse_code": code, "on_hand": on_hand}
                      for warehouse_id, code, on_hand in locations],
    }
