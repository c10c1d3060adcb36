"""Purchase order rules without a database: amounts, lifecycle, approval threshold, segregation of duties."""
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal as D

import pytest

from erp_shared.errors import Conflict, RuleViolation
from procurement import ordering_domain as domain
from procurement.models import PurchaseOrder, PurchaseOrderLine

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)
CREATOR = "subject-of-ada"


def order(status=domain.DRAFT, total="500.00", lines=None):
    lines = lines if lines is not None else [line(1, ordered="10")]
    return PurchaseOrder(id=uuid.uuid4(), number="PO-2026-000042", status=status, total_amount=D(total),
                         created_by=CREATOR, created_by_name="ada", version=3, lines=lines)


def line(line_no, ordered="10", accepted="0", received=None):
    received = received if received is not None else accepted
    return PurchaseOrderLine(id=uuid.uuid4(), line_no=line_no, item_id=uuid.uuid4(), quantity=D(ordered),
                             unit_price=D("5"), quantity_received=D(received), quantity_accepted=D(accepted),
                             quantity_rejected=D(received) - D(accepted), quantity_invoiced=D(0))


def test_line_amounts_round_half_up_to_the_cent_and_the_total_is_their_sum():
    assert domain.line_amount(D("3"), D("0.3350")) == D("1.01")       # 1.005 rounds up, not to even
    assert domain.line_amount(D("0.0001"), D("0.0049")) == D("0.00")
    assert domain.line_amount(D("2.5"), D("19.99")) == D("49.98")     # 49.975
    assert domain.order_total([D("1.01"), D("49.98")]) == D("50.99")
    assert domain.order_total([]) == D("0.00")


def test_priced_lines_are_numbered_from_one_and_totalled():
    lines, total = domain.priced_lines([
        {"item_id": uuid.uuid4(), "quantity": D("3"), "unit_price": D("0.335")},
        {"item_id": uuid.uuid4(), "quantity": D("2.5"), "unit_price": D("19.99"), "expected_date": date(2026, 3, 1)},
    ], date(2026, 3, 1))
    assert [(l["line_no"], l["line_amount"]) for l in lines] == [(1, D("1.01")), (2, D("49.98"))]
    assert total == D("50.99")


def test_an_expected_date_before_the_order_date_and_an_unbookable_amount_are_refused_by_field():
    with pytest.raises(RuleViolation) as refused:
        domain.priced_lines([
            {"item_id": uuid.uuid4(), "quantity": D("1"), "unit_price": D("1"), "expected_date": date(2026, 2, 28)},
            {"item_id": uuid.uuid4(), "quantity": D("1e10"), "unit_price": D("1e7")},
        ], date(2026, 3, 1))
    assert set(refused.value.errors) == {"lines[0].expected_date", "lines[1].unit_price"}


def test_submitting_within_the_threshold_approves_at_once_as_auto():
    po = order(total="10000.00")
    domain.submit(po, approval_threshold=D("10000.00"), now=NOW)
    assert (po.status, po.approved_by, po.approved_by_name) == (domain.APPROVED, "auto", "auto")
    assert po.submitted_at == po.approved_at == NOW and po.version == 4


def test_submitting_above_the_threshold_waits_for_an_approver():
    po = order(total="10000.01")
    domain.submit(po, approval_threshold=D("10000.00"), now=NOW)
    assert po.status == domain.SUBMITTED and po.approved_by is None and po.version == 4


def test_the_creator_may_not_approve_their_own_order():
    po = order(status=domain.SUBMITTED)
    with pytest.raises(domain.SegregationOfDuties) as refused:
        domain.approve(po, approver_id=CREATOR, approver_name="ada", now=NOW)
    assert refused.value.status == 422 and "segregation of duties" in refused.value.detail
    assert po.status == domain.SUBMITTED and po.version == 3


def test_another_buyer_approves():
    po = order(status=domain.SUBMITTED)
    domain.approve(po, approver_id="subject-of-bob", approver_name="bob", now=NOW)
    assert (po.status, po.approved_by, po.approved_by_name, po.approved_at) == (
        domain.APPROVED, "subject-of-bob", "bob", NOW)
    assert po.version == 4


