"""Delivery rules without I/O: what a line may still deliver, booking a note, and the reported costs."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from erp_shared.errors import Conflict, RuleViolation

from sales.delivery_domain import book_delivery, deliverable_quantity, issued_costs

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("status,ordered,reserved,issued,delivered,room", [
    ("reserved", "10", "10", "0", "0", "10"),
    ("partially_reserved", "10", "6", "0", "0", "6"),
    ("partially_delivered", "10", "6", "0", "4", "2"),      # delivered, issue not reported yet
    ("partially_delivered", "10", "2", "4", "4", "2"),      # issue reported: the same room
    ("partially_delivered", "10", "10", "0", "10", "0"),
    ("reserved", "5", "7", "0", "0", "5"),                  # never more than ordered
    ("partially_delivered", "10", "0", "3", "4", "0"),      # never negative
    ("confirmed", "10", "10", "0", "0", "0"), ("backordered", "10", "0", "0", "0", "0"),
    ("delivered", "10", "10", "0", "0", "0"), ("cancelled", "10", "10", "0", "0", "0"),
])
def test_what_a_line_may_still_deliver(status, ordered, reserved, issued, delivered, room):
    assert deliverable_quantity(status, D(ordered), D(reserved), D(issued), D(delivered)) == D(room)


def order(status="reserved", *lines):
    lines = lines or ((D("10"), D("10")), (D("4"), D("2")))
    return SimpleNamespace(number="SO-2026-000003", status=status, version=3, updated_at=None, lines=[
        SimpleNamespace(id=uuid.uuid4(), line_no=n, item_id=uuid.uuid4(), warehouse_id=uuid.uuid4(), quantity=q,
                        quantity_reserved=r, quantity_issued=D(0), quantity_delivered=D(0))
        for n, (q, r) in enumerate(lines, start=1)])


def request(target, index, quantity):
    return {"order_line_id": target.lines[index].id, "quantity": D(quantity)}


def test_a_partial_delivery_books_lines_and_moves_the_order_on():
    target = order()
    booked = book_delivery(target, [request(target, 1, "2"), request(target, 0, "3")], delivered_at=NOW, now=NOW)
    assert [(b["line_no"], b["order_line_id"], str(b["quantity"])) for b in booked] == [
        (1, target.lines[1].id, "2.0000"), (2, target.lines[0].id, "3.0000")]
    assert booked[0]["item_id"] == target.lines[1].item_id
    assert [line.quantity_delivered for line in target.lines] == [D(3), D(2)]
    assert target.status == "partially_delivered" and target.version == 4


def test_delivering_everything_makes_the_order_delivered():
    target = order("partially_reserved", (D("5"), D("5")))
    book_delivery(target, [request(target, 0, "5")], delivered_at=NOW, now=NOW)
    assert target.status == "delivered"


def test_every_refused_line_is_named_and_nothing_is_booked():
    target = order()
    with pytest.raises(RuleViolation) as refused:
        book_delivery(target, [request(target, 0, "10.0001"), request(target, 1, "2"),
                               {"order_line_id": uuid.uuid4(), "quantity": D(1)}, request(target, 1, "1")],
                      delivered_at=NOW, now=NOW)
    assert set(refused.value.errors) == {"lines[0].quantity", "lines[2].order_line_id", "lines[3].order_line_id"}
    assert "10 reserved and not yet delivered" in refused.value.errors["lines[0].quantity"][0]
    assert [line.quantity_delivered for line in target.lines] == [D(0), D(0)] and target.version == 3


@pytest.mark.parametrize("status", ["draft", "credit_hold", "confirmed", "backordered", "delivered", "cancelled"])
def test_no_delivery_without_a_reservation_to_take_from(status):
    target = order(status)
    with pytest.raises(Conflict):
        book_delivery(target, [request(target, 0, "1")], delivered_at=NOW, now=NOW)


def test_no_delivery_from_the_future_beyond_clock_skew():
    target = order()
    book_delivery(target, [request(target, 0, "1")], delivered_at=NOW + timedelta(minutes=4), now=NOW)
    with pytest.raises(RuleViolation) as refused:
        book_delivery(target, [request(target, 0, "1")], delivered_at=NOW + timedelta(minutes=6), now=NOW)
    assert set(refused.value.errors) == {"delivered_at"}


def test_costs_per_delivery_line_add_up_over_batches():
    first, second = uuid.uuid4(), uuid.uuid4()
    costs = issued_costs([
        {"source_line_id": first, "quantity": D("3"), "unit_cost": D("2.1"), "cost": D("6.30")},
        {"source_line_id": second, "quantity": D("4"), "unit_cost": D("10.333333"), "cost": D("41.33")},
        {"source_line_id": first, "quantity": D("2"), "unit_cost": D("2.5"), "cost": D("5.00")},
    ])
    assert costs == {first: (D("2.260000"), D("11.30")), second: (D("10.333333"), D("41.33"))}
