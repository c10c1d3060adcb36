"""Return rules without I/O: what a delivery line may still take back, when goods may come back, booking a
return against a delivery note, and the returned cost per line."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from erp_shared.errors import RuleViolation

from sales.return_domain import book_return, check_returned_at, returnable_quantity, returned_costs

DELIVERED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
NOW = DELIVERED_AT + timedelta(days=3)


@pytest.mark.parametrize("delivered,returned,room", [
    ("10", "0", "10"), ("10", "4", "6"), ("10", "10", "0"), ("2.5", "0.0001", "2.4999"),
    ("3", "5", "0"),                                   # never negative
])
def test_what_a_delivery_line_may_still_take_back(delivered, returned, room):
    assert returnable_quantity(D(delivered), D(returned)) == D(room)


def delivery(*lines):
    """A delivery note; `lines` are (delivered, already returned) per line."""
    lines = lines or ((D("10"), D("0")), (D("4"), D("0")))
    return SimpleNamespace(number="DN-2026-000007", delivered_at=DELIVERED_AT, lines=[
        SimpleNamespace(id=uuid.uuid4(), line_no=n, order_line_id=uuid.uuid4(), item_id=uuid.uuid4(),
                        warehouse_id=uuid.uuid4(), quantity=q, quantity_returned=r)
        for n, (q, r) in enumerate(lines, start=1)])


def request(note, index, quantity):
    return {"delivery_line_id": note.lines[index].id, "quantity": D(quantity)}


def test_a_partial_return_then_the_rest():
    note = delivery()
    first = book_return(note, [request(note, 1, "1.5"), request(note, 0, "3")], returned_at=NOW, now=NOW)
    assert [(b["line_no"], b["delivery_line_id"], str(b["quantity"])) for b in first] == [
        (1, note.lines[1].id, "1.5000"), (2, note.lines[0].id, "3.0000")]
    source = note.lines[1]
    assert (first[0]["item_id"], first[0]["warehouse_id"], first[0]["order_line_id"], first[0]["returned_at"]) == (
        source.item_id, source.warehouse_id, source.order_line_id, NOW)
    assert [line.quantity_returned for line in note.lines] == [D("3"), D("1.5")]
    book_return(note, [request(note, 0, "7"), request(note, 1, "2.5")], returned_at=NOW, now=NOW)
    assert [line.quantity_returned for line in note.lines] == [D("10"), D("4")]
    with pytest.raises(RuleViolation) as refused:
        book_return(note, [request(note, 0, "0.0001")], returned_at=NOW, now=NOW)
    assert set(refused.value.errors) == {"lines[0].quantity"}
    assert "has 0 left to return (delivered 10, returned 10)" in refused.value.errors["lines[0].quantity"][0]


def test_every_refused_line_is_named_and_nothing_is_booked():
    note = delivery((D("10"), D("6")), (D("4"), D("0")))
    with pytest.raises(RuleViolation) as refused:
        book_return(note, [request(note, 0, "4.0001"), request(note, 1, "2"),
                           {"delivery_line_id": uuid.uuid4(), "quantity": D(1)}, request(note, 1, "1")],
                    returned_at=NOW, now=NOW)
    assert set(refused.value.errors) == {"lines[0].quantity", "lines[2].delivery_line_id",
                                         "lines[3].delivery_line_id"}
    assert "not a line of delivery note DN-2026-000007" in refused.value.errors["lines[2].delivery_line_id"][0]
    assert "named twice" in refused.value.errors["lines[3].delivery_line_id"][0]
    assert [line.quantity_returned for line in note.lines] == [D("6"), D("0")]


def test_goods_come_back_after_they_left_and_not_from_the_future():
    check_returned_at(DELIVERED_AT, DELIVERED_AT, NOW)                          # the same moment is fine
    check_returned_at(NOW + timedelta(minutes=4), DELIVERED_AT, NOW)            # client clock slightly ahead
    for returned_at in (NOW + timedelta(minutes=6), DELIVERED_AT - timedelta(seconds=1)):
        with pytest.raises(RuleViolation) as refused:
            check_returned_at(returned_at, DELIVERED_AT, NOW)
        assert set(refused.value.errors) == {"returned_at"}


def test_a_refused_time_books_nothing():
    note = delivery()
    with pytest.raises(RuleViolation):
        book_return(note, [request(note, 0, "1")], returned_at=DELIVERED_AT - timedelta(hours=1), now=NOW)
    assert [line.quantity_returned for line in note.lines] == [D("0"), D("0")]


def test_returned_costs_per_return_line_add_up_over_batches():
    first, second = uuid.uuid4(), uuid.uuid4()
    costs = returned_costs([
        {"source_line_id": first, "quantity": D("1"), "unit_cost": D("2.1"), "cost": D("2.10")},
        {"source_line_id": second, "quantity": D("3"), "unit_cost": D("3.333333"), "cost": D("10.00")},
        {"source_line_id": first, "quantity": D("1"), "unit_cost": D("2.5"), "cost": D("2.50")},
    ])
    assert costs == {first: (D("2.300000"), D("4.60")), second: (D("3.333333"), D("10.00"))}
