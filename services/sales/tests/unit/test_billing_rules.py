"""Billing rules without I/O: invoicing delivered quantities, payment allocation, settling, and the ledger."""
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from erp_shared.errors import Conflict, RuleViolation

from sales import billing_domain as billing
from sales import ledger_domain as ledger

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
TODAY = NOW.date()


def order(status="delivered", *lines):
    lines = lines or (("10", "10", "0"), ("3", "3", "0"))
    return SimpleNamespace(number="SO-2026-000004", status=status, version=5, updated_at=None,
                           invoiced_amount=D("0.00"), lines=[
        SimpleNamespace(id=uuid.uuid4(), item_id=uuid.uuid4(), quantity=D(q), quantity_delivered=D(d),
                        quantity_invoiced=D(i), unit_price=D("19.99"), discount_pct=D("10.00"), tax_rate=D("20.00"))
        for q, d, i in lines])


def test_an_invoice_bills_what_was_delivered_and_not_yet_invoiced():
    target = order("delivered", ("10", "10", "4"), ("3", "3", "3"))
    lines, totals = billing.invoice_order(target, invoice_date=TODAY, today=TODAY, now=NOW)
    assert [(l["line_no"], l["order_line_id"], l["quantity"]) for l in lines] == [(1, target.lines[0].id, D(6))]
    # 6 × 19.99 × 0.9 = 107.946 → 107.95; 20% = 21.59
    assert (lines[0]["net_amount"], lines[0]["tax_amount"]) == (D("107.95"), D("21.59"))
    assert totals == {"net_total": D("107.95"), "tax_total": D("21.59"), "total_amount": D("129.54")}
    assert target.lines[0].quantity_invoiced == D(10) and target.invoiced_amount == D("129.54")
    assert target.status == "invoiced" and target.version == 6


def test_a_partly_delivered_order_is_billed_but_keeps_delivering():
    target = order("partially_delivered", ("10", "4", "0"), ("3", "0", "0"))
    lines, _ = billing.invoice_order(target, invoice_date=TODAY, today=TODAY, now=NOW)
    assert [l["quantity"] for l in lines] == [D(4)] and target.status == "partially_delivered"


def test_nothing_left_to_bill_or_nothing_delivered_is_a_conflict():
    with pytest.raises(Conflict):
        billing.invoice_order(order("delivered", ("1", "1", "1")), invoice_date=TODAY, today=TODAY, now=NOW)
    for status in ("reserved", "confirmed", "invoiced", "paid", "cancelled", "draft"):
        with pytest.raises(Conflict):
            billing.invoice_order(order(status), invoice_date=TODAY, today=TODAY, now=NOW)


def test_invoice_and_due_dates():
    with pytest.raises(RuleViolation) as future:
        billing.invoice_order(order(), invoice_date=TODAY + timedelta(days=1), today=TODAY, now=NOW)
    assert set(future.value.errors) == {"invoice_date"}
    assert billing.due_date_for(date(2026, 1, 31), None) == date(2026, 3, 2)
    assert billing.due_date_for(date(2026, 1, 31), date(2026, 1, 31)) == date(2026, 1, 31)
    with pytest.raises(RuleViolation) as early:
        billing.due_date_for(date(2026, 1, 31), date(2026, 1, 30))
    assert set(early.value.errors) == {"due_date"}


def test_an_invoiced_order_is_settled_when_every_invoice_is_paid():
    assert billing.order_settled("invoiced", ["paid", "paid"])
    assert not billing.order_settled("invoiced", ["paid", "open"])
    assert not billing.order_settled("partially_delivered", ["paid"])


CUSTOMER = uuid.uuid4()


def invoice(total="100.00", paid="0.00", status="open", customer=CUSTOMER, dated=date(2026, 3, 1), number="INV-1",
            credited="0.00"):
    return billing.PayableInvoice(uuid.uuid4(), number, customer, status, dated, D(total), D(paid), D(credited))


