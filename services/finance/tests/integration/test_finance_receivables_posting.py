"""Order-to-cash events posted through the handlers the worker runs: the books balance, the AR subledger agrees
with account 1100, the income statement's gross margin is revenue less COGS, and a document is posted once
however often its event arrives (the inbox is bypassed on purpose: the business key alone must hold)."""
import uuid
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from erp_shared.errors import PermanentEventError
from erp_shared.events import catalog, flow_context, new_event, parse_envelope
from finance.handlers import HANDLERS
from finance.models import ArLedgerEntry, JournalEntry, JournalLine, outbox

ISSUED, INVOICED, CREDITED, PAID = ("inventory.stock_issued.v1", "sales.invoice_issued.v1",
                                    "sales.credit_note_issued.v1", "sales.customer_payment_received.v1")


def envelope_for(event_type, payload):
    """The event as its producer would publish it, in a flow of its own."""
    flow = f"flow-{uuid.uuid4()}"
    with flow_context(flow, flow):
        return new_event(event_type, payload, subject=str(uuid.uuid4()), sequence=1)


def deliver(app, envelope):
    """What the consumer does with a delivery, minus the broker and the inbox."""
    with flow_context(envelope.correlation_id, str(envelope.id), envelope.id):
        with app.extensions["erp_db"].unit_of_work() as session:
            HANDLERS[envelope.type](session, envelope, catalog.load(envelope.type, envelope.data))
    return envelope


def post(app, event_type, payload):
    return deliver(app, envelope_for(event_type, payload))


def report(client, erp_tokens, name, **params):
    response = client.get(f"/reports/{name}", query_string=params, headers=erp_tokens.headers("viewer"))
    assert response.status_code == 200, response.json
    return response.json


def balances(client, erp_tokens, as_of):
    return {a["code"]: (Decimal(a["debit"]), Decimal(a["credit"]))
            for a in report(client, erp_tokens, "trial-balance", as_of=as_of)["accounts"]}


def entries_for(app, source_document):
    with app.extensions["erp_db"].unit_of_work() as session:
        return session.execute(select(JournalEntry).where(JournalEntry.source_document == source_document)
                               ).scalars().all()


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment)


@pytest.fixture(scope="module")
def flow_of_2003(app, new_sales_documents):
    """One customer's invoice, payment, credit note and delivery cost in May 2003, where no other test posts."""
    documents = new_sales_documents()
    post(app, "sales.customer_created.v1", {
        "id": documents.customer_id, "code": f"CUS-{documents.tag}", "name": "Globex Retail",
        "credit_rating": "A", "credit_limit": Decimal("5000.00"), "active": True})
    return documents, {
        "invoice": post(app, INVOICED, documents.invoice_issued("1000.00", "190.00", invoice_date=date(2003, 5, 2))),
        "payment": post(app, PAID, documents.customer_payment_received(
            "700.00", received_at=at("2003-05-20T23:30:00-03:00"))),
        "credit_note": post(app, CREDITED, documents.credit_note_issued("100.00", "19.00",
                                                                        credit_date=date(2003, 5, 25))),
        "delivery": post(app, ISSUED, documents.stock_issued("400.00", "240.00",
                                                             issued_at=at("2003-05-01T09:00:00+00:00"))),
    }


def test_invoice_payment_credit_note_and_delivery_cost_move_the_expected_accounts(client, erp_tokens, flow_of_2003):
    before, after = balances(client, erp_tokens, "2002-12-31"), balances(client, erp_tokens, "2003-12-31")
    moved = {code: (after[code][0] - before[code][0], after[code][1] - before[code][1]) for code in after}
    D = Decimal
    assert moved["1100"] == (D("1190.00"), D("819.00")), "invoiced; paid 700 and credited 119"
    assert moved["4000"] == (D("100.00"), D("1000.00")), "sales net of the credit note"
    assert moved["2200"] == (D("19.00"), D("190.00")), "tax charged less tax credited"
    assert moved["1000"] == (D("700.00"), D("0.00")), "cash received"
    assert moved["5000"] == (D("640.00"), D("0.00")), "cost of the goods delivered"
    assert moved["1200"] == (D("0.00"), D("640.00")), "stock delivered out of inventory"
    untouched = set(moved) - {"1000", "1100", "1200", "2200", "4000", "5000"}
    assert untouched and all(moved[code] == (D("0.00"), D("0.00")) for code in untouched)
    assert sum(d for d, _ in moved.values()) == sum(c for _, c in moved.values()) == D("2649.00")


