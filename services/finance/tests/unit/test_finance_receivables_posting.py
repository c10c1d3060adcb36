"""Posting rules for order to cash (DESIGN.md §4): deliveries, customer invoices, credit notes and customer
payments become balanced entries, every receivables line names its customer, and an event that can never
post is refused for good."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from erp_shared.errors import PermanentEventError
from erp_shared.events import catalog
from finance import posting
from finance.journal import InvalidJournalEntry, receivables_movements

D = Decimal


def loaded(event_type, payload):
    """What a handler receives: the payload dumped for the wire and loaded back through the catalog."""
    return catalog.load(event_type, catalog.dump(event_type, payload))


def stock_issued(documents, *costs, **kwargs):
    return loaded("inventory.stock_issued.v1", documents.stock_issued(*costs, **kwargs))


def invoice(documents, net, tax, **kwargs):
    return loaded("sales.invoice_issued.v1", documents.invoice_issued(net, tax, **kwargs))


def credit_note(documents, net, tax, **kwargs):
    return loaded("sales.credit_note_issued.v1", documents.credit_note_issued(net, tax, **kwargs))


def payment(documents, amount, **kwargs):
    return loaded("sales.customer_payment_received.v1", documents.customer_payment_received(amount, **kwargs))


def sides(entry):
    return [(line.account_code, line.debit, line.credit) for line in entry.lines]


def customers(entry):
    return [line.customer_id for line in entry.lines]


def test_a_delivery_costs_the_goods_sold_out_of_inventory(sales_documents):
    late_evening_in_new_york = datetime(2026, 5, 31, 21, 15, tzinfo=timezone(timedelta(hours=-4)))
    data = stock_issued(sales_documents, "400.00", "240.55", issued_at=late_evening_in_new_york)
    entry = posting.stock_issued(data)
    assert sides(entry) == [("5000", D("640.55"), D("0")), ("1200", D("0"), D("640.55"))]
    assert (entry.kind, entry.source_document) == ("delivery_cost", data["source_document"])
    assert entry.entry_date == date(2026, 6, 1), "the business date is the issue's day in UTC"
    assert data["source_document"] in entry.description
    assert customers(entry) == [None, None] and entry.customer_id is None


def test_a_delivery_that_cost_nothing_posts_nothing(sales_documents):
    assert posting.stock_issued(stock_issued(sales_documents, "0.00")) is None


def test_stock_issued_for_a_purpose_without_a_posting_rule_is_refused_for_good(sales_documents):
    data = {**stock_issued(sales_documents, "10.00"), "purpose": "scrap"}
    with pytest.raises(PermanentEventError, match="no posting rule for that purpose"):
        posting.stock_issued(data)


def test_an_invoice_is_owed_by_the_customer_earned_as_sales_and_owed_as_tax(sales_documents):
    data = invoice(sales_documents, "1000.00", "190.00", invoice_date=date(2026, 5, 2))
    entry = posting.invoice_issued(data)
    assert sides(entry) == [("1100", D("1190.00"), D("0")), ("4000", D("0"), D("1000.00")),
                            ("2200", D("0"), D("190.00"))]
    assert entry.total_debit == entry.total_credit == D("1190.00")
    assert (entry.kind, entry.source_document, entry.entry_date, entry.customer_id) == \
        ("customer_invoice", data["invoice_no"], date(2026, 5, 2), sales_documents.customer_id)
    assert customers(entry) == [sales_documents.customer_id, None, None]


def test_an_invoice_without_tax_has_no_tax_line(sales_documents):
    entry = posting.invoice_issued(invoice(sales_documents, "250.00", "0.00"))
    assert sides(entry) == [("1100", D("250.00"), D("0")), ("4000", D("0"), D("250.00"))]


def test_an_invoice_of_nothing_posts_nothing(sales_documents):
    assert posting.invoice_issued(invoice(sales_documents, "0.00", "0.00")) is None


@pytest.mark.parametrize("rule, make", [(posting.invoice_issued, invoice),
                                        (posting.credit_note_issued, credit_note)])
def test_a_total_that_is_not_net_plus_tax_is_refused_for_good(sales_documents, rule, make):
    data = make(sales_documents, "100.00", "19.00", total="120.00")
    with pytest.raises(InvalidJournalEntry, match="total 120.00 ≠ net 100.00 \\+ tax 19.00") as refused:
        rule(data)
    assert isinstance(refused.value, PermanentEventError), "a redelivery would be refused the same way"


def test_a_credit_note_takes_back_revenue_and_tax_from_the_customer(sales_documents):
    data = credit_note(sales_documents, "100.00", "19.00", credit_date=date(2026, 5, 25))
    entry = posting.credit_note_issued(data)
    assert sides(entry) == [("4000", D("100.00"), D("0")), ("2200", D("19.00"), D("0")),
                            ("1100", D("0"), D("119.00"))]
    assert (entry.kind, entry.source_document, entry.entry_date, entry.customer_id) == \
        ("credit_note", data["credit_note_no"], date(2026, 5, 25), sales_documents.customer_id)
    assert customers(entry) == [None, None, sales_documents.customer_id]
    assert "goods returned" in entry.description


def test_a_credit_note_without_tax_has_no_tax_line(sales_documents):
    entry = posting.credit_note_issued(credit_note(sales_documents, "40.00", "0.00"))
    assert sides(entry) == [("4000", D("40.00"), D("0")), ("1100", D("0"), D("40.00"))]


def test_a_customer_payment_brings_in_cash_and_settles_receivables(sales_documents):
    just_after_midnight_in_tokyo = datetime(2026, 5, 21, 0, 30, tzinfo=timezone(timedelta(hours=9)))
    data = payment(sales_documents, "700.00", received_at=just_after_midnight_in_tokyo, invoice_no="INV-42")
    entry = posting.customer_payment_received(data)
    assert sides(entry) == [("1000", D("700.00"), D("0")), ("1100", D("0"), D("700.00"))]
    assert (entry.kind, entry.source_document, entry.entry_date, entry.customer_id) == \
        ("customer_payment", data["payment_no"], date(2026, 5, 20), sales_documents.customer_id)
    assert customers(entry) == [None, sales_documents.customer_id]
    assert "BANK-0815" in entry.description and entry.lines[1].memo == "paid INV-42"


def test_the_receivables_subledger_grows_by_invoices_and_shrinks_by_credit_notes_and_payments(sales_documents):
    customer = sales_documents.customer_id
    moved = [[(m.line_no, m.party_id, m.amount) for m in receivables_movements(entry, "1100")] for entry in (
        posting.invoice_issued(invoice(sales_documents, "1000.00", "190.00")),
        posting.credit_note_issued(credit_note(sales_documents, "100.00", "19.00")),
        posting.customer_payment_received(payment(sales_documents, "700.00")))]
    assert moved == [[(1, customer, D("1190.00"))], [(3, customer, D("-119.00"))], [(2, customer, D("-700.00"))]]
    assert receivables_movements(posting.stock_issued(stock_issued(sales_documents, "5.00")), "1100") == []


def test_another_chart_posts_order_to_cash_to_its_own_accounts(sales_documents):
    chart = posting.PostingAccounts(cash="1010", accounts_receivable="1110", inventory="1250", sales_tax="2210",
                                    sales="4010", cost_of_goods_sold="5010")
    codes = [[line.account_code for line in entry.lines] for entry in (
        posting.stock_issued(stock_issued(sales_documents, "5.00"), chart),
        posting.invoice_issued(invoice(sales_documents, "10.00", "1.90"), chart),
        posting.credit_note_issued(credit_note(sales_documents, "10.00", "1.90"), chart),
        posting.customer_payment_received(payment(sales_documents, "11.90"), chart))]
    assert codes == [["5010", "1250"], ["1110", "4010", "2210"], ["4010", "2210", "1110"], ["1010", "1110"]]


@pytest.mark.parametrize("amount", ["-10.00", "10.005"])
def test_a_negative_or_sub_cent_payment_is_refused_for_good(sales_documents, amount):
    with pytest.raises(InvalidJournalEntry):
        posting.customer_payment_received(payment(sales_documents, amount))


def returned(cost: str, returned_at=None) -> dict:
    import uuid
    return loaded("inventory.stock_returned.v1", {
        "source_document": "RET-2026-000007", "source_id": uuid.uuid4(), "order_id": None,
        "returned_at": returned_at or datetime(2026, 6, 2, 8, 0, tzinfo=timezone.utc),
        "lines": [{"source_line_id": uuid.uuid4(), "delivery_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
                   "warehouse_id": uuid.uuid4(), "batch_no": None, "quantity": "2", "unit_cost": "12.5",
                   "cost": cost}],
        "total_cost": cost})


def test_returned_goods_go_back_into_inventory_and_out_of_the_cost_of_goods_sold():
    entry = posting.stock_returned(returned("25.00"))
    assert sides(entry) == [("1200", D("25.00"), D("0")), ("5000", D("0"), D("25.00"))]
    assert (entry.kind, entry.source_document, entry.entry_date) == ("return_cost", "RET-2026-000007",
                                                                     date(2026, 6, 2))


def test_a_return_that_cost_nothing_posts_nothing():
    assert posting.stock_returned(returned("0.00")) is None
