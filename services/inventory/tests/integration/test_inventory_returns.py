"""Customer returns through inventory's handler: the goods go back into the batches their delivery line left,
the batch picked last first, at the cost they were issued at, so returning a whole delivery puts the stock
value back to the cent; reported on stock_returned, booked once, and filling backorders like a receipt."""
import dataclasses
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from erp_shared.errors import PermanentEventError
from inventory.domain import Valuation
from inventory.models import ItemValuation, Reservation, StockBalance, StockMove

STOCK_RETURNED, STOCK_RESERVED = "inventory.stock_returned.v1", "inventory.stock_reserved.v1"
STOCK_LEVEL_CHANGED = "inventory.stock_level_changed.v1"


@pytest.fixture()
def delivered(receipts, sales):
    """LOT-B (3 for 10.00, two days ago) and LOT-A (4 for 10.00, yesterday): 7 worth 20.00; the names sort
    against the batches' age, so only their receipt dates order them. Then 5 delivered, FIFO: 3 of LOT-B for
    8.57 and 2 of LOT-A for 5.72, leaving 2 worth 5.71."""
    item, store = receipts.item(), receipts.warehouse()
    now = datetime.now(timezone.utc)
    receipts.apply(receipts.event(receipts.line(item, store, "4", "2.50", batch_no="LOT-A"),
                                  received_at=now - timedelta(days=1)))
    receipts.apply(receipts.event(receipts.line(item, store, "3", "3.3333", batch_no="LOT-B", amount="10.00"),
                                  received_at=now - timedelta(days=2)))
    line = sales.line(item, store, "5")
    order = sales.confirmed(line)
    receipts.apply(order)
    delivery_line = sales.delivery_line(line, "5")
    delivery = sales.delivered(order, delivery_line)
    receipts.apply(delivery)
    return item, store, delivery, delivery_line


def valuation_of(db, item) -> Valuation:
    with db.unit_of_work() as session:
        return session.get(ItemValuation, item).valuation


def batches_of(db, item) -> dict:
    with db.unit_of_work() as session:
        return {row.batch_no: row.on_hand for row in session.execute(
            select(StockBalance).where(StockBalance.item_id == item)).scalars()}


def return_moves(db, goods_return) -> list[StockMove]:
    with db.unit_of_work() as session:
        return session.execute(select(StockMove).where(StockMove.source_document == goods_return.data["return_no"])
                               .order_by(StockMove.batch_no)).scalars().all()


def test_a_return_comes_back_into_the_batch_picked_last_at_its_issue_cost(db, receipts, sales, delivered):
    item, store, delivery, delivery_line = delivered
    goods_return = sales.returned(delivery, sales.return_line(delivery_line, "3"))
    receipts.apply(goods_return)

    return_line_id = goods_return.data["lines"][0]["return_line_id"]
    moves = return_moves(db, goods_return)
    assert [(m.batch_no, m.quantity, m.unit_cost, m.value, m.move_type) for m in moves] == [
        ("LOT-A", D("2"), D("2.857500"), D("5.72"), "return"),       # the whole of LOT-A's issue
        ("LOT-B", D("1"), D("2.857143"), D("2.86"), "return")]       # 8.57 × 1/3, half up
    assert {(str(m.source_line_id), str(m.delivery_line_id), m.source_event_id, m.moved_at.isoformat())
            for m in moves} == {(return_line_id, str(delivery_line["delivery_line_id"]), goods_return.id,
                                 goods_return.data["returned_at"])}
    assert valuation_of(db, item) == Valuation(D("5"), D("14.29"), 6)
    assert batches_of(db, item) == {"LOT-B": D("1"), "LOT-A": D("4")}

    published = receipts.envelopes(goods_return.correlation_id)
    assert [e.type for e, _ in published] == [STOCK_RETURNED, STOCK_LEVEL_CHANGED]
    (returned, cost), (level, stock) = published
    assert (returned.subject, returned.sequence, returned.causation_id) == (
        goods_return.data["return_id"], 1, str(goods_return.id))
    assert (cost["source_document"], str(cost["source_id"]), str(cost["order_id"])) == (
        goods_return.data["return_no"], goods_return.data["return_id"], goods_return.data["order_id"])
    assert cost["returned_at"].isoformat() == goods_return.data["returned_at"]
    assert [(str(part["source_line_id"]), part["delivery_line_id"], part["item_id"], part["warehouse_id"],
             part["batch_no"], part["quantity"], part["unit_cost"], part["cost"]) for part in cost["lines"]] == [
        (return_line_id, delivery_line["delivery_line_id"], item, store, "LOT-A", D("2.0000"), D("2.857500"),
         D("5.72")),
        (return_line_id, delivery_line["delivery_line_id"], item, store, "LOT-B", D("1.0000"), D("2.857143"),
         D("2.86"))]
    assert cost["total_cost"] == D("8.58")
    assert (level.subject, level.sequence, stock["on_hand"], stock["stock_value"]) == (
        str(item), 6, D("5.0000"), D("14.29"))


