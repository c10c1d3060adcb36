"""Payables rules without a database: due dates, invoice transitions, payment allocation, ledger and ageing."""
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from erp_shared.errors import Conflict, RuleViolation
from procurement import payables_domain as domain

SUPPLIER = uuid.uuid4()
OTHER_SUPPLIER = uuid.uuid4()
DAY = date(2026, 3, 10)


def invoice(total="100.00", paid="0.00", status=domain.POSTED, supplier=SUPPLIER, dated=date(2026, 3, 1)):
    invoice_id = uuid.uuid4()
    return invoice_id, domain.PayableInvoice(invoice_id, f"SINV-{invoice_id.hex[:4]}", supplier, status, dated,
                                             D(total), D(paid))


def allocate(invoice_id, amount):
    return domain.AllocationRequest(invoice_id, D(amount))


def errors_of(call):
    with pytest.raises(RuleViolation) as raised:
        call()
    return raised.value.errors


def test_due_date_defaults_to_the_payment_terms_and_may_not_precede_the_invoice():
    assert domain.due_date_for(DAY, None, 30) == date(2026, 4, 9)
    assert domain.due_date_for(DAY, date(2026, 3, 20), 30) == date(2026, 3, 20)
    assert errors_of(lambda: domain.due_date_for(DAY, date(2026, 3, 9), 30)) == {
        "due_date": ["the due date must not be before the invoice date"]}


@pytest.mark.parametrize("status", ["draft", "submitted", "cancelled"])
def test_only_committed_purchase_orders_are_invoiceable(status):
    assert "purchase_order_id" in errors_of(lambda: domain.require_invoiceable(status))


@pytest.mark.parametrize("status", domain.INVOICEABLE_PO_STATUSES)
def test_approved_to_closed_purchase_orders_are_invoiceable(status):
    domain.require_invoiceable(status)


def test_only_exceptions_can_be_approved_or_rejected_and_never_by_who_entered_them():
    domain.require_exception(domain.EXCEPTION, "approved")
    for status in (domain.POSTED, domain.REJECTED, domain.PAID):
        with pytest.raises(Conflict):
            domain.require_exception(status, "approved")
    domain.require_other_approver("alice", "bob")
    with pytest.raises(RuleViolation):
        domain.require_other_approver("alice", "alice")


def test_open_amount_counts_only_once_posted():
    assert domain.open_amount(domain.POSTED, D("100.00"), D("40.00")) == D("60.00")
    assert domain.open_amount(domain.PAID, D("100.00"), D("100.00")) == D("0.00")
    assert domain.open_amount(domain.EXCEPTION, D("100.00"), D("0.00")) == D("0.00")


def test_a_payment_allocated_in_full_over_open_invoices_passes():
    (a, first), (b, second) = invoice(), invoice(paid="30.00")
    domain.check_allocations(SUPPLIER, D("120.00"), DAY, [allocate(a, "50.00"), allocate(b, "70.00")],
                             {a: first, b: second})


def test_allocations_must_add_up_to_the_payment():
    a, first = invoice()
    assert set(errors_of(lambda: domain.check_allocations(
        SUPPLIER, D("60.00"), DAY, [allocate(a, "50.00")], {a: first}))) == {"amount"}


def test_an_allocation_beyond_the_open_amount_names_its_index():
    (a, first), (b, second) = invoice(), invoice(paid="30.00")
    errors = errors_of(lambda: domain.check_allocations(
        SUPPLIER, D("171.00"), DAY, [allocate(a, "100.00"), allocate(b, "71.00")], {a: first, b: second}))
    assert set(errors) == {"allocations[1].amount"}
    assert "70.00 still open" in errors["allocations[1].amount"][0]


@pytest.mark.parametrize("case, expected", [
    ("unknown", "no supplier invoice"), ("other supplier", "another supplier"), ("exception", "is exception"),
    ("paid", "is paid"), ("rejected", "is rejected"), ("dated after payment", "after the payment"),
])
def test_allocations_only_to_this_suppliers_posted_invoices_dated_before_the_payment(case, expected):
    invoice_id, payable = {
        "unknown": (uuid.uuid4(), None),
        "other supplier": invoice(supplier=OTHER_SUPPLIER),
        "exception": invoice(status=domain.EXCEPTION),
        "paid": invoice(status=domain.PAID, paid="100.00"),
        "rejected": invoice(status=domain.REJECTED),
        "dated after payment": invoice(dated=DAY + timedelta(days=1)),
    }[case]
    known = {invoice_id: payable} if payable else {}
    errors = errors_of(lambda: domain.check_allocations(SUPPLIER, D("10.00"), DAY, [allocate(invoice_id, "10.00")],
                                                        known))
    assert list(errors) == ["allocations[0].invoice_id"] and expected in errors["allocations[0].invoice_id"][0]


