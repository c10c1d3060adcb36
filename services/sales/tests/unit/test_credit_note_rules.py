"""Credit note rules without I/O: what a credited line is worth (the last cent included), which lines and
quantities may be credited, the credit date, how a credit settles the invoice, and credits in the ledger."""
import uuid
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from erp_shared.errors import RuleViolation

from sales import billing_domain as billing
from sales import credit_note_domain as credits
from sales import ledger_domain as ledger

TODAY = date(2026, 3, 2)


def line(quantity="3", unit_price="3.3333", discount="0.00", rate="20.00", net="10.00", tax="2.00",
         credited=("0", "0.00", "0.00"), line_no=1):
    """An invoice line: by default 3 × 3.3333 = 9.9999 → 10.00 net, 20% → 2.00 tax."""
    return credits.CreditableLine(uuid.uuid4(), line_no, uuid.uuid4(), uuid.uuid4(), D(quantity), D(unit_price),
                                  D(discount), D(net), D(rate), D(tax), *(D(value) for value in credited))


def test_a_part_of_a_line_is_priced_like_the_invoice_line():
    # 6 × 19.99 × 0.9 = 107.946 → 107.95; 20% = 21.59 (what invoicing 6 of this line bills)
    billed = line(quantity="10", unit_price="19.99", discount="10.00", net="179.91", tax="35.98")
    assert credits.credited_amounts(billed, D("6")) == (D("107.95"), D("21.59"))


def test_the_last_part_of_a_line_takes_exactly_what_is_left_so_no_cent_is_left_behind():
    first = line()
    assert credits.credited_amounts(first, D("1")) == (D("3.33"), D("0.67"))
    second = line(credited=("1", "3.33", "0.67"))
    assert credits.credited_amounts(second, D("1")) == (D("3.33"), D("0.67"))
    last = line(credited=("2", "6.66", "1.34"))
    assert credits.credited_amounts(last, D("1")) == (D("3.34"), D("0.66"))
    nets, taxes = zip(*(credits.credited_amounts(part, D("1")) for part in (first, second, last)))
    assert sum(nets) == D("10.00") and sum(taxes) == D("2.00")   # three thirds priced alike: 9.99 and 2.01


def test_crediting_a_whole_line_at_once_gives_back_the_invoiced_amounts():
    assert credits.credited_amounts(line(), D("3")) == (D("10.00"), D("2.00"))


def test_parts_each_rounded_up_never_take_more_than_is_left_of_the_line():
    # 4 × 0.005 = 0.02 billed; one unit alone rounds up to 0.01, so the third unit finds nothing left
    tiny = dict(quantity="4", unit_price="0.0050", rate="0.00", net="0.02", tax="0.00")
    assert credits.credited_amounts(line(**tiny), D("1")) == (D("0.01"), D("0.00"))
    assert credits.credited_amounts(line(**tiny, credited=("2", "0.02", "0.00")), D("1")) == (D("0.00"), D("0.00"))
    assert credits.credited_amounts(line(**tiny, credited=("3", "0.02", "0.00")), D("1")) == (D("0.00"), D("0.00"))


def test_credit_lines_are_numbered_at_the_stored_scale_with_totals():
    first, second = line(), line(quantity="2", unit_price="10", rate="10.00", net="20.00", tax="2.00", line_no=2)
    lines, totals = credits.credit_lines("INV-1", {first.invoice_line_id: first, second.invoice_line_id: second}, [
        credits.CreditRequest(second.invoice_line_id, D("2")), credits.CreditRequest(first.invoice_line_id, D("1"))])
    assert [(l["line_no"], l["invoice_line_id"], str(l["quantity"]), l["net_amount"], l["tax_amount"])
            for l in lines] == [(1, second.invoice_line_id, "2.0000", D("20.00"), D("2.00")),
                                (2, first.invoice_line_id, "1.0000", D("3.33"), D("0.67"))]
    assert lines[1]["order_line_id"] == first.order_line_id and lines[1]["unit_price"] == D("3.3333")
    assert totals == {"net_total": D("23.33"), "tax_total": D("2.67"), "total_amount": D("26.00")}


