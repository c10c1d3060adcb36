"""Read side of the stock ledger: on hand per place, the valuation per item, and the ledger rows."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from .models import Item, ItemValuation, StockBalance, StockMove, Warehouse


def _page(session: Session, query: Select, page: int, page_size: int) -> tuple[list, int]:
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = session.execute(query.offset((page - 1) * page_size).limit(page_size)).all()
    return rows, total


def stock_on_hand(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Each row is valued at its item's moving average, from the exact running value, so an item kept in
    one place shows exactly its stock value."""
    query = (select(StockBalance, ItemValuation, Item.code.label("item_code"), Item.name.label("item_name"),
                    Item.unit, Warehouse.code.label("warehouse_code"))
             .join(Item, Item.id == StockBalance.item_id)
             .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
             .join(ItemValuation, ItemValuation.item_id == StockBalance.item_id)
             .order_by(Item.code, Warehouse.code, StockBalance.batch_no))
    for name in ("item_id", "warehouse_id", "batch_no"):
        if name in filters:
            query = query.where(getattr(StockBalance, name) == filters[name])
    rows, total = _page(session, query, page, page_size)
    result = []
    for row in rows:
        balance, valuation = row.StockBalance, row.ItemValuation.valuation
        result.append({
            "item_id": balance.item_id, "item_code": row.item_code, "item_name": row.item_name, "unit": row.unit,
            "warehouse_id": balance.warehouse_id, "warehouse_code": row.warehouse_code,
            "batch_no": balance.batch_no or None, "on_hand": balance.on_hand,
            "average_cost": valuation.average_cost, "value": valuation.value_of(balance.on_hand),
        })
    return result, total


def stock_valuation(session: Session, item_id=None) -> dict:
    """The total is the sum of the items' exact stock values: the figure finance's account 1200 must show."""
    query = (select(ItemValuation, Item.code, Item.name, Item.unit)
             .join(Item, Item.id == ItemValuation.item_id).order_by(Item.code))
    if item_id is not None:
        query = query.where(ItemValuation.item_id == item_id)
    items = []
    for row in session.execute(query):
        valuation = row.ItemValuation.valuation
        items.append({
            "item_id": row.ItemValuation.item_id, "item_code": row.code, "item_name": row.name, "unit": row.unit,
            "on_hand": valuation.on_hand, "stock_value": valuation.stock_value,
            "average_cost": valuation.average_cost, "movement_count": valuation.movement_count,
        })
    return {"items": items, "total_value": sum((i["stock_value"] for i in items), Decimal("0.00"))}


def stock_moves(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest first: by when the goods moved, then by when the ledger learnt of it."""
    query = (select(StockMove, Item.code.label("item_code"), Warehouse.code.label("warehouse_code"))
             .join(Item, Item.id == StockMove.item_id)
             .join(Warehouse, Warehouse.id == StockMove.warehouse_id)
             .order_by(StockMove.moved_at.desc(), StockMove.recorded_at.desc(), StockMove.id.desc()))
    for name in ("item_id", "warehouse_id", "source_document"):
        if name in filters:
            query = query.where(getattr(StockMove, name) == filters[name])
    rows, total = _page(session, query, page, page_size)
    columns = StockMove.__table__.columns.keys()
    return [{**{name: getattr(row.StockMove, name) for name in columns},
             "item_code": row.item_code, "warehouse_code": row.warehouse_code} for row in rows], total