def test_returning_the_rest_puts_the_stock_value_back_exactly_as_before_the_delivery(db, receipts, sales,
                                                                                      delivered):
    item, store, delivery, delivery_line = delivered
    assert valuation_of(db, item) == Valuation(D("2"), D("5.71"), 4)
    costs = []
    for quantity in ("3", "1", "1"):
        goods_return = sales.returned(delivery, sales.return_line(delivery_line, quantity))
        receipts.apply(goods_return)
        [(_, returned)] = receipts.envelopes(goods_return.correlation_id, STOCK_RETURNED)
        costs.append(returned["total_cost"])
    assert costs == [D("8.58"), D("2.86"), D("2.85")]   # the last of LOT-B takes 8.57 − 2 × 2.86, not 2.86
    assert sum(costs) == D("14.29")                 # exactly what the delivery took out
    assert valuation_of(db, item) == Valuation(D("7"), D("20.00"), 8)
    assert batches_of(db, item) == {"LOT-B": D("3"), "LOT-A": D("4")}


def test_no_more_comes_back_than_the_delivery_line_issued(db, receipts, sales, delivered):
    item, store, delivery, delivery_line = delivered
    with pytest.raises(PermanentEventError, match=r"return RET-.* 5.0001 returned .* only 5.0000"):
        receipts.apply(sales.returned(delivery, sales.return_line(delivery_line, "5.0001")))
    with pytest.raises(PermanentEventError, match="6.0000 returned .* only 2.0000"):   # two lines, one issue
        receipts.apply(sales.returned(delivery, sales.return_line(delivery_line, "3"),
                                      sales.return_line(delivery_line, "6")))
    receipts.apply(sales.returned(delivery, sales.return_line(delivery_line, "4")))
    with pytest.raises(PermanentEventError, match="1.0001 returned .* only 1.0000"):
        receipts.apply(sales.returned(delivery, sales.return_line(delivery_line, "1.0001")))
    assert valuation_of(db, item).on_hand == D("6")          # only the 4 that fitted came back


def test_a_line_that_issued_nothing_here_cannot_be_returned(db, receipts, sales, delivered):
    item, store, delivery, delivery_line = delivered
    unknown = dict(delivery_line, delivery_line_id=uuid.uuid4())
    with pytest.raises(PermanentEventError, match="issued nothing on DN-.* to return"):
        receipts.apply(sales.returned(delivery, sales.return_line(unknown, "1")))
    elsewhere = dict(delivery.data, delivery_no="DN-2026-other")
    with pytest.raises(PermanentEventError, match="was issued on DN-.*, not on DN-2026-other"):
        receipts.apply(sales.returned(dataclasses.replace(delivery, data=elsewhere),
                                      sales.return_line(delivery_line, "1")))
    other_store = dict(delivery_line, warehouse_id=receipts.warehouse())
    with pytest.raises(PermanentEventError, match="issued another item or warehouse"):
        receipts.apply(sales.returned(delivery, sales.return_line(other_store, "1")))
    assert valuation_of(db, item) == Valuation(D("2"), D("5.71"), 4)