def test_every_refused_line_is_named_at_once():
    partly = line(credited=("2.5", "8.33", "1.67"))
    with pytest.raises(RuleViolation) as refused:
        credits.credit_lines("INV-7", {partly.invoice_line_id: partly}, [
            credits.CreditRequest(partly.invoice_line_id, D("0.5001")),
            credits.CreditRequest(partly.invoice_line_id, D("0.1")),
            credits.CreditRequest(uuid.uuid4(), D("1"))])
    assert set(refused.value.errors) == {"lines[0].quantity", "lines[1].invoice_line_id", "lines[2].invoice_line_id"}
    assert "the 0.5 still creditable on line 1 of INV-7" in refused.value.errors["lines[0].quantity"][0]
    assert "not a line of invoice INV-7" in refused.value.errors["lines[2].invoice_line_id"][0]
    lines, _ = credits.credit_lines("INV-7", {partly.invoice_line_id: partly},
                                    [credits.CreditRequest(partly.invoice_line_id, D("0.5"))])
    assert (lines[0]["net_amount"], lines[0]["tax_amount"]) == (D("1.67"), D("0.33"))


def test_a_credit_worth_nothing_is_refused():
    target = line()   # 0.0001 × 3.3333 rounds to 0.00
    with pytest.raises(RuleViolation) as refused:
        credits.credit_lines("INV-1", {target.invoice_line_id: target},
                             [credits.CreditRequest(target.invoice_line_id, D("0.0001"))])
    assert set(refused.value.errors) == {"lines"}


def test_the_credit_date_lies_between_the_invoice_date_and_today():
    credits.check_credit_date(TODAY, TODAY, TODAY)
    credits.check_credit_date(TODAY - timedelta(days=3), TODAY - timedelta(days=3), TODAY)
    for credit_date, invoice_date in ((TODAY + timedelta(days=1), TODAY), (TODAY - timedelta(days=1), TODAY)):
        with pytest.raises(RuleViolation) as refused:
            credits.check_credit_date(credit_date, invoice_date, TODAY)
        assert set(refused.value.errors) == {"credit_date"}


def invoice(total="110.00", paid="0.00", credited="0.00", status="open"):
    return billing.PayableInvoice(uuid.uuid4(), "INV-9", uuid.uuid4(), status, TODAY, D(total), D(paid), D(credited))


def test_a_credit_lowers_the_open_amount_and_payments_and_credits_together_settle_it():
    assert credits.apply_credit(invoice(), D("55.00")) == (D("55.00"), "open")
    assert credits.apply_credit(invoice(paid="50.00", credited="5.00"), D("55.00")) == (D("60.00"), "paid")
    assert billing.settle(invoice(credited="55.00"), D("55.00")) == (D("55.00"), "paid")
    assert invoice(paid="50.00", credited="5.00").open_amount == D("55.00")


@pytest.mark.parametrize("paid,status", [("60.00", "open"), ("110.00", "paid")])
def test_crediting_more_than_is_open_would_be_a_refund_and_is_refused(paid, status):
    with pytest.raises(RuleViolation) as refused:
        credits.apply_credit(invoice(paid=paid, status=status), D("55.00"))
    assert set(refused.value.errors) == {"lines"} and "refund a paid invoice is not supported" in refused.value.detail


def test_credit_notes_in_the_ledger_and_open_items():
    day, invoice_id = date(2026, 3, 1), uuid.uuid4()
    entries = [ledger.LedgerEntry(day, ledger.PAYMENT, uuid.uuid4(), "RCPT-1", None, D("-60.00")),
               ledger.LedgerEntry(day, ledger.CREDIT_NOTE, uuid.uuid4(), "CN-1", "INV-1", D("-50.00")),
               ledger.LedgerEntry(day, ledger.INVOICE, invoice_id, "INV-1", None, D("110.00"), day)]
    assert [(e.number, balance) for e, balance in ledger.running_ledger(entries)] == [
        ("INV-1", D("110.00")), ("CN-1", D("60.00")), ("RCPT-1", D("0.00"))]
    invoices = [ledger.DatedInvoice(invoice_id, "INV-1", day, day + timedelta(days=30), D("110.00"))]
    settlements = [ledger.DatedSettlement(invoice_id, day, D("60.00")),
                   ledger.DatedSettlement(invoice_id, day + timedelta(days=5), D("50.00"))]   # the credit, later
    assert [i.open_amount for i in ledger.open_items(invoices, settlements, day + timedelta(days=4))] == [D("50.00")]
    assert ledger.open_items(invoices, settlements, day + timedelta(days=5)) == []
