"""Read side of the stock ledger: on hand per place (with what is reserved there), the valuation per item, the
ledger rows, and the reservations held for sales orders."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Select, and_, func, select, union
from sqlalchemy.orm import Session

from .domain import QUANTITY_STEP
from .models import Item, ItemValuation, Reservation, StockBalance, StockMove, Warehouse
from .transit import IN_TRANSIT_ID


def _page(session: Session, query: Select, page: int, page_size: int) -> tuple[list, int]:
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = session.execute(query.offset((page - 1) * page_size).limit(page_size)).all()
    return rows, total


def _at_places(query: Select, model, filters: dict) -> Select:
    for name in ("item_id", "warehouse_id"):
        if name in filters:
            query = query.where(getattr(model, name) == filters[name])
    return query


def _place_totals(filters: dict):
    """On hand (all batches) and still reserved per item and warehouse, as subqueries to join on; the filters
    are applied inside so only the places asked for are summed."""
    on_hand = _at_places(select(StockBalance.item_id, StockBalance.warehouse_id,
                                func.sum(StockBalance.on_hand).label("on_hand"))
                         .group_by(StockBalance.item_id, StockBalance.warehouse_id), StockBalance, filters)
    reserved = _at_places(select(Reservation.item_id, Reservation.warehouse_id,
                                 func.sum(Reservation.quantity_reserved).label("reserved"),
                                 func.sum(Reservation.quantity_backordered).label("backordered"))
                          .group_by(Reservation.item_id, Reservation.warehouse_id), Reservation, filters)
    return on_hand.subquery("place_on_hand"), reserved.subquery("place_reserved")


def stock_on_hand(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Each row is valued at its item's moving average, from the exact running value, so an item kept in
    one place shows exactly its stock value. Reservations are not per batch, so reserved and available are
    the item's in that warehouse, repeated on each of its batch rows."""
    on_hand, reserved = _place_totals(filters)
    query = (select(StockBalance, ItemValuation, Item.code.label("item_code"), Item.name.label("item_name"),
                    Item.unit, Warehouse.code.label("warehouse_code"), on_hand.c.on_hand.label("place_on_hand"),
                    func.coalesce(reserved.c.reserved, 0).label("place_reserved"))
             .join(Item, Item.id == StockBalance.item_id)
             .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
             .join(ItemValuation, ItemValuation.item_id == StockBalance.item_id)
             .join(on_hand, and_(on_hand.c.item_id == StockBalance.item_id,
                                 on_hand.c.warehouse_id == StockBalance.warehouse_id))
             .outerjoin(reserved, and_(reserved.c.item_id == StockBalance.item_id,
                                       reserved.c.warehouse_id == StockBalance.warehouse_id))
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
            "reserved": _quantity(row.place_reserved), "available": _quantity(row.place_on_hand - row.place_reserved),
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
    for name in ("item_id", "warehouse_id", "source_document", "move_type"):
        if name in filters:
            query = query.where(getattr(StockMove, name) == filters[name])
    rows, total = _page(session, query, page, page_size)
    columns = StockMove.__table__.columns.keys()
    return [{**{name: getattr(row.StockMove, name) for name in columns},
             "item_code": row.item_code, "warehouse_code": row.warehouse_code} for row in rows], total


def _quantity(value) -> Decimal:
    return Decimal(value).quantize(QUANTITY_STEP)


def reservations(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Reservation lines in the order backorders are filled: order date, confirmation, line."""
    query = (select(Reservation, Item.code.label("item_code"), Warehouse.code.label("warehouse_code"))
             .join(Item, Item.id == Reservation.item_id)
             .join(Warehouse, Warehouse.id == Reservation.warehouse_id)
             .order_by(Reservation.order_date, Reservation.confirmed_at, Reservation.order_line_id))
    for name in ("order_id", "item_id", "warehouse_id", "status"):
        if name in filters:
            query = query.where(getattr(Reservation, name) == filters[name])
    rows, total = _page(session, query, page, page_size)
    columns = Reservation.__table__.columns.keys()
    return [{**{name: getattr(row.Reservation, name) for name in columns},
             "item_code": row.item_code, "warehouse_code": row.warehouse_code} for row in rows], total


def availability(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Per item and warehouse: on hand, still reserved, backordered, and available to reserve (on hand minus
    reserved). A place with only backorders shows too: that is where stock is awaited."""
    places = union(_at_places(select(StockBalance.item_id, StockBalance.warehouse_id), StockBalance, filters),
                   _at_places(select(Reservation.item_id, Reservation.warehouse_id), Reservation, filters)
                   ).subquery("places")
    on_hand, reserved = _place_totals(filters)
    query = (select(places.c.item_id, places.c.warehouse_id, Item.code.label("item_code"),
                    Warehouse.code.label("warehouse_code"),
                    func.coalesce(on_hand.c.on_hand, 0).label("on_hand"),
                    func.coalesce(reserved.c.reserved, 0).label("reserved"),
                    func.coalesce(reserved.c.backordered, 0).label("backordered"))
             .join(Item, Item.id == places.c.item_id)
             .join(Warehouse, Warehouse.id == places.c.warehouse_id)
             .outerjoin(on_hand, and_(on_hand.c.item_id == places.c.item_id,
                                      on_hand.c.warehouse_id == places.c.warehouse_id))
             .outerjoin(reserved, and_(reserved.c.item_id == places.c.item_id,
                                       reserved.c.warehouse_id == places.c.warehouse_id))
             .order_by(Item.code, Warehouse.code))
    rows, total = _page(session, query, page, page_size)
    return [{"item_id": row.item_id, "item_code": row.item_code, "warehouse_id": row.warehouse_id,
             "warehouse_code": row.warehouse_code, "on_hand": _quantity(row.on_hand),
             "reserved": _quantity(row.reserved), "backordered": _quantity(row.backordered),
             "available": _available(row)} for row in rows], total


def _available(row) -> Decimal:
    """Goods in transit are owned and counted on hand, but nothing may be reserved there."""
    return _quantity(0 if row.warehouse_id == IN_TRANSIT_ID else row.on_hand - row.reserved)