def test_allocations_must_name_open_invoices_of_the_customer_and_take_the_whole_payment():
    first, second = invoice(paid="40.00"), invoice(number="INV-2")
    invoices = {first.invoice_id: first, second.invoice_id: second}
    billing.check_allocations(CUSTOMER, D("110.00"), TODAY, [
        billing.AllocationRequest(first.invoice_id, D("60.00")),
        billing.AllocationRequest(second.invoice_id, D("50.00"))], invoices)
    with pytest.raises(RuleViolation) as refused:
        billing.check_allocations(CUSTOMER, D("100.00"), TODAY, [
            billing.AllocationRequest(first.invoice_id, D("60.01")),
            billing.AllocationRequest(first.invoice_id, D("1.00")),
            billing.AllocationRequest(uuid.uuid4(), D("1.00"))], invoices)
    assert set(refused.value.errors) == {"allocations[0].amount", "allocations[1].invoice_id",
                                         "allocations[2].invoice_id", "amount"}


@pytest.mark.parametrize("problem", [{"customer": uuid.uuid4()}, {"status": "paid"}, {"dated": date(2026, 3, 3)}])
def test_another_customers_a_paid_or_a_later_invoice_cannot_take_the_payment(problem):
    target = invoice(**problem)
    with pytest.raises(RuleViolation) as refused:
        billing.check_allocations(CUSTOMER, D("1.00"), TODAY, [billing.AllocationRequest(target.invoice_id, D("1.00"))],
                                  {target.invoice_id: target})
    assert set(refused.value.errors) == {"allocations[0].invoice_id"}


def test_settling_leaves_a_partly_paid_invoice_open():
    assert billing.settle(invoice(paid="40.00"), D("59.99")) == (D("99.99"), "open")
    assert billing.settle(invoice(paid="40.00"), D("60.00")) == (D("100.00"), "paid")
    with pytest.raises(RuleViolation):
        billing.check_received_at(NOW + timedelta(seconds=1), NOW)


def test_the_ledger_runs_chronologically_invoices_before_payments_on_a_day():
    day = date(2026, 3, 1)
    entries = [ledger.LedgerEntry(day, ledger.PAYMENT, uuid.uuid4(), "RCPT-1", None, D("-100.00")),
               ledger.LedgerEntry(day, ledger.INVOICE, uuid.uuid4(), "INV-2", None, D("100.00"), day),
               ledger.LedgerEntry(day - timedelta(days=1), ledger.INVOICE, uuid.uuid4(), "INV-1", None, D("50.00"))]
    assert [(e.number, balance) for e, balance in ledger.running_ledger(entries)] == [
        ("INV-1", D("50.00")), ("INV-2", D("150.00")), ("RCPT-1", D("50.00"))]


@pytest.mark.parametrize("days,bucket", [(-5, "current"), (0, "current"), (1, "1_30"), (30, "1_30"), (31, "31_60"),
                                         (60, "31_60"), (61, "61_90"), (90, "61_90"), (91, "over_90")])
def test_ageing_buckets(days, bucket):
    assert ledger.ageing_bucket(days) == bucket


def test_open_items_and_ageing_as_of_a_date():
    as_of = date(2026, 6, 30)
    old, recent, later, settled = (uuid.uuid4() for _ in range(4))
    invoices = [ledger.DatedInvoice(old, "INV-1", date(2026, 3, 1), date(2026, 4, 5), D("100.00")),  # 86 days late
                ledger.DatedInvoice(recent, "INV-2", date(2026, 6, 1), date(2026, 7, 1), D("80.00")),
                ledger.DatedInvoice(later, "INV-3", date(2026, 7, 2), date(2026, 8, 1), D("70.00")),
                ledger.DatedInvoice(settled, "INV-4", date(2026, 6, 1), date(2026, 7, 1), D("10.00"))]
    allocations = [ledger.DatedSettlement(old, date(2026, 4, 1), D("30.00")),
                   ledger.DatedSettlement(old, date(2026, 7, 1), D("70.00")),      # after as_of: not yet
                   ledger.DatedSettlement(settled, date(2026, 6, 2), D("10.00"))]
    items = ledger.open_items(invoices, allocations, as_of)
    assert [(i.number, i.open_amount) for i in items] == [("INV-1", D("70.00")), ("INV-2", D("80.00"))]
    assert ledger.ageing(items, as_of) == {"current": D("80.00"), "1_30": D("0.00"), "31_60": D("0.00"),
                                           "61_90": D("70.00"), "over_90": D("0.00")}
