"""procurement.goods_received.v1 applied through inventory's handler, as the consumer applies it (minus the
inbox): ledger rows, balances, valuation and the stock-level events, booked once per receipt line."""
import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from erp_shared.errors import PermanentEventError
from erp_shared.testing.statements import describe, recorded_statements
from inventory.domain import Valuation
from inventory.models import ItemValuation, StockBalance, StockMove

STOCK_LEVEL_CHANGED = "inventory.stock_level_changed.v1"


def balances(db, item_id):
    with db.unit_of_work() as session:
        rows = session.execute(select(StockBalance).where(StockBalance.item_id == item_id)).scalars()
        return {(row.warehouse_id, row.batch_no): row.on_hand for row in rows}


def valuation(db, item_id):
    with db.unit_of_work() as session:
        row = session.get(ItemValuation, item_id)
        return None if row is None else row.valuation


def moves(db, **where):
    with db.unit_of_work() as session:
        query = select(StockMove).filter_by(**where).order_by(StockMove.quantity)
        return session.execute(query).scalars().all()


def test_receipts_book_moves_balances_valuation_and_stock_events(db, receipts):
    steel, bolts = receipts.item(), receipts.item(unit="pcs")
    north, south = receipts.warehouse(), receipts.warehouse()
    first = receipts.event(receipts.line(steel, north, "10", "12.50", batch_no="LOT-1"),
                           receipts.line(bolts, south, "4", "2.50"))
    receipts.apply(first)

    assert balances(db, steel) == {(north, "LOT-1"): D("10.0000")}
    assert balances(db, bolts) == {(south, ""): D("4.0000")}
    [move] = moves(db, item_id=steel)
    line = first.data["lines"][0]
    assert (move.move_type, move.quantity, move.unit_cost, move.value, move.batch_no) == (
        "receipt", D("10.0000"), D("12.500000"), D("125.00"), "LOT-1")
    assert (move.source_document, str(move.source_line_id), move.source_event_id) == (
        first.data["receipt_no"], line["receipt_line_id"], first.id)
    assert move.moved_at.isoformat() == first.data["received_at"] and move.recorded_at is not None

    second = receipts.event(receipts.line(steel, south, "30", "14.00", batch_no="LOT-2"),
                            receipts.line(steel, north, "2", "12.50", batch_no="LOT-1"))
    receipts.apply(second)
    assert balances(db, steel) == {(north, "LOT-1"): D("12.0000"), (south, "LOT-2"): D("30.0000")}
    assert valuation(db, steel).stock_value == D("570.00")       # 125.00 + 420.00 + 25.00
    assert valuation(db, steel).average_cost == D("13.571429")    # 570.00 / 42
    assert valuation(db, steel).movement_count == 3

    [after_first_bolts, after_first_steel] = sorted(receipts.published(first.correlation_id),
                                                    key=lambda e: e["subject"] != str(bolts))
    assert after_first_steel["data"] == {"item_id": str(steel), "on_hand": "10.0000", "stock_value": "125.00",
                                         "average_cost": "12.500000"}
    assert (after_first_steel["sequence"], after_first_bolts["sequence"]) == (1, 1)
    assert after_first_bolts["data"]["stock_value"] == "10.00"
    [steel_now] = receipts.published(second.correlation_id)       # one event per item, however many lines
    assert steel_now["type"] == STOCK_LEVEL_CHANGED and steel_now["source"] == "inventory"
    assert (steel_now["subject"], steel_now["sequence"]) == (str(steel), 3)
    assert steel_now["data"] == {"item_id": str(steel), "on_hand": "42.0000", "stock_value": "570.00",
                                 "average_cost": "13.571429"}
    assert steel_now["id"] == str(uuid.uuid5(second.id, STOCK_LEVEL_CHANGED))
    assert steel_now["causation_id"] == str(second.id)


def test_the_moving_average_of_ten_at_12_50_then_thirty_at_14(db, receipts):
    item, store = receipts.item(), receipts.warehouse()
    receipts.apply(receipts.event(receipts.line(item, store, "10", "12.50")))
    receipts.apply(receipts.event(receipts.line(item, store, "30", "14.00")))
    assert valuation(db, item) == Valuation(D("40.0000"), D("545.00"), 2)
    assert str(valuation(db, item).average_cost) == "13.625000"


def test_events_for_several_items_get_distinct_derived_ids_in_item_order(db, receipts):
    store = receipts.warehouse()
    items = sorted(receipts.item() for _ in range(3))
    event = receipts.event(*(receipts.line(item, store, "1", "1.00") for item in reversed(items)))
    receipts.apply(event)
    published = receipts.published(event.correlation_id)
    assert [e["subject"] for e in published] == [str(item) for item in items]
    assert [e["id"] for e in published] == [
        str(uuid.uuid5(event.id, name)) for name in
        (STOCK_LEVEL_CHANGED, f"{STOCK_LEVEL_CHANGED}#1", f"{STOCK_LEVEL_CHANGED}#2")]


def test_the_value_is_procurements_amount_to_the_cent(db, receipts):
    item, store = receipts.item(), receipts.warehouse()
    receipts.apply(receipts.event(receipts.line(item, store, "3", "3.3333", amount="10.00")))
    assert (valuation(db, item).stock_value, valuation(db, item).average_cost) == (D("10.00"), D("3.333333"))