def test_the_ar_subledger_shows_what_the_customer_owes_and_agrees_with_1100(client, erp_tokens, flow_of_2003):
    documents, _ = flow_of_2003
    subledger = report(client, erp_tokens, "ar-subledger", customer_id=str(documents.customer_id), as_of="2003-12-31")
    assert subledger == {"as_of": "2003-12-31", "customers": [{
        "customer_id": str(documents.customer_id), "customer_code": f"CUS-{documents.tag}",
        "customer_name": "Globex Retail", "balance": "371.00"}],
        "total": "371.00", "control_account": "1100", "control_account_balance": "371.00"}
    before_payment = report(client, erp_tokens, "ar-subledger", customer_id=str(documents.customer_id),
                            as_of="2003-05-20")
    assert before_payment["total"] == before_payment["control_account_balance"] == "1190.00", \
        "received late on the 20th in Brasília: the 21st in UTC"


def test_the_income_statement_shows_revenue_less_cogs_as_gross_margin(client, erp_tokens, flow_of_2003):
    statement = report(client, erp_tokens, "income-statement", date_from="2003-05-01", date_to="2003-05-31")
    assert (statement["date_from"], statement["date_to"]) == ("2003-05-01", "2003-05-31")
    assert (statement["revenue_account"], statement["revenue"]) == ("4000", "900.00")
    assert (statement["cost_of_goods_sold_account"], statement["cost_of_goods_sold"]) == ("5000", "640.00")
    assert statement["gross_margin"] == "260.00" == statement["net_result"]
    assert {"5100", "5200", "6000", "6100"} <= {a["code"] for a in statement["other_expenses"]}
    assert all(a["amount"] == "0.00" for a in statement["other_expenses"] + statement["other_income"])
    assert statement["total_other_expenses"] == statement["total_other_income"] == "0.00"
    early_may = report(client, erp_tokens, "income-statement", date_from="2003-05-01", date_to="2003-05-10")
    assert (early_may["revenue"], early_may["cost_of_goods_sold"], early_may["gross_margin"]) == \
        ("1000.00", "640.00", "360.00"), "the credit note of the 25th falls outside the period"


def test_the_whole_ar_subledger_agrees_with_account_1100(app, client, erp_tokens, flow_of_2003, sales_documents):
    post(app, INVOICED, sales_documents.invoice_issued("55.00", "10.45"))
    accounts = report(client, erp_tokens, "trial-balance")["accounts"]
    subledger = report(client, erp_tokens, "ar-subledger")
    assert subledger["as_of"] is None
    assert subledger["total"] == subledger["control_account_balance"] == \
        next(a["balance"] for a in accounts if a["code"] == "1100")
    unreplicated = report(client, erp_tokens, "ar-subledger", customer_id=str(sales_documents.customer_id))
    assert unreplicated["customers"] == [{"customer_id": str(sales_documents.customer_id), "customer_code": None,
                                          "customer_name": None, "balance": "65.45"}]
    assert report(client, erp_tokens, "ar-subledger", customer_id=str(uuid.uuid4())) == {
        "as_of": None, "customers": [], "total": "0.00", "control_account": "1100",
        "control_account_balance": "0.00"}


def test_the_journal_names_the_customer_on_the_entry_and_its_receivables_line(client, erp_tokens, flow_of_2003):
    documents, flow = flow_of_2003
    response = client.get("/journal-entries", query_string={"source_document": flow["credit_note"].data[
        "credit_note_no"]}, headers=erp_tokens.headers("viewer"))
    [entry] = response.json
    assert (entry["kind"], entry["entry_date"], entry["customer_id"], entry["supplier_id"]) == \
        ("credit_note", "2003-05-25", str(documents.customer_id), None)
    assert [(line["account_code"], line["debit"], line["credit"], line["customer_id"]) for line in entry["lines"]] == \
        [("4000", "100.00", "0.00", None), ("2200", "19.00", "0.00", None),
         ("1100", "0.00", "119.00", str(documents.customer_id))]


