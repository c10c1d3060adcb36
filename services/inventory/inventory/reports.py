"""Stock reports, read from the stock ledger: stock on hand as of a day, an item's movement history with
running balances, items below their reorder level, and stock ageing by batch receipt date.

"As of" a day means up to the end of that UTC day: the sum of the ledger rows that moved before the next day's
midnight UTC. Without a day the sums take every row, which is exactly the valuation (GET /stock/valuation).
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from sqlalchemy import and_, func, literal, or_, select
from sqlalchemy.orm import Session

from erp_shared.errors import NotFound

from .domain import QUANTITY_STEP
from .lots import first_receipts
from .models import Item, ItemValuation, Reservation, StockMove, Warehouse
from .queries import _page
from .reporting import (BUCKETS, ZERO_VALUE, Balance, age_stock, bucket_totals, business_day, end_of_day,
                        running_balances, start_of_day, suggested_order_quantity)


def today() -> date:
    return datetime.now(timezone.utc).date()


def _require_item(session: Session, item_id: uuid.UUID) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(f"item {item_id} not found", field="item_id")
    return item


def stock_on_hand(session: Session, filters: dict, page: int, page_size: int) -> dict:
    """Quantity and value per warehouse and item as of the end of `as_of` (now without it), places with
    neither left out; subtotals per warehouse and the total over every place asked for (not just the page)."""
    as_of = filters.get("as_of")
    conditions = [StockMove.moved_at < end_of_day(as_of)] if as_of else []
    for name in ("item_id", "warehouse_id"):
        if name in filters:
            conditions.append(getattr(StockMove, name) == filters[name])
    quantity, value = func.sum(StockMove.quantity), func.sum(StockMove.value)
    places = (select(StockMove.warehouse_id, StockMove.item_id, quantity.label("quantity"), value.label("value"))
              .where(*conditions).group_by(StockMove.warehouse_id, StockMove.item_id)
              .having(or_(quantity != 0, value != 0)).subquery("places"))
    query = (select(places, Item.code.label("item_code"), Item.name.label("item_name"), Item.unit,
                    Warehouse.code.label("warehouse_code"))
             .join(Item, Item.id == places.c.item_id).join(Warehouse, Warehouse.id == places.c.warehouse_id)
             .order_by(Warehouse.code, Item.code))
    rows, total = _page(session, query, page, page_size)
    warehouses = session.execute(
        select(places.c.warehouse_id, Warehouse.code, func.sum(places.c.value))
        .join(Warehouse, Warehouse.id == places.c.warehouse_id)
        .group_by(places.c.warehouse_id, Warehouse.code).order_by(Warehouse.code)).all()
    subtotals = [{"warehouse_id": warehouse_id, "warehouse_code": code, "value": Balance.of(0, amount).value}
                 for warehouse_id, code, amount in warehouses]
    return {
        "as_of": as_of,
        "rows": [{"warehouse_id": row.warehouse_id, "warehouse_code": row.warehouse_code, "item_id": row.item_id,
                  "item_code": row.item_code, "item_name": row.item_name, "unit": row.unit,
                  **_figures(row.quantity, row.value)} for row in rows],
        "warehouses": subtotals,
        "total_value": sum((w["value"] for w in subtotals), ZERO_VALUE),
    }, total


def _figures(quantity, value) -> dict:
    balance = Balance.of(quantity, value)
    return {"quantity": balance.quantity, "value": balance.value}


def movements(session: Session, filters: dict, page: int, page_size: int) -> tuple[dict, int]:
    """An item's ledger rows in a period (UTC days, both ends inclusive, open where absent), in time order with
    the running quantity and value from the opening balance (everything before the period), and the closing
    balance; at one warehouse if asked. Paged: a page's running balances carry on from the rows before it."""
    item = _require_item(session, filters["item_id"])
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    scope = [StockMove.item_id == item.id]
    if "warehouse_id" in filters:
        scope.append(StockMove.warehouse_id == filters["warehouse_id"])
    period = list(scope)
    if date_from:
        period.append(StockMove.moved_at >= start_of_day(date_from))
    if date_to:
        period.append(StockMove.moved_at < end_of_day(date_to))
    sums = (func.sum(StockMove.quantity), func.sum(StockMove.value))
    opening = (Balance.of(*session.execute(select(*sums).where(*scope, StockMove.moved_at < start_of_day(date_from)))
                          .one()) if date_from else Balance())
    in_period = Balance.of(*session.execute(select(*sums).where(*period)).one())
    order = (StockMove.moved_at, StockMove.recorded_at, StockMove.id)
    offset = (page - 1) * page_size
    before_page = (select(StockMove.quantity, StockMove.value).where(*period).order_by(*order).limit(offset)
                   .subquery("before_page"))
    carried = Balance.of(*session.execute(select(func.sum(before_page.c.quantity),
                                                 func.sum(before_page.c.value))).one()) if offset else Balance()
    query = (select(StockMove, Warehouse.code.label("warehouse_code"))
             .join(Warehouse, Warehouse.id == StockMove.warehouse_id).where(*period).order_by(*order))
    rows, total = _page(session, query, page, page_size)
    brought_forward = opening.after(carried.quantity, carried.value)
    running = running_balances(brought_forward, ((r.StockMove.quantity, r.StockMove.value) for r in rows))
    closing = opening.after(in_period.quantity, in_period.value)
    return {
        "item_id": item.id, "item_code": item.code, "item_name": item.name, "unit": item.unit,
        "warehouse_id": filters.get("warehouse_id"), "date_from": date_from, "date_to": date_to,
        "opening_quantity": opening.quantity, "opening_value": opening.value,
        "movements": [{
            "id": r.StockMove.id, "moved_at": r.StockMove.moved_at, "recorded_at": r.StockMove.recorded_at,
            "move_type": r.StockMove.move_type, "source_document": r.StockMove.source_document,
            "warehouse_id": r.StockMove.warehouse_id, "warehouse_code": r.warehouse_code,
            "batch_no": r.StockMove.batch_no, "quantity": r.StockMove.quantity, "unit_cost": r.StockMove.unit_cost,
            "value": r.StockMove.value, "running_quantity": balance.quantity, "running_value": balance.value}
            for r, balance in zip(rows, running)],
        "closing_quantity": closing.quantity, "closing_value": closing.value,
    }, total