@pytest.mark.parametrize("transition,allowed", [
    (lambda po: domain.submit(po, approval_threshold=D(0), now=NOW), {domain.DRAFT}),
    (lambda po: domain.approve(po, approver_id="bob", approver_name="bob", now=NOW), {domain.SUBMITTED}),
    (lambda po: domain.send(po, NOW), {domain.APPROVED}),
    (lambda po: domain.edit(po, NOW), {domain.DRAFT}),
    (lambda po: domain.close(po, NOW), {domain.PARTIALLY_RECEIVED, domain.RECEIVED}),
    (lambda po: domain.cancel(po, reason="no longer needed", now=NOW),
     {domain.DRAFT, domain.SUBMITTED, domain.APPROVED, domain.SENT}),
])
def test_each_transition_is_allowed_only_from_its_statuses(transition, allowed):
    for status in domain.STATUSES:
        po = order(status=status)
        if status in allowed:
            transition(po)
            assert po.version == 4, status
        else:
            with pytest.raises(Conflict) as refused:
                transition(po)
            assert refused.value.status == 409 and status in refused.value.detail
            assert po.status == status and po.version == 3


def test_the_same_transition_twice_is_a_conflict_the_second_time():
    po = order(status=domain.APPROVED)
    domain.send(po, NOW)
    with pytest.raises(Conflict):
        domain.send(po, NOW)
    assert po.status == domain.SENT and po.version == 4


def test_the_lifecycle_from_draft_to_closed():
    po = order(total="20000.00")
    domain.submit(po, approval_threshold=D("10000"), now=NOW)
    domain.approve(po, approver_id="bob", approver_name="bob", now=NOW)
    domain.send(po, NOW)
    po.status = domain.PARTIALLY_RECEIVED  # receiving moves it on (see test_receiving_domain)
    domain.close(po, NOW)
    assert po.status == domain.CLOSED and po.closed_at == NOW and po.version == 7


def test_an_order_with_receipts_cannot_be_cancelled_even_if_everything_was_rejected():
    po = order(status=domain.PARTIALLY_RECEIVED, lines=[line(1, ordered="10", accepted="0", received="2")])
    with pytest.raises(Conflict) as refused:
        domain.cancel(po, reason="supplier failed", now=NOW)
    assert "close it instead" in refused.value.detail


def test_cancelling_records_the_reason():
    po = order(status=domain.SENT)
    domain.cancel(po, reason="supplier went out of business", now=NOW)
    assert (po.status, po.cancel_reason, po.cancelled_at) == (domain.CANCELLED, "supplier went out of business", NOW)


def test_open_quantity_is_what_may_still_arrive():
    assert domain.open_quantity(domain.SENT, D("10"), D("4")) == D("6")
    assert domain.open_quantity(domain.PARTIALLY_RECEIVED, D("10"), D("11")) == D("0")   # over within tolerance
    assert domain.open_quantity(domain.DRAFT, D("10"), D("0")) == D("10")
    assert domain.open_quantity(domain.CLOSED, D("10"), D("4")) == D("0")
    assert domain.open_quantity(domain.CANCELLED, D("10"), D("0")) == D("0")


def test_days_overdue_counts_only_lines_still_expected():
    today = date(2026, 3, 10)
    assert domain.days_overdue(domain.SENT, date(2026, 3, 7), D("10"), D("4"), today) == 3
    assert domain.days_overdue(domain.SENT, date(2026, 3, 10), D("10"), D("4"), today) == 0
    assert domain.days_overdue(domain.SENT, date(2026, 3, 7), D("10"), D("10"), today) == 0
    assert domain.days_overdue(domain.SENT, None, D("10"), D("0"), today) == 0
    assert domain.days_overdue(domain.CLOSED, date(2026, 3, 7), D("10"), D("4"), today) == 0
    assert domain.days_overdue(domain.DRAFT, date(2026, 3, 7), D("10"), D("0"), today) == 0