def test_the_same_return_twice_books_once(db, receipts, sales, delivered):
    item, store, delivery, delivery_line = delivered
    goods_return = sales.returned(delivery, sales.return_line(delivery_line, "3"))
    receipts.apply(goods_return)
    receipts.apply(goods_return)        # the inbox bypassed: the return line is the business key
    assert len(return_moves(db, goods_return)) == 2
    assert valuation_of(db, item) == Valuation(D("5"), D("14.29"), 6)
    assert [e.type for e, _ in receipts.envelopes(goods_return.correlation_id)] == [
        STOCK_RETURNED, STOCK_LEVEL_CHANGED]


def test_returns_racing_for_the_last_units_of_an_issue_take_back_no_more_than_it_issued(db, receipts, sales,
                                                                                         delivered):
    item, store, delivery, delivery_line = delivered
    returns = [sales.returned(delivery, sales.return_line(delivery_line, "2")) for _ in range(5)]
    start = threading.Barrier(len(returns))

    def take_back(goods_return):
        start.wait()          # all at once, each in its own unit of work
        try:
            receipts.apply(goods_return)
            return True
        except PermanentEventError:
            return False

    with ThreadPoolExecutor(max_workers=len(returns)) as pool:
        outcomes = list(pool.map(take_back, returns))
    assert sorted(outcomes) == [False] * 3 + [True] * 2
    assert valuation_of(db, item).on_hand == D("6")


def test_returned_goods_fill_a_waiting_backorder(db, receipts, sales, delivered):
    item, store, delivery, delivery_line = delivered
    waiting_line = sales.line(item, store, "3")
    waiting = sales.confirmed(waiting_line)
    receipts.apply(waiting)                         # 2 on hand: 2 reserved, 1 backordered

    goods_return = sales.returned(delivery, sales.return_line(delivery_line, "1"))
    receipts.apply(goods_return)
    with db.unit_of_work() as session:
        row = session.execute(select(Reservation).where(
            Reservation.order_line_id == waiting_line["order_line_id"])).scalar_one()
        assert (row.quantity_reserved, row.quantity_backordered, row.status) == (D("3"), D("0"), "reserved")
    published = receipts.envelopes(goods_return.correlation_id)
    assert [e.type for e, _ in published] == [STOCK_RETURNED, STOCK_LEVEL_CHANGED, STOCK_RESERVED]
    reserved, reply = published[-1]
    assert (reserved.subject, reserved.sequence, reply["status"]) == (waiting.data["order_id"], 2, "reserved")


def test_returns_show_in_the_stock_ledger(client, erp_tokens, receipts, sales, delivered):
    item, store, delivery, delivery_line = delivered
    goods_return = sales.returned(delivery, sales.return_line(delivery_line, "3"))
    receipts.apply(goods_return)
    headers, returned_from = erp_tokens.headers("viewer"), str(delivery_line["delivery_line_id"])

    response = client.get(f"/stock-moves?item_id={item}&move_type=return", headers=headers)
    assert response.status_code == 200
    assert [(r["move_type"], r["batch_no"], r["quantity"], r["value"], r["source_document"], r["delivery_line_id"])
            for r in sorted(response.json, key=lambda r: r["batch_no"])] == [
        ("return", "LOT-A", "2.0000", "5.72", goods_return.data["return_no"], returned_from),
        ("return", "LOT-B", "1.0000", "2.86", goods_return.data["return_no"], returned_from)]
    everything = client.get(f"/stock-moves?item_id={item}", headers=headers).json
    assert sorted(r["move_type"] for r in everything) == ["delivery"] * 2 + ["receipt"] * 2 + ["return"] * 2
    assert {r["delivery_line_id"] for r in everything if r["move_type"] != "return"} == {None}
    refused = client.get("/stock-moves?move_type=transfer", headers=headers)
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["move_type"]
