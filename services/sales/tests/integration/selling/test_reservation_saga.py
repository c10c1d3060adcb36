"""The order saga from sales' side: inventory's replies (newest sequence wins, in any delivery order) and the
timeout sweep that asks again and finally compensates."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from erp_shared.errors import PermanentEventError
from erp_shared.events import catalog

from sales.models import SalesOrder
from sales.saga_sweep import sweep_stuck_orders

TIMEOUT = timedelta(seconds=30)


def quantities(order):
    return [(l["quantity_reserved"], l["quantity_backordered"], l["quantity_issued"]) for l in order["lines"]]


def test_replies_move_the_order_and_a_stale_one_changes_nothing(selling):
    order = selling.confirmed(selling.line(quantity="10"), selling.line(quantity="4"))
    selling.reply(order, "backordered", [(0, 10), (0, 4)], 1)
    after = selling.order(order)
    assert after["status"] == "backordered" and after["reservation_status"] == "backordered"
    selling.reply(order, "reserved", [(10, 0), (4, 0)], 3)
    selling.reply(order, "partially_reserved", [(6, 4), (4, 0)], 2)       # older, arrives late
    selling.reply(order, "partially_reserved", [(1, 9), (0, 4)], 3)       # a duplicate of 3 with other content
    after = selling.order(order)
    assert after["status"] == "reserved" and quantities(after) == [
        ("10.0000", "0.0000", "0.0000"), ("4.0000", "0.0000", "0.0000")]
    assert [l["quantity_deliverable"] for l in after["lines"]] == ["10.0000", "4.0000"]


def test_out_of_order_replies_end_in_the_in_order_state(selling):
    order = selling.confirmed(selling.line(quantity="10"))
    selling.reply(order, "reserved", [(10, 0)], 2)
    selling.reply(order, "partially_reserved", [(3, 7)], 1)
    after = selling.order(order)
    assert after["status"] == "reserved" and quantities(after) == [("10.0000", "0.0000", "0.0000")]


def test_a_partial_reservation_fills_up_later(selling):
    order = selling.confirmed(selling.line(quantity="10"))
    selling.reply(order, "partially_reserved", [(6, 4)], 1)
    partly = selling.order(order)
    assert partly["status"] == "partially_reserved" and partly["lines"][0]["quantity_deliverable"] == "6.0000"
    selling.reply(order, "reserved", [(10, 0)], 2)
    assert selling.order(order)["status"] == "reserved"


def test_after_goods_left_or_a_cancel_only_the_quantities_follow(selling):
    delivering = selling.reserved(selling.line(quantity="10"))
    first_line = delivering["lines"][0]["id"]
    assert selling.deliver(delivering, {"order_line_id": first_line, "quantity": "4"}).status_code == 201
    selling.reply(delivering, "partially_reserved", [(6, 0, 4)], 2)
    after = selling.order(delivering)
    assert after["status"] == "partially_delivered" and quantities(after) == [("6.0000", "0.0000", "4.0000")]
    assert after["lines"][0]["quantity_deliverable"] == "6.0000"   # 6 reserved + 4 issued − 4 delivered

    cancelled = selling.confirmed()
    selling.act(cancelled, "cancel", reason="no longer needed")
    selling.reply(cancelled, "reserved", [(10, 0)], 1)               # inventory answered before it heard
    selling.reply(cancelled, "released", [(0, 0)], 2)
    after = selling.order(cancelled)
    assert after["status"] == "cancelled" and after["reservation_status"] == "released"
    assert quantities(after) == [("0.0000", "0.0000", "0.0000")]


def test_a_reply_that_cannot_be_applied_is_permanent(selling):
    order = selling.confirmed()
    with pytest.raises(PermanentEventError):
        selling.apply("inventory.stock_reserved.v1", {"order_id": uuid.uuid4(), "status": "reserved", "lines": []},
                      1, uuid.uuid4())
    stranger = {**order, "lines": [{**order["lines"][0], "id": str(uuid.uuid4())}]}
    with pytest.raises(PermanentEventError):
        selling.reply(stranger, "reserved", [(10, 0)], 1)
    assert selling.order(order)["status"] == "confirmed"       # the failed reply rolled back whole


def stuck_since(selling, order, moment):
    with selling.db.unit_of_work() as session:
        session.execute(update(SalesOrder).where(SalesOrder.id == order["id"]).values(reservation_sent_at=moment))


def reservation_bookkeeping(selling, order):
    with selling.db.unit_of_work() as session:
        return session.execute(select(SalesOrder.reservation_resends, SalesOrder.reservation_sent_at,
                                      SalesOrder.status).where(SalesOrder.id == order["id"])).one()


def test_the_sweep_waits_resends_the_same_request_then_compensates(selling):
    order = selling.confirmed(selling.line(quantity="3"))
    [original] = selling.events(order["id"], "sales.order_confirmed.v1")
    start = datetime.now(timezone.utc)

    early = sweep_stuck_orders(selling.db, start + timedelta(seconds=10), TIMEOUT, 5)
    assert order["number"] not in early.resent + early.cancelled

    moment = start
    for attempt in range(1, 6):
        moment += TIMEOUT + timedelta(seconds=1)
        result = sweep_stuck_orders(selling.db, moment, TIMEOUT, 5)
        assert order["number"] in result.resent and order["number"] not in result.cancelled
        resends, sent_at, status = reservation_bookkeeping(selling, order)
        assert (resends, sent_at, status) == (attempt, moment, "confirmed")
        not_yet = sweep_stuck_orders(selling.db, moment + TIMEOUT - timedelta(seconds=1), TIMEOUT, 5)
        assert order["number"] not in not_yet.resent

    requests = selling.events(order["id"], "sales.order_confirmed.v1")
    assert len(requests) == 6 and len({e.id for e in requests}) == 6
    assert all(e.data == original.data and e.sequence == original.sequence for e in requests)
    assert all(e.correlation_id == original.correlation_id for e in requests)

    final = sweep_stuck_orders(selling.db, moment + TIMEOUT, TIMEOUT, 5)
    assert order["number"] in final.cancelled
    after = selling.order(order)
    assert after["status"] == "cancelled" and after["cancel_reason"] == "reservation timed out"
    [cancelled] = selling.events(order["id"], "sales.order_cancelled.v1")
    data = catalog.load(cancelled.type, cancelled.data)
    assert data["reason"] == "reservation timed out" and cancelled.sequence == after["version"]
    quiet = sweep_stuck_orders(selling.db, moment + 10 * TIMEOUT, TIMEOUT, 5)
    assert order["number"] not in quiet.resent + quiet.cancelled


def test_the_sweep_leaves_answered_held_and_draft_orders_alone(selling):
    answered = selling.confirmed()
    selling.reply(answered, "backordered", [(0, 10)], 1)
    held = selling.act(selling.draft(selling.line(unit_price="1"), customer=selling.customer(credit_limit="0")),
                       "confirm")
    draft = selling.draft()
    waiting = selling.confirmed()
    long_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    for order in (answered, waiting):
        stuck_since(selling, order, long_ago)
    result = sweep_stuck_orders(selling.db, datetime.now(timezone.utc), TIMEOUT, 5)
    assert waiting["number"] in result.resent
    assert not {answered["number"], held["number"], draft["number"]} & set(result.resent + result.cancelled)
    assert selling.order(answered)["status"] == "backordered"


def test_a_reply_after_resends_still_reserves_the_order(selling):
    order = selling.confirmed()
    stuck_since(selling, order, datetime.now(timezone.utc) - timedelta(minutes=5))
    assert order["number"] in sweep_stuck_orders(selling.db, datetime.now(timezone.utc), TIMEOUT, 5).resent
    selling.reply(order, "reserved", [(10, 0)], 1)
    after = selling.order(order)
    assert after["status"] == "reserved" and after["reservation_resends"] == 1
    late = sweep_stuck_orders(selling.db, datetime.now(timezone.utc) + timedelta(days=1), TIMEOUT, 0)
    assert order["number"] not in late.cancelled
