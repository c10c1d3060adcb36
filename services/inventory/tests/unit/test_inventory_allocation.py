"""Reservation rules without a database: the reserve/backorder split, the order backorders are filled in, and
what issues and releases do to a line and to the order's status."""
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from erp_shared.errors import RuleViolation
from inventory.allocation import (BACKORDERED, ISSUED, PARTIALLY_RESERVED, RELEASED, RESERVED, Backorder,
                                  LineReservation, LineRequest, NotCovered, allocate, fill_backorders, order_lines,
                                  order_status)

STEEL, BOLTS, NORTH, SOUTH = (uuid.uuid4() for _ in range(4))


def request(quantity, item=STEEL, warehouse=NORTH):
    return LineRequest(uuid.uuid4(), item, warehouse, D(quantity))


@pytest.mark.parametrize("requested, available, reserved, backordered, status", [
    ("5", "10", "5", "0", RESERVED),
    ("5", "5", "5", "0", RESERVED),
    ("5", "3.5", "3.5", "1.5", PARTIALLY_RESERVED),
    ("5", "0", "0", "5", BACKORDERED),
    ("5", "-2", "0", "5", BACKORDERED),        # never reserve out of a shortfall
])
def test_a_line_reserves_what_is_available_and_backorders_the_rest(requested, available, reserved, backordered,
                                                                   status):
    line = LineReservation.request(D(requested), D(available))
    assert (line.reserved, line.backordered, line.issued, line.status) == (D(reserved), D(backordered), 0, status)
    assert line.reserved + line.backordered == line.requested


def test_lines_of_one_order_share_what_is_available_at_their_place_in_line_order():
    first, second, elsewhere, third = request("6"), request("6"), request("2", warehouse=SOUTH), request("1")
    decided = allocate([first, second, elsewhere, third], {(STEEL, NORTH): D("10"), (STEEL, SOUTH): D("1")})
    assert [(decided[r.order_line_id].reserved, decided[r.order_line_id].backordered)
            for r in (first, second, elsewhere, third)] == [
        (D("6"), D("0")), (D("4"), D("2")), (D("1"), D("1")), (D("0"), D("1"))]


def test_a_place_nobody_stocked_backorders_everything():
    line = request("3", item=BOLTS)
    assert allocate([line], {})[line.order_line_id] == LineReservation(D("3"), D("0"), D("3"))


def backorder(quantity, order_date, confirmed_at=None, place=(STEEL, NORTH), line_id=None):
    return Backorder(line_id or uuid.uuid4(), place, order_date,
                     confirmed_at or datetime(2026, 3, 1, 9, tzinfo=timezone.utc), D(quantity))


def test_backorders_are_filled_oldest_order_date_first_then_confirmation_then_line():
    monday, tuesday = date(2026, 3, 2), date(2026, 3, 3)
    early = datetime(2026, 3, 3, 8, tzinfo=timezone.utc)
    late_line = uuid.UUID(int=2)
    tuesday_late = backorder("4", tuesday, early + timedelta(hours=1))
    tuesday_early = backorder("4", tuesday, early)
    monday_b = backorder("3", monday, early, line_id=late_line)
    monday_a = backorder("3", monday, early, line_id=uuid.UUID(int=1))
    fills = fill_backorders([tuesday_late, tuesday_early, monday_b, monday_a], {(STEEL, NORTH): D("8")})
    assert fills == {monday_a.order_line_id: D("3"), monday_b.order_line_id: D("3"),
                     tuesday_early.order_line_id: D("2")}


def test_a_fill_never_takes_more_than_is_available_at_the_backorders_own_place():
    here, there = backorder("5", date(2026, 3, 2)), backorder("5", date(2026, 3, 1), place=(STEEL, SOUTH))
    assert fill_backorders([here, there], {(STEEL, NORTH): D("2")}) == {here.order_line_id: D("2")}
    assert fill_backorders([here], {(STEEL, NORTH): D("0")}) == {}


def test_filling_issuing_and_releasing_a_line():
    line = LineReservation.request(D("10"), D("4"))
    line = line.fill(D("5"))
    assert (line.reserved, line.backordered, line.status) == (D("9"), D("1"), PARTIALLY_RESERVED)
    line = line.issue(D("9"))
    assert (line.reserved, line.issued, line.backordered, line.status) == (D("0"), D("9"), D("1"), PARTIALLY_RESERVED)
    line = line.fill(D("1")).issue(D("1"))
    assert (line.issued, line.status) == (D("10"), ISSUED)
    released = LineReservation.request(D("10"), D("6")).issue(D("2")).release()
    assert (released.reserved, released.backordered, released.issued, released.status) == (
        D("0"), D("0"), D("2"), RELEASED)


def test_more_than_is_reserved_is_never_issued_nor_more_than_is_backordered_filled():
    line = LineReservation.request(D("10"), D("4"))
    with pytest.raises(NotCovered) as raised:
        line.issue(D("4.0001"))
    assert raised.value.status == 422 and "4 reserved" in raised.value.detail
    with pytest.raises(RuleViolation):
        line.fill(D("6.0001"))
    with pytest.raises(RuleViolation):
        line.release().fill(D("1"))
    with pytest.raises(NotCovered):
        line.release().issue(D("1"))


def test_the_order_status_follows_its_lines():
    full, part, none = (LineReservation.request(D("4"), D(a)) for a in ("4", "1", "0"))
    assert order_status([full, full.issue(D("4"))]) == RESERVED
    assert order_status([full, part]) == order_status([full, none]) == PARTIALLY_RESERVED
    assert order_status([none, none]) == BACKORDERED
    assert order_status([part.issue(D("1"))]) == PARTIALLY_RESERVED     # delivered some, waits for the rest
    assert order_status([full.release()]) == RELEASED
    assert order_status([], released=True) == RELEASED


def test_an_order_asks_for_positive_exact_quantities_on_distinct_lines():
    line = {"order_line_id": uuid.uuid4(), "item_id": STEEL, "warehouse_id": NORTH, "quantity": D("2.5")}
    [parsed] = order_lines([line])
    assert (parsed.quantity, parsed.place) == (D("2.5000"), (STEEL, NORTH))
    for bad, field in (([dict(line, quantity=D("0"))], "quantity"), ([dict(line, quantity=D("1.00001"))], "quantity"),
                       ([line, dict(line)], "order_line_id"), ([], "lines")):
        with pytest.raises(RuleViolation) as raised:
            order_lines(bad)
        assert list(raised.value.errors) == [field]
