"""Issuing stock against sales' deliveries through inventory's handler: out of the reservation, oldest batch
first, at the moving-average cost kept exact to the cent, reported on stock_issued; once per delivery line."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from erp_shared.errors import PermanentEventError
from inventory.domain import Valuation
from inventory.models import ItemValuation, Reservation, StockBalance, StockMove

STOCK_ISSUED, STOCK_RESERVED = "inventory.stock_issued.v1", "inventory.stock_reserved.v1"
STOCK_LEVEL_CHANGED = "inventory.stock_level_changed.v1"


@pytest.fixture()
def two_lots(receipts):
    """3 units of LOT-1 for 10.00 received two days ago and 4 of LOT-2 for 10.00 yesterday: 7 worth 20.00,
    an average (2.857142...) that no cent amount multiplies out exactly."""
    item, store = receipts.item(), receipts.warehouse()
    now = datetime.now(timezone.utc)
    receipts.apply(receipts.event(receipts.line(item, store, "4", "2.50", batch_no="LOT-2"),
                                  received_at=now - timedelta(days=1)))
    receipts.apply(receipts.event(receipts.line(item, store, "3", "3.3333", batch_no="LOT-1", amount="10.00"),
                                  received_at=now - timedelta(days=2)))
    return item, store


def ordered(receipts, sales, item, store, quantity):
    line = sales.line(item, store, quantity)
    order = sales.confirmed(line)
    receipts.apply(order)
    return order, line


def delivery_moves(db, delivery):
    with db.unit_of_work() as session:
        return session.execute(select(StockMove).where(StockMove.source_document == delivery.data["delivery_no"])
                               .order_by(StockMove.moved_at, StockMove.batch_no)).scalars().all()


def state(db, item, line):
    with db.unit_of_work() as session:
        valuation = session.get(ItemValuation, item).valuation
        batches = {row.batch_no: row.on_hand for row in session.execute(
            select(StockBalance).where(StockBalance.item_id == item)).scalars()}
        reservation = session.execute(select(Reservation).where(
            Reservation.order_line_id == line["order_line_id"])).scalar_one()
    return valuation, batches, reservation


def test_a_delivery_issues_from_the_reservation_oldest_batch_first_at_exact_cost(db, receipts, sales, two_lots):
    item, store = two_lots
    order, line = ordered(receipts, sales, item, store, "5")
    delivery = sales.delivered(order, sales.delivery_line(line, "5"))
    receipts.apply(delivery)

    moves = delivery_moves(db, delivery)
    assert [(m.batch_no, m.quantity, m.value, m.unit_cost, m.move_type) for m in moves] == [
        ("LOT-1", D("-3"), D("-8.57"), D("2.857143"), "delivery"),     # 20.00 × 3/7
        ("LOT-2", D("-2"), D("-5.72"), D("2.857500"), "delivery"),     # 11.43 × 2/4, rounded half up
    ]
    delivery_line_id = delivery.data["lines"][0]["delivery_line_id"]
    assert {(str(m.source_line_id), m.source_event_id, m.moved_at.isoformat()) for m in moves} == {
        (delivery_line_id, delivery.id, delivery.data["delivered_at"])}
    valuation, batches, reservation = state(db, item, line)
    assert valuation == Valuation(D("2"), D("5.71"), 4)
    assert batches == {"LOT-1": D("0"), "LOT-2": D("2")}
    assert (reservation.quantity_reserved, reservation.quantity_issued, reservation.status) == (D("0"), D("5"),
                                                                                                "issued")

    published = receipts.envelopes(delivery.correlation_id)
    assert [e.type for e, _ in published] == [STOCK_ISSUED, STOCK_RESERVED, STOCK_LEVEL_CHANGED]
    (issued, cost), (reserved, reply), (level, stock) = published
    assert (issued.subject, issued.causation_id) == (delivery.data["delivery_id"], str(delivery.id))
    assert (cost["purpose"], cost["source_document"], str(cost["source_id"]), str(cost["order_id"])) == (
        "delivery", delivery.data["delivery_no"], delivery.data["delivery_id"], order.data["order_id"])
    assert [(str(part["source_line_id"]), part["batch_no"], part["quantity"], part["unit_cost"], part["cost"])
            for part in cost["lines"]] == [
        (delivery_line_id, "LOT-1", D("3.0000"), D("2.857143"), D("8.57")),
        (delivery_line_id, "LOT-2", D("2.0000"), D("2.857500"), D("5.72"))]
    assert cost["total_cost"] == D("14.29") and cost["issued_at"].isoformat() == delivery.data["delivered_at"]
    assert (reserved.subject, reserved.sequence, reply["status"]) == (order.data["order_id"], 2, "reserved")
    assert (reply["lines"][0]["quantity_reserved"], reply["lines"][0]["quantity_issued"]) == (D("0"), D("5"))
    assert (level.sequence, stock["on_hand"], stock["stock_value"]) == (4, D("2.0000"), D("5.71"))


def test_partial_deliveries_leave_no_stray_cents_the_last_unit_takes_the_rest(db, receipts, sales, two_lots):
    item, store = two_lots
    order, line = ordered(receipts, sales, item, store, "7")
    costs = []
    for quantity in ("1", "2.5", "3.5"):
        delivery = sales.delivered(order, sales.delivery_line(line, quantity))
        receipts.apply(delivery)
        [(_, issued)] = receipts.envelopes(delivery.correlation_id, STOCK_ISSUED)
        costs.append(issued["total_cost"])
    assert sum(costs) == D("20.00")                      # exactly what the receipts put in
    valuation, batches, reservation = state(db, item, line)
    assert (valuation.on_hand, valuation.stock_value) == (D("0"), D("0.00"))
    assert (reservation.quantity_issued, reservation.status) == (D("7"), "issued")


def test_the_same_delivery_twice_issues_once(db, receipts, sales, two_lots):
    item, store = two_lots
    order, line = ordered(receipts, sales, item, store, "4")
    delivery = sales.delivered(order, sales.delivery_line(line, "4"))
    receipts.apply(delivery)
    receipts.apply(delivery)        # the inbox bypassed: the delivery line is the business key
    assert len(delivery_moves(db, delivery)) == 2
    valuation, batches, reservation = state(db, item, line)
    assert valuation.on_hand == D("3") and (reservation.quantity_issued, reservation.quantity_reserved) == (D("4"), 0)
    assert [e.type for e, _ in receipts.envelopes(delivery.correlation_id)] == [
        STOCK_ISSUED, STOCK_RESERVED, STOCK_LEVEL_CHANGED]


def test_a_delivery_only_takes_from_its_own_lines_reservation(db, receipts, sales, two_lots):
    item, store = two_lots
    order, line = ordered(receipts, sales, item, store, "3")
    other, _ = ordered(receipts, sales, item, store, "4")          # the rest of the stock, for another order
    assert state(db, item, line)[0].on_hand == D("7")
    with pytest.raises(PermanentEventError, match="3.0001 to issue but only 3.0000 reserved"):
        receipts.apply(sales.delivered(order, sales.delivery_line(line, "3.0001")))
    with pytest.raises(PermanentEventError, match="no reservation in this order"):
        receipts.apply(sales.delivered(other, sales.delivery_line(line, "1")))
    stranger = sales.line(item, store, "1")
    with pytest.raises(PermanentEventError, match="no reservation in this order"):
        receipts.apply(sales.delivered(order, sales.delivery_line(stranger, "1")))
    valuation, _, reservation = state(db, item, line)
    assert (valuation.on_hand, valuation.movement_count, reservation.quantity_reserved) == (D("7"), 2, D("3"))


def test_a_backordered_or_released_line_has_nothing_to_deliver(db, receipts, sales, two_lots):
    item, store = two_lots
    _, _ = ordered(receipts, sales, item, store, "7")
    waiting, line = ordered(receipts, sales, item, store, "2")
    with pytest.raises(PermanentEventError, match="only 0.0000 reserved"):
        receipts.apply(sales.delivered(waiting, sales.delivery_line(line, "1")))
    receipts.apply(sales.cancelled(uuid.UUID(waiting.data["order_id"]), waiting.data["order_no"]))
    with pytest.raises(PermanentEventError, match="only 0.0000 reserved"):
        receipts.apply(sales.delivered(waiting, sales.delivery_line(line, "1")))
    unknown = sales.confirmed(sales.line(item, store, "1"))
    with pytest.raises(PermanentEventError, match="has no reservation to deliver from"):
        receipts.apply(sales.delivered(unknown, sales.delivery_line(unknown.data["lines"][0], "1")))
