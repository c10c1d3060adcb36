"""Material requisition rules without I/O: the lifecycle, segregation of duties, what remains to issue and to
return, and costing a return back into the batches an issue took (restocking's reverse pick)."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from erp_shared.errors import Conflict, RuleViolation
from inventory import requisition_domain as rules
from inventory.domain import Valuation
from inventory.picking import BatchStock, cost_issue, pick_fifo
from inventory.restocking import IssuedBatch, outstanding, reverse_pick

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
CLERK, STOREKEEPER = "subject-clerk", "subject-storekeeper"


def line(quantity="10", issued="0", returned="0", batch_no=None, line_no=1):
    return SimpleNamespace(id=uuid.uuid4(), line_no=line_no, item_id=uuid.uuid4(), warehouse_id=uuid.uuid4(),
                           batch_no=batch_no, quantity=D(quantity), quantity_issued=D(issued),
                           quantity_returned=D(returned))


def requisition(status=rules.PENDING_APPROVAL, *lines):
    return SimpleNamespace(number="MR-2026-000001", status=status, created_by=CLERK, version=1, updated_at=None,
                           decided_by=None, decided_by_name=None, decided_at=None, reject_reason=None,
                           cancelled_by_name=None, cancelled_at=None, cancel_reason=None,
                           lines=list(lines) or [line()])


def place(item=None, warehouse=None, quantity="1", batch_no=None):
    return {"item_id": item or uuid.uuid4(), "warehouse_id": warehouse or uuid.uuid4(), "quantity": D(quantity),
            "batch_no": batch_no}


# --- creating -------------------------------------------------------------------------------------------------

def test_lines_are_numbered_and_each_place_is_asked_for_once():
    item, store = uuid.uuid4(), uuid.uuid4()
    lines = rules.requisition_lines([place(item, store, "2.5"), place(item, store, "1", batch_no="LOT-1"),
                                     place(item, uuid.uuid4(), "3")])
    assert [(l["line_no"], l["quantity"], l["batch_no"]) for l in lines] == [
        (1, D("2.5000"), None), (2, D("1.0000"), "LOT-1"), (3, D("3.0000"), None)]
    with pytest.raises(RuleViolation) as twice:
        rules.requisition_lines([place(item, store, "1", "LOT-1"), place(item, store, "2", " LOT-1 ")])
    assert list(twice.value.errors) == ["lines[1].item_id"] and "same item, warehouse and batch as line 1" in \
        twice.value.detail


@pytest.mark.parametrize("quantity", ["0", "-1", "1.00001"])
def test_a_quantity_is_positive_with_at_most_four_decimals(quantity):
    with pytest.raises(RuleViolation) as refused:
        rules.requisition_lines([place(quantity="1"), place(quantity=quantity)])
    assert list(refused.value.errors) == ["lines[1].quantity"]


# --- lifecycle ------------------------------------------------------------------------------------------------

def test_approval_by_someone_else_records_who_and_when():
    pending = requisition()
    rules.approve(pending, approver_id=STOREKEEPER, approver_name="sam", now=NOW)
    assert (pending.status, pending.decided_by, pending.decided_by_name, pending.decided_at, pending.version) == (
        rules.APPROVED, STOREKEEPER, "sam", NOW, 2)


@pytest.mark.parametrize("decide", [
    lambda r: rules.approve(r, approver_id=CLERK, approver_name="clerk", now=NOW),
    lambda r: rules.reject(r, approver_id=CLERK, approver_name="clerk", reason="no", now=NOW)])
def test_whoever_created_a_requisition_cannot_decide_on_it(decide):
    pending = requisition()
    with pytest.raises(rules.SegregationOfDuties) as refused:
        decide(pending)
    assert refused.value.status == 403 and "segregation of duties" in refused.value.detail
    assert pending.status == rules.PENDING_APPROVAL and pending.version == 1


def test_a_rejection_keeps_its_reason_and_ends_the_requisition():
    pending = requisition()
    rules.reject(pending, approver_id=STOREKEEPER, approver_name="sam", reason="not in budget", now=NOW)
    assert (pending.status, pending.reject_reason) == (rules.REJECTED, "not in budget")
    for decide in (lambda r: rules.approve(r, approver_id=STOREKEEPER, approver_name="sam", now=NOW),
                   lambda r: rules.cancel(r, by_name="sam", reason=None, now=NOW),
                   lambda r: rules.plan_issue(r, [], now=NOW)):
        with pytest.raises(Conflict) as refused:
            decide(pending)
        assert refused.value.status == 409 and "is rejected" in refused.value.detail


@pytest.mark.parametrize("status", [rules.PENDING_APPROVAL, rules.APPROVED])
def test_a_requisition_is_cancelled_only_before_anything_is_issued(status):
    open_one = requisition(status)
    rules.cancel(open_one, by_name="clerk", reason="plans changed", now=NOW)
    assert (open_one.status, open_one.cancel_reason, open_one.cancelled_at) == (rules.CANCELLED, "plans changed", NOW)


@pytest.mark.parametrize("status", [rules.PARTIALLY_ISSUED, rules.ISSUED, rules.CANCELLED])
def test_issued_or_cancelled_requisitions_cannot_be_cancelled(status):
    with pytest.raises(Conflict):
        rules.cancel(requisition(status), by_name="clerk", reason=None, now=NOW)


def test_only_the_requester_or_the_warehouse_may_cancel():
    pending = requisition()
    rules.check_may_cancel(pending, CLERK, storekeeper=False)
    rules.check_may_cancel(pending, STOREKEEPER, storekeeper=True)
    with pytest.raises(rules.NotTheRequester) as refused:
        rules.check_may_cancel(pending, "subject-someone-else", storekeeper=False)
    assert refused.value.status == 403


# --- issuing --------------------------------------------------------------------------------------------------

def test_issuing_in_part_then_in_full_moves_the_status_and_the_remaining_quantities():
    first, second = line("10", line_no=1), line("4", line_no=2)
    approved = requisition(rules.APPROVED, first, second)
    planned = rules.plan_issue(approved, [{"requisition_line_id": first.id, "quantity": D("6")}], now=NOW)
    assert [(p.requisition_line_id, p.quantity, p.source_line_id == p.issue_line_id) for p in planned] == [
        (first.id, D("6"), True)]
    assert (approved.status, rules.remaining(first), rules.remaining(second), approved.version) == (
        rules.PARTIALLY_ISSUED, D("4"), D("4"), 2)
    rules.plan_issue(approved, [{"requisition_line_id": first.id, "quantity": D("4")},
                                {"requisition_line_id": second.id, "quantity": D("4")}], now=NOW)
    assert (approved.status, rules.remaining(first), rules.remaining(second)) == (rules.ISSUED, 0, 0)
    with pytest.raises(Conflict, match="is issued"):
        rules.plan_issue(approved, [{"requisition_line_id": first.id, "quantity": D("1")}], now=NOW)


def test_an_issue_takes_no_more_than_remains_and_names_every_refused_line():
    first, second = line("10", issued="7", line_no=1), line("4", batch_no="LOT-1", line_no=2)
    approved = requisition(rules.PARTIALLY_ISSUED, first, second)
    with pytest.raises(RuleViolation) as refused:
        rules.plan_issue(approved, [{"requisition_line_id": first.id, "quantity": D("3.0001")},
                                    {"requisition_line_id": second.id, "quantity": D("1"), "batch_no": "LOT-2"},
                                    {"requisition_line_id": uuid.uuid4(), "quantity": D("1")},
                                    {"requisition_line_id": first.id, "quantity": D("1")}], now=NOW)
    assert sorted(refused.value.errors) == ["lines[0].quantity", "lines[1].batch_no", "lines[2].requisition_line_id",
                                            "lines[3].requisition_line_id"]
    assert "has 3 left to issue (requested 10, issued 7); 3.0001 cannot be issued" in refused.value.detail
    assert (first.quantity_issued, second.quantity_issued, approved.status) == (D("7"), D("0"),
                                                                                 rules.PARTIALLY_ISSUED)


def test_the_batch_is_the_lines_or_else_the_one_the_issue_names():
    named, free = line("5", batch_no="LOT-1", line_no=1), line("5", line_no=2)
    approved = requisition(rules.APPROVED, named, free)
    planned = rules.plan_issue(approved, [{"requisition_line_id": named.id, "quantity": D("1")},
                                          {"requisition_line_id": free.id, "quantity": D("1"), "batch_no": "LOT-9"}],
                               now=NOW)
    assert [p.batch_no for p in planned] == ["LOT-1", "LOT-9"]
    planned = rules.plan_issue(approved, [{"requisition_line_id": free.id, "quantity": D("1")}], now=NOW)
    assert planned[0].batch_no is None


def test_an_issue_is_costed_like_a_delivery_oldest_batch_first():
    issue_line = rules.IssueLine(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), None, D("5"))
    older, newer = NOW - timedelta(days=2), NOW - timedelta(days=1)
    picks = pick_fifo([BatchStock("LOT-A", newer, D("4")), BatchStock("LOT-B", older, D("3"))], issue_line.quantity)
    parts, after = cost_issue(Valuation(D("7"), D("20.00"), 2), issue_line, picks)
    assert [(p.batch_key, p.quantity, p.cost) for p in parts] == [("LOT-B", D("3"), D("8.57")),
                                                                  ("LOT-A", D("2"), D("5.72"))]
    assert {p.movement.source_line_id for p in parts} == {issue_line.issue_line_id}
    assert after == Valuation(D("2"), D("5.71"), 4)


# --- returning ------------------------------------------------------------------------------------------------

def issue_line(quantity="5", returned="0", line_no=1):
    return SimpleNamespace(id=uuid.uuid4(), line_no=line_no, quantity=D(quantity), quantity_returned=D(returned))


def test_a_return_takes_back_no_more_than_issued_less_returned():
    first, second = issue_line("5", "2", 1), issue_line("3", line_no=2)
    lines = {first.id: first, second.id: second}
    planned = rules.plan_return("MI-2026-000001", lines, [{"issue_line_id": first.id, "quantity": D("3")},
                                                          {"issue_line_id": second.id, "quantity": D("1")}])
    assert [(l.id, q) for l, q in planned] == [(first.id, D("3")), (second.id, D("1"))]
    with pytest.raises(RuleViolation) as refused:
        rules.plan_return("MI-2026-000001", lines, [{"issue_line_id": first.id, "quantity": D("3.0001")},
                                                    {"issue_line_id": uuid.uuid4(), "quantity": D("1")}])
    assert sorted(refused.value.errors) == ["lines[0].quantity", "lines[1].issue_line_id"]
    assert "has 3 left to return (issued 5, returned 2)" in refused.value.detail


def test_returning_an_issue_in_parts_gives_back_exactly_its_cost_latest_batch_first():
    """The issue above: 3 of LOT-B for 8.57 then 2 of LOT-A for 5.72; back in three returns."""
    batches = [IssuedBatch("LOT-B", NOW - timedelta(days=2), D("3"), D("2.857143"), D("8.57")),
               IssuedBatch("LOT-A", NOW - timedelta(days=1), D("2"), D("2.857500"), D("5.72"))]
    costs = []
    for quantity in (D("3"), D("1"), D("1")):
        shares, batches = reverse_pick(quantity, batches)
        costs.append([(batch.batch_key, taken, cost) for batch, taken, cost in shares])
    assert costs == [[("LOT-A", D("2"), D("5.72")), ("LOT-B", D("1"), D("2.86"))],
                     [("LOT-B", D("1"), D("2.86"))],
                     [("LOT-B", D("1"), D("2.85"))]]
    assert sum(cost for parts in costs for _, _, cost in parts) == D("14.29")
    assert outstanding(batches) == 0


def test_a_returned_part_books_into_stock_at_its_cost_under_the_return_line():
    part = rules.ReturnedPart(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "", D("2"), D("1.5"), D("3.00"))
    movement = part.movement
    assert (movement.quantity, movement.value, movement.batch_no, movement.source_line_id,
            movement.delivery_line_id) == (D("2"), D("3.00"), None, part.return_line_id, None)