def subledger_rows(app, entry_id):
    with app.extensions["erp_db"].unit_of_work() as session:
        return session.execute(select(ArLedgerEntry).where(ArLedgerEntry.entry_id == entry_id)).scalars().all()


def journal_posted_count(app, entry_id):
    with app.extensions["erp_db"].unit_of_work() as session:
        bodies = session.execute(select(outbox.c.body).where(outbox.c.event_type == "finance.journal_posted.v1")
                                 ).scalars().all()
    return sum(1 for envelope in map(parse_envelope, bodies) if envelope.subject == str(entry_id))


@pytest.mark.parametrize("event_type, make, number", [
    (INVOICED, lambda d: d.invoice_issued("300.00", "57.00"), "invoice_no"),
    (CREDITED, lambda d: d.credit_note_issued("30.00", "5.70"), "credit_note_no"),
    (PAID, lambda d: d.customer_payment_received("200.00"), "payment_no"),
    (ISSUED, lambda d: d.stock_issued("80.00"), "source_document"),
])
def test_the_same_event_delivered_twice_posts_once(app, sales_documents, event_type, make, number):
    envelope = post(app, event_type, make(sales_documents))
    deliver(app, envelope)
    [entry] = entries_for(app, envelope.data[number])
    with app.extensions["erp_db"].unit_of_work() as session:
        lines = session.execute(select(func.count()).where(JournalLine.entry_id == entry.id)).scalar_one()
    assert lines == (2 if event_type in (PAID, ISSUED) else 3)
    assert len(subledger_rows(app, entry.id)) == (0 if event_type == ISSUED else 1)
    assert journal_posted_count(app, entry.id) == 1


def test_a_new_event_for_an_already_posted_invoice_posts_nothing_and_takes_no_number(app, sales_documents):
    payload = sales_documents.invoice_issued("120.00", "22.80")
    first = post(app, INVOICED, payload)
    again = post(app, INVOICED, payload)
    assert again.id != first.id
    [entry] = entries_for(app, payload["invoice_no"])
    assert (entry.source_event_id, entry.source_type) == (first.id, INVOICED)
    [row] = subledger_rows(app, entry.id)
    assert (row.customer_id, row.amount, row.kind, row.document, row.line_no) == \
        (sales_documents.customer_id, Decimal("142.80"), "customer_invoice", payload["invoice_no"], 1)
    following = post(app, PAID, sales_documents.customer_payment_received("142.80"))
    [next_entry] = entries_for(app, following.data["payment_no"])
    assert int(next_entry.entry_no.rsplit("-", 1)[1]) == int(entry.entry_no.rsplit("-", 1)[1]) + 1, \
        "a skipped duplicate leaves no gap"


def test_one_document_number_may_carry_an_invoice_and_its_delivery_cost(app, sales_documents):
    """The business key is (kind, document): the same number under another kind is another entry."""
    number = f"DOC-{sales_documents.tag}"
    post(app, INVOICED, sales_documents.invoice_issued("10.00", "0.00", invoice_no=number))
    post(app, ISSUED, sales_documents.stock_issued("6.00", delivery_no=number))
    assert sorted(entry.kind for entry in entries_for(app, number)) == ["customer_invoice", "delivery_cost"]


def test_a_delivery_that_cost_nothing_posts_nothing(app, sales_documents):
    envelope = post(app, ISSUED, sales_documents.stock_issued("0.00"))
    assert entries_for(app, envelope.data["source_document"]) == []


def outbox_size(app):
    with app.extensions["erp_db"].unit_of_work() as session:
        return session.execute(select(func.count()).select_from(outbox)).scalar_one()


def test_an_invoice_whose_total_is_not_net_plus_tax_is_refused_for_good_and_leaves_nothing(app, sales_documents):
    before = outbox_size(app)
    envelope = envelope_for(INVOICED, sales_documents.invoice_issued("100.00", "19.00", total="118.00"))
    with pytest.raises(PermanentEventError, match="total 118.00 ≠ net 100.00 \\+ tax 19.00"):
        deliver(app, envelope)
    assert entries_for(app, envelope.data["invoice_no"]) == [] and outbox_size(app) == before