def below_reorder(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Active items whose on hand over all warehouses is below their reorder level, with what is reserved of
    it for sales orders, what is backordered, what is available, and how much to order: the reorder quantity,
    or the shortfall to the level if that is larger."""
    reserved = (select(Reservation.item_id, func.sum(Reservation.quantity_reserved).label("reserved"),
                       func.sum(Reservation.quantity_backordered).label("backordered"))
                .group_by(Reservation.item_id).subquery("item_reserved"))
    on_hand = func.coalesce(ItemValuation.on_hand, 0)
    query = (select(Item, on_hand.label("on_hand"), func.coalesce(reserved.c.reserved, 0).label("reserved"),
                    func.coalesce(reserved.c.backordered, 0).label("backordered"))
             .outerjoin(ItemValuation, ItemValuation.item_id == Item.id)
             .outerjoin(reserved, reserved.c.item_id == Item.id)
             .where(Item.active.is_(True), on_hand < Item.reorder_level)
             .order_by(Item.code))
    if "item_type" in filters:
        query = query.where(Item.item_type == filters["item_type"])
    rows, total = _page(session, query, page, page_size)
    result = []
    for row in rows:
        item, stock = row.Item, Balance.of(row.on_hand, 0).quantity
        reserved_quantity, backordered = Balance.of(row.reserved, 0).quantity, Balance.of(row.backordered, 0).quantity
        result.append({
            "item_id": item.id, "item_code": item.code, "item_name": item.name, "unit": item.unit,
            "item_type": item.item_type, "on_hand": stock, "reserved": reserved_quantity,
            "backordered": backordered, "available": stock - reserved_quantity,
            "reorder_level": item.reorder_level, "reorder_quantity": item.reorder_quantity,
            "shortfall": (item.reorder_level - stock).quantize(QUANTITY_STEP),
            "suggested_quantity": suggested_order_quantity(stock, item.reorder_level, item.reorder_quantity),
        })
    return result, total


def stock_ageing(session: Session, filters: dict, page: int, page_size: int) -> tuple[dict, int]:
    """Stock on hand as of the end of `as_of` (today if absent) by the age of its batch: days from the batch's
    first receipt (any warehouse) to `as_of`. Stock without a batch, or in a batch no receipt booked, is
    'unknown'. Each item's bucket values share out its stock value (ledger sum) by quantity, so they add up to
    it exactly; at one warehouse the stock value is that warehouse's. Totals are over every item, the page
    being one of items."""
    as_of = filters.get("as_of") or today()
    cutoff = end_of_day(as_of)
    scope = [StockMove.moved_at < cutoff]
    if "warehouse_id" in filters:
        scope.append(StockMove.warehouse_id == filters["warehouse_id"])
    batch_key = func.coalesce(StockMove.batch_no, literal(""))
    lots = (select(StockMove.item_id, batch_key.label("batch_no"), func.sum(StockMove.quantity).label("quantity"),
                   func.sum(StockMove.value).label("value"))
            .where(*scope).group_by(StockMove.item_id, batch_key).subquery("lots"))
    first = first_receipts(before=cutoff)
    rows = session.execute(
        select(lots, first.c.received_at, Item.code, Item.name, Item.unit)
        .join(Item, Item.id == lots.c.item_id)
        .outerjoin(first, and_(first.c.item_id == lots.c.item_id, first.c.batch_no == lots.c.batch_no))
        .order_by(Item.code, lots.c.batch_no)).all()
    items: dict[uuid.UUID, dict] = {}
    for row in rows:
        item = items.setdefault(row.item_id, {"item_id": row.item_id, "item_code": row.code, "item_name": row.name,
                                              "unit": row.unit, "lots": [], "balance": Balance()})
        item["balance"] = item["balance"].after(row.quantity, row.value)
        received_on = business_day(row.received_at) if row.batch_no and row.received_at else None
        item["lots"].append((received_on, row.quantity))
    aged = []
    for item in items.values():
        balance = item.pop("balance")
        if balance.quantity == 0 and balance.value == 0:
            continue
        buckets = age_stock(as_of, balance.value, item.pop("lots"))
        aged.append({**item, "on_hand": balance.quantity, "stock_value": balance.value, "buckets": buckets})
    totals = bucket_totals(item["buckets"] for item in aged)
    start = (page - 1) * page_size
    return {
        "as_of": as_of, "warehouse_id": filters.get("warehouse_id"), "bucket_names": list(BUCKETS),
        "items": aged[start:start + page_size], "totals": totals,
        "total_value": sum((figure.value for figure in totals), ZERO_VALUE),
    }, len(aged)