def test_the_same_event_applied_twice_books_once(db, receipts):
    item, store = receipts.item(), receipts.warehouse()
    event = receipts.event(receipts.line(item, store, "7", "2.00", batch_no="B7"))
    receipts.apply(event)
    receipts.apply(event)      # as if the inbox had been bypassed: the business key holds
    assert len(moves(db, item_id=item)) == 1
    assert balances(db, item) == {(store, "B7"): D("7.0000")}
    assert (valuation(db, item).stock_value, valuation(db, item).movement_count) == (D("14.00"), 1)
    assert len(receipts.published(event.correlation_id)) == 1


def test_a_line_booked_under_another_event_id_is_not_booked_again(db, receipts):
    item, store = receipts.item(), receipts.warehouse()
    line = receipts.line(item, store, "5", "1.00")
    receipts.apply(receipts.event(line, receipt_no="GRN-2026-900001"))
    receipts.apply(receipts.event(line, receipt_no="GRN-2026-900001"))
    assert len(moves(db, item_id=item)) == 1 and balances(db, item) == {(store, ""): D("5.0000")}


def test_rejected_goods_book_nothing(db, receipts):
    item, store = receipts.item(), receipts.warehouse()
    event = receipts.event(receipts.line(item, store, "0", "9.99", rejected="12"))
    receipts.apply(event)
    assert moves(db, item_id=item) == [] and balances(db, item) == {} and valuation(db, item) is None
    assert receipts.published(event.correlation_id) == []


@pytest.mark.parametrize("unknown, stranger", [("item", "new"), ("warehouse", "new"),
                                               ("item", "a warehouse"), ("warehouse", "an item")])
def test_an_unknown_item_or_warehouse_is_permanent_and_books_nothing(db, receipts, unknown, stranger):
    """Items and warehouses are checked in one query; an id of the other kind is still unknown."""
    item, store, other = receipts.item(), receipts.warehouse(), receipts.item()
    stranger = {"new": uuid.uuid4(), "a warehouse": store, "an item": item}[stranger]
    places = (stranger, store) if unknown == "item" else (item, stranger)
    bad = receipts.line(*places, "1", "1.00")
    event = receipts.event(receipts.line(other, store, "1", "1.00"), bad)
    with pytest.raises(PermanentEventError, match=f"unknown {unknown}: {stranger}"):
        receipts.apply(event)
    assert moves(db, source_document=event.data["receipt_no"]) == [] and balances(db, other) == {}
    assert receipts.published(event.correlation_id) == []


def test_a_negative_acceptance_is_permanent(receipts):
    item, store = receipts.item(), receipts.warehouse()
    with pytest.raises(PermanentEventError, match="only adds stock"):
        receipts.apply(receipts.event(receipts.line(item, store, "-1", "1.00")))


def test_the_database_refuses_negative_stock_too(db, receipts):
    item, store = receipts.item(), receipts.warehouse()
    receipts.apply(receipts.event(receipts.line(item, store, "1", "1.00")))
    for statement in (update(StockBalance).where(StockBalance.item_id == item).values(on_hand=D("-1")),
                      update(ItemValuation).where(ItemValuation.item_id == item).values(on_hand=D("-1"))):
        with pytest.raises(IntegrityError, match="ck_"):
            with db.unit_of_work() as session:
                session.execute(statement)
    assert balances(db, item) == {(store, ""): D("1.0000")} and valuation(db, item).on_hand == D("1.0000")


def test_concurrent_receipts_of_the_same_items_queue_on_the_valuation_lock(db, receipts):
    from concurrent.futures import ThreadPoolExecutor

    store = receipts.warehouse()
    first, second = receipts.item(), receipts.item()
    events = [receipts.event(receipts.line(a, store, "1", "1.25"), receipts.line(b, store, "2", "1.00"))
              for a, b in [(first, second), (second, first)] * 4]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(receipts.apply, events))
    for item in (first, second):
        assert valuation(db, item) == Valuation(D("12.0000"), D("13.00"), 8)
        assert balances(db, item) == {(store, ""): D("12.0000")}
    sequences = sorted(e["sequence"] for event in events for e in receipts.published(event.correlation_id)
                       if e["subject"] == str(first))
    assert sequences == list(range(1, 9))


def test_a_receipt_of_known_stock_books_in_ten_cached_statements(db, receipts):
    """The booking is the hot path of procure-to-pay (docs/performance.md): its statements are counted here so
    a change that adds round trips, or one SQLAlchemy cannot cache, is noticed."""
    steel, bolts, store = receipts.item(), receipts.item(), receipts.warehouse()

    def receipt():
        return receipts.event(receipts.line(steel, store, "5", "2.00", batch_no="LOT-9"),
                              receipts.line(bolts, store, "7", "0.50", batch_no="LOT-9"))

    receipts.apply(receipt())
    receipts.apply(receipt())      # every statement of the shape has been compiled once now
    with recorded_statements(db.engine) as statements:
        receipts.apply(receipt())
    assert len(statements) == 10 and all(s.cached for s in statements), describe(statements)
    assert balances(db, steel) == {(store, "LOT-9"): D("15.0000")}
