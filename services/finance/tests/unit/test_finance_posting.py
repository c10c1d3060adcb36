"""Posting rules (DESIGN.md §4): each procure-to-pay event becomes a balanced entry on the right accounts."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from erp_shared.errors import PermanentEventError
from erp_shared.events import catalog
from finance import posting
from finance.journal import InvalidJournalEntry, payables_movements

D = Decimal


def loaded(event_type, payload):
    """What a handler receives: the payload as it travels (dumped) and is read back (loaded) by the catalog."""
    return catalog.load(event_type, catalog.dump(event_type, payload))


def receipt(documents, amount, **kwargs):
    return loaded("procurement.goods_received.v1", documents.goods_received(amount, **kwargs))


def invoice(documents, grni, variance, **kwargs):
    return loaded("procurement.supplier_invoice_posted.v1",
                  documents.supplier_invoice_posted(grni, variance, **kwargs))


def payment(documents, amount, **kwargs):
    return loaded("procurement.supplier_payment_made.v1", documents.supplier_payment_made(amount, **kwargs))


def sides(entry):
    return [(line.account_code, line.debit, line.credit) for line in entry.lines]


def test_goods_received_debits_inventory_and_credits_grni(documents):
    evening_in_brazil = datetime(2026, 3, 31, 23, 30, tzinfo=timezone(timedelta(hours=-3)))
    data = receipt(documents, "1234.50", received_at=evening_in_brazil)
    entry = posting.goods_received(data)
    assert sides(entry) == [("1200", D("1234.50"), D("0")), ("2100", D("0"), D("1234.50"))]
    assert entry.total_debit == entry.total_credit == D("1234.50")
    assert (entry.kind, entry.source_document, entry.supplier_id) == \
        ("goods_receipt", data["receipt_no"], documents.supplier_id)
    assert entry.entry_date == date(2026, 4, 1), "the business date is the receipt's day in UTC"
    assert data["receipt_no"] in entry.description and documents.po_number in entry.description


def test_a_receipt_with_nothing_accepted_posts_nothing(documents):
    assert posting.goods_received(receipt(documents, "0.00")) is None


def test_invoice_above_po_price_debits_the_variance(documents):
    data = invoice(documents, "1000.00", "25.40", invoice_date=date(2026, 4, 2))
    entry = posting.supplier_invoice_posted(data)
    assert sides(entry) == [("2100", D("1000.00"), D("0")), ("5200", D("25.40"), D("0")),
                            ("2000", D("0"), D("1025.40"))]
    assert entry.entry_date == date(2026, 4, 2) and entry.kind == "supplier_invoice"
    assert entry.source_document == data["invoice_no"]
    [ap] = [line for line in entry.lines if line.account_code == "2000"]
    assert ap.supplier_id == documents.supplier_id
    assert [line.supplier_id for line in entry.lines if line.account_code != "2000"] == [None, None]


def test_invoice_below_po_price_credits_the_variance(documents):
    entry = posting.supplier_invoice_posted(invoice(documents, "1000.00", "-30.00"))
    assert sides(entry) == [("2100", D("1000.00"), D("0")), ("5200", D("0"), D("30.00")),
                            ("2000", D("0"), D("970.00"))]
    assert entry.total_debit == entry.total_credit == D("1000.00")


def test_invoice_at_po_price_has_no_variance_line(documents):
    entry = posting.supplier_invoice_posted(invoice(documents, "500.00", "0.00"))
    assert sides(entry) == [("2100", D("500.00"), D("0")), ("2000", D("0"), D("500.00"))]


def test_an_invoice_whose_total_is_not_grni_plus_variance_is_refused(documents):
    data = invoice(documents, "1000.00", "25.00", total_amount="1020.00")
    with pytest.raises(InvalidJournalEntry, match="does not balance: debits 1025.00 ≠ credits 1020.00"):
        posting.supplier_invoice_posted(data)


def test_payment_debits_payables_for_the_supplier_and_credits_cash(documents):
    data = payment(documents, "1025.40", paid_at=datetime(2026, 4, 30, 9, 0, tzinfo=timezone.utc))
    entry = posting.supplier_payment_made(data)
    assert sides(entry) == [("2000", D("1025.40"), D("0")), ("1000", D("0"), D("1025.40"))]
    assert entry.lines[0].supplier_id == documents.supplier_id and entry.lines[1].supplier_id is None
    assert (entry.kind, entry.source_document, entry.entry_date) == \
        ("supplier_payment", data["payment_no"], date(2026, 4, 30))
    assert "BANK-4711" in entry.description


def test_the_subledger_moves_by_the_invoice_total_and_back_by_the_payment(documents):
    owed = payables_movements(posting.supplier_invoice_posted(invoice(documents, "1000.00", "25.40")), "2000")
    paid = payables_movements(posting.supplier_payment_made(payment(documents, "600.00")), "2000")
    assert [(m.line_no, m.party_id, m.amount) for m in owed] == [(3, documents.supplier_id, D("1025.40"))]
    assert [(m.line_no, m.party_id, m.amount) for m in paid] == [(1, documents.supplier_id, D("-600.00"))]
    assert payables_movements(posting.goods_received(receipt(documents, "10.00")), "2000") == []


def test_another_chart_posts_to_its_own_accounts(documents):
    chart = posting.PostingAccounts(cash="1010", inventory="1250", accounts_payable="2010", grni="2110",
                                    price_variance="5210")
    assert [line.account_code for line in posting.goods_received(receipt(documents, "5.00"), chart).lines] == \
        ["1250", "2110"]
    assert [line.account_code for line in
            posting.supplier_invoice_posted(invoice(documents, "5.00", "1.00"), chart).lines] == \
        ["2110", "5210", "2010"]
    assert [line.account_code for line in posting.supplier_payment_made(payment(documents, "6.00"), chart).lines] == \
        ["2010", "1010"]


@pytest.mark.parametrize("amount", ["-10.00", "10.005"])
def test_a_negative_or_sub_cent_receipt_is_refused_for_good(documents, amount):
    with pytest.raises(InvalidJournalEntry) as refused:
        posting.goods_received(receipt(documents, amount))
    assert isinstance(refused.value, PermanentEventError), "a redelivery would be refused the same way"