def test_one_invoice_may_not_be_allocated_twice_in_a_payment():
    a, first = invoice()
    errors = errors_of(lambda: domain.check_allocations(
        SUPPLIER, D("20.00"), DAY, [allocate(a, "10.00"), allocate(a, "10.00")], {a: first}))
    assert list(errors) == ["allocations[1].invoice_id"]


def test_settling_keeps_a_partly_paid_invoice_posted_and_marks_a_settled_one_paid():
    _, payable = invoice(paid="30.00")
    assert domain.settle(payable, D("20.00")) == domain.Settlement(D("50.00"), domain.POSTED)
    assert domain.settle(payable, D("70.00")) == domain.Settlement(D("100.00"), domain.PAID)


def test_a_payment_dated_in_the_future_is_refused():
    now = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)
    domain.require_not_future(now, now)
    assert "paid_at" in errors_of(lambda: domain.require_not_future(now + timedelta(seconds=1), now))


@pytest.mark.parametrize("days, bucket", [(-5, "current"), (0, "current"), (1, "1_30"), (30, "1_30"),
                                          (31, "31_60"), (60, "31_60"), (61, "61_90"), (90, "61_90"),
                                          (91, "over_90"), (400, "over_90")])
def test_ageing_buckets_by_days_past_due(days, bucket):
    assert domain.ageing_bucket(days) == bucket


def test_ledger_runs_chronologically_with_invoices_before_same_day_payments():
    first, second, payment = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    entries = [
        domain.LedgerEntry(date(2026, 3, 5), domain.PAYMENT, payment, "PAY-1", None, D("-100.00")),
        domain.LedgerEntry(date(2026, 3, 5), domain.INVOICE, second, "SINV-2", "R2", D("50.00")),
        domain.LedgerEntry(date(2026, 3, 1), domain.INVOICE, first, "SINV-1", "R1", D("100.00")),
    ]
    ledger = domain.running_ledger(entries)
    assert [(e.number, balance) for e, balance in ledger] == [
        ("SINV-1", D("100.00")), ("SINV-2", D("150.00")), ("PAY-1", D("50.00"))]


def test_open_items_as_of_a_date_leave_out_later_invoices_and_later_payments():
    early, late = uuid.uuid4(), uuid.uuid4()
    invoices = [domain.DatedInvoice(early, "SINV-1", date(2026, 1, 1), date(2026, 1, 31), D("100.00")),
                domain.DatedInvoice(late, "SINV-2", date(2026, 3, 1), date(2026, 3, 31), D("80.00"))]
    allocations = [domain.DatedAllocation(early, date(2026, 2, 1), D("30.00")),
                   domain.DatedAllocation(early, date(2026, 3, 2), D("70.00"))]
    in_february = domain.open_items(invoices, allocations, date(2026, 2, 15))
    assert [(i.number, i.open_amount) for i in in_february] == [("SINV-1", D("70.00"))]
    in_march = domain.open_items(invoices, allocations, date(2026, 3, 15))
    assert [(i.number, i.open_amount) for i in in_march] == [("SINV-2", D("80.00"))]


def test_ageing_sums_open_amounts_into_every_bucket():
    as_of = date(2026, 6, 30)
    items = [domain.OpenItem(uuid.uuid4(), f"SINV-{n}", as_of - timedelta(days=days), D(amount))
             for n, (days, amount) in enumerate([(-1, "1.00"), (0, "2.00"), (15, "4.00"), (45, "8.00"),
                                                  (75, "16.00"), (120, "32.00"), (91, "64.00")])]
    assert domain.ageing(items, as_of) == {"current": D("3.00"), "1_30": D("4.00"), "31_60": D("8.00"),
                                           "61_90": D("16.00"), "over_90": D("96.00")}
    assert domain.ageing([], as_of) == {bucket: D("0.00") for bucket in domain.AGEING_BUCKETS}
