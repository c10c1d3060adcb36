"""Issuing against a delivery without a database: oldest batch first, and a cost that keeps the running stock
value exact to the cent, the last unit taking whatever value is left."""
import uuid
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest

from erp_shared.errors import RuleViolation
from inventory.domain import InsufficientStock, Valuation
from inventory.picking import BatchStock, DeliveryLine, cost_issue, delivery_lines, pick_fifo


def day(n):
    return datetime(2026, 3, n, tzinfo=timezone.utc)


def line(quantity="1"):
    return DeliveryLine(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), D(quantity))


def test_stock_is_taken_from_the_earliest_received_batch_first():
    batches = [BatchStock("LOT-3", day(3), D("5")), BatchStock("LOT-1", day(1), D("2")),
               BatchStock("LOT-2", day(2), D("4"))]
    assert pick_fifo(batches, D("7")) == [("LOT-1", D("2")), ("LOT-2", D("4")), ("LOT-3", D("1"))]
    assert pick_fifo(batches, D("1.5")) == [("LOT-1", D("1.5"))]


def test_ties_go_by_batch_and_stock_never_received_goes_last():
    batches = [BatchStock("", None, D("9")), BatchStock("B", day(1), D("1")), BatchStock("A", day(1), D("1")),
               BatchStock("EMPTY", day(1), D("0"))]
    assert pick_fifo(batches, D("3")) == [("A", D("1")), ("B", D("1")), ("", D("1"))]


def test_a_warehouse_short_of_stock_refuses_the_issue():
    with pytest.raises(InsufficientStock, match="only 2.0000 on hand in the warehouse, cannot issue 2.0001"):
        pick_fifo([BatchStock("LOT-1", day(1), D("2"))], D("2.0001"))


def test_each_part_costs_its_exact_share_of_the_running_value():
    valuation = Valuation(D("3"), D("10.00"), 1)      # 3.333333... each
    parts, after = cost_issue(valuation, line("2"), [("LOT-1", D("1")), ("LOT-2", D("1"))])
    assert [(p.batch_key, p.quantity, p.unit_cost, p.cost) for p in parts] == [
        ("LOT-1", D("1"), D("3.333333"), D("3.33")),       # 10.00 / 3
        ("LOT-2", D("1"), D("3.335000"), D("3.34")),       # 6.67 / 2: the value left stays exact
    ]
    assert after == Valuation(D("1"), D("3.33"), 3)
    [last], empty = cost_issue(after, line(), [("LOT-2", D("1"))])
    assert last.cost == D("3.33") and empty == Valuation(D("0"), D("0.00"), 4)
    assert sum(p.cost for p in parts) + last.cost == D("10.00")


def test_an_issue_of_everything_takes_the_whole_value_whatever_the_average():
    valuation = Valuation(D("7"), D("100.00"), 2)
    [part], after = cost_issue(valuation, line("7"), [("", D("7"))])
    assert (part.cost, part.unit_cost, after.stock_value, after.on_hand) == (D("100.00"), D("14.285714"), 0, 0)


def test_an_issue_part_books_a_negative_movement_on_the_delivery_line():
    delivered = line("2")
    [part], _ = cost_issue(Valuation(D("4"), D("10.00"), 1), delivered, [("", D("2"))])
    movement = part.movement
    assert (movement.quantity, movement.value, movement.unit_cost) == (D("-2"), D("-5.00"), D("2.500000"))
    assert (movement.batch_no, movement.source_line_id, movement.item_id) == (
        None, delivered.delivery_line_id, delivered.item_id)


def test_a_delivery_names_each_line_once_with_a_positive_exact_quantity():
    raw = {"delivery_line_id": uuid.uuid4(), "order_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
           "warehouse_id": uuid.uuid4(), "quantity": D("1.25")}
    [parsed] = delivery_lines([raw])
    assert parsed.quantity == D("1.2500") and parsed.delivery_line_id == raw["delivery_line_id"]
    for bad, field in (([dict(raw, quantity=D("-1"))], "quantity"), ([dict(raw, quantity=D("0.00001"))], "quantity"),
                       ([raw, dict(raw)], "delivery_line_id"), ([], "lines")):
        with pytest.raises(RuleViolation) as raised:
            delivery_lines(bad)
        assert list(raised.value.errors) == [field]
