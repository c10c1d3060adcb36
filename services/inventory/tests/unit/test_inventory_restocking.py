"""Taking returned goods back without a database: the batch picked last comes back first, each at the cost it
was issued at, and the last of a batch takes whatever of its cost is still out."""
import uuid
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest

from erp_shared.errors import RuleViolation
from inventory.restocking import IssuedBatch, ReturnExceedsIssue, ReturnLine, return_lines, take_back


def day(n):
    return datetime(2026, 3, n, tzinfo=timezone.utc)


def returning(quantity, delivery_line_id=None):
    return ReturnLine(uuid.uuid4(), delivery_line_id or uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), D(quantity))


def take_back_in_turn(batches, *quantities):
    """Each quantity returned in its own return, as the ledger would see them; the parts of each."""
    returns = []
    for quantity in quantities:
        parts, batches = take_back(returning(quantity), batches)
        returns.append([(p.batch_key, p.quantity, p.cost) for p in parts])
    return returns, batches


def test_the_batch_picked_last_comes_back_first():
    issued = [IssuedBatch("LOT-1", day(1), D("2"), D("3.000000"), D("6.00")),
              IssuedBatch("", None, D("1"), D("4.000000"), D("4.00")),          # never received: picked last
              IssuedBatch("LOT-2", day(2), D("3"), D("3.500000"), D("10.50"))]
    parts, after = take_back(returning("4.5"), issued)
    assert [(p.batch_key, p.quantity, p.unit_cost, p.cost) for p in parts] == [
        ("", D("1"), D("4.000000"), D("4.00")),
        ("LOT-2", D("3"), D("3.500000"), D("10.50")),
        ("LOT-1", D("0.5"), D("3.000000"), D("1.50"))]
    assert [(b.batch_key, b.returned, b.returned_cost) for b in after] == [
        ("LOT-1", D("0.5"), D("1.50")), ("", D("1"), D("4.00")), ("LOT-2", D("3"), D("10.50"))]


def test_ties_on_the_receipt_day_come_back_in_reverse_batch_order():
    issued = [IssuedBatch("A", day(1), D("1"), D("1.000000"), D("1.00")),
              IssuedBatch("B", day(1), D("1"), D("1.000000"), D("1.00"))]
    parts, _ = take_back(returning("1"), issued)
    assert [p.batch_key for p in parts] == ["B"]


def test_a_partial_return_costs_its_share_of_the_issue_half_up():
    issued = [IssuedBatch("LOT-2", day(2), D("2"), D("2.857500"), D("5.71"))]
    [part], [after] = take_back(returning("1"), issued)
    assert part.cost == D("2.86")                     # 5.71 / 2 = 2.855, rounded half up
    assert part.unit_cost == D("2.857500")            # the cost it was issued at, not today's average
    assert (after.returned, after.returned_cost, after.outstanding) == (D("1"), D("2.86"), D("1"))


def test_the_last_of_a_batch_takes_the_cost_still_out_so_the_whole_issue_comes_back_to_the_cent():
    issued = [IssuedBatch("LOT-1", day(1), D("3"), D("3.333333"), D("10.00"))]
    returns, [after] = take_back_in_turn(issued, "1", "1", "1")
    assert returns == [[("LOT-1", D("1"), D("3.33"))], [("LOT-1", D("1"), D("3.33"))],
                       [("LOT-1", D("1"), D("3.34"))]]
    assert (after.returned, after.returned_cost, after.outstanding) == (D("3"), D("10.00"), D("0"))


def test_shares_rounded_up_never_take_back_more_than_the_issue_cost():
    issued = [IssuedBatch("", None, D("10"), D("0.005000"), D("0.05"))]
    returns, [after] = take_back_in_turn(issued, *["1"] * 10)
    assert [parts[0][2] for parts in returns] == [D("0.01")] * 5 + [D("0.00")] * 5     # 0.005 each, half up
    assert after.returned_cost == D("0.05")


def test_no_more_comes_back_than_was_issued_and_has_not_come_back_yet():
    issued = [IssuedBatch("LOT-1", day(1), D("2"), D("1.000000"), D("2.00")),
              IssuedBatch("LOT-2", day(2), D("1"), D("1.000000"), D("1.00"))]
    _, issued = take_back(returning("2"), issued)
    with pytest.raises(ReturnExceedsIssue, match="1.0001 returned on delivery line .* only 1.0000 of what it issued"):
        take_back(returning("1.0001"), issued)
    [part], _ = take_back(returning("1"), issued)
    assert (part.batch_key, part.quantity) == ("LOT-1", D("1"))


def test_a_return_part_books_a_positive_movement_on_the_return_line_naming_the_delivery_line():
    line = returning("2")
    [part], _ = take_back(line, [IssuedBatch("LOT-7", day(1), D("4"), D("2.500000"), D("10.00"))])
    movement = part.movement
    assert (movement.quantity, movement.value, movement.unit_cost, movement.batch_no) == (
        D("2"), D("5.00"), D("2.500000"), "LOT-7")
    assert (movement.source_line_id, movement.delivery_line_id, movement.item_id, movement.warehouse_id) == (
        line.return_line_id, line.delivery_line_id, line.item_id, line.warehouse_id)
    [unbatched], _ = take_back(line, [IssuedBatch("", None, D("4"), D("2.500000"), D("10.00"))])
    assert unbatched.movement.batch_no is None


def test_a_return_names_each_line_once_with_a_positive_exact_quantity():
    raw = {"return_line_id": uuid.uuid4(), "delivery_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
           "warehouse_id": uuid.uuid4(), "quantity": D("1.25")}
    [parsed] = return_lines([raw])
    assert parsed.quantity == D("1.2500") and parsed.delivery_line_id == raw["delivery_line_id"]
    for bad, field in (([dict(raw, quantity=D("0"))], "quantity"), ([dict(raw, quantity=D("0.00001"))], "quantity"),
                       ([raw, dict(raw)], "return_line_id"), ([], "lines")):
        with pytest.raises(RuleViolation) as raised:
            return_lines(bad)
        assert list(raised.value.errors) == [field]
