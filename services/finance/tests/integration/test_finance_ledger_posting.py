"""Procure-to-pay events posted to the general ledger through the handlers the worker runs: the books
balance, the AP subledger agrees with its control account, and a document is posted once however often its
event arrives (the inbox is bypassed here on purpose: the business key alone must hold)."""
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from erp_shared.errors import PermanentEventError
from erp_shared.events import catalog, flow_context, new_event, parse_envelope
from erp_shared.testing.statements import describe, recorded_statements
from finance import posting
from finance.handlers import HANDLERS
from finance.models import ApLedgerEntry, JournalEntry, JournalLine, outbox
from finance.services import post_journal_entry

RECEIVED, INVOICED, PAID = ("procurement.goods_received.v1", "procurement.supplier_invoice_posted.v1",
                            "procurement.supplier_payment_made.v1")


def envelope_for(event_type, payload):
    """The event as procurement would publish it, in a flow of its own (a request in procurement)."""
    flow = f"flow-{uuid.uuid4()}"
    with flow_context(flow, flow):
        return new_event(event_type, payload, subject=str(uuid.uuid4()), sequence=1)


def deliver(app, envelope):
    """What the consumer does with a delivery, minus the broker and the inbox: open the event's flow, load the
    payload through the catalog and run the handler in one unit of work."""
    with flow_context(envelope.correlation_id, str(envelope.id), envelope.id):
        with app.extensions["erp_db"].unit_of_work() as session:
            HANDLERS[envelope.type](session, envelope, catalog.load(envelope.type, envelope.data))
    return envelope


def post(app, event_type, payload):
    return deliver(app, envelope_for(event_type, payload))


def entries_for(app, source_document):
    with app.extensions["erp_db"].unit_of_work() as session:
        return session.execute(select(JournalEntry).where(JournalEntry.source_document == source_document)
                               ).scalars().all()


def journal_posted_events(app, entry_id):
    with app.extensions["erp_db"].unit_of_work() as session:
        bodies = session.execute(select(outbox.c.body).where(outbox.c.event_type == "finance.journal_posted.v1")
                                 ).scalars().all()
    return [e for e in map(parse_envelope, bodies) if e.subject == str(entry_id)]


def trial_balance(client, erp_tokens, **params):
    response = client.get("/reports/trial-balance", query_string=params, headers=erp_tokens.headers("viewer"))
    assert response.status_code == 200, response.json
    return response.json


def ap_subledger(client, erp_tokens, **params):
    response = client.get("/reports/ap-subledger", query_string=params, headers=erp_tokens.headers("viewer"))
    assert response.status_code == 200, response.json
    return response.json


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T10:00:00+00:00")


def test_receipt_invoice_and_payment_leave_balanced_books(app, client, erp_tokens, documents):
    """Dated 2001, before anything else this session posts, so the trial balance as of 2001 is this flow alone."""
    post(app, "procurement.supplier_created.v1", {
        "id": documents.supplier_id, "code": f"SUP-{documents.tag}", "name": "Acme Metals",
        "payment_terms_days": 30, "active": True})
    post(app, RECEIVED, documents.goods_received("1000.00", received_at=at("2001-03-01")))
    post(app, INVOICED, documents.supplier_invoice_posted("800.00", "20.00", invoice_date=date(2001, 3, 5)))
    post(app, PAID, documents.supplier_payment_made("500.00", paid_at=at("2001-03-10")))

    report = trial_balance(client, erp_tokens, as_of="2001-12-31")
    balances = {a["code"]: (a["debit"], a["credit"], a["balance"]) for a in report["accounts"]}
    assert balances["1200"] == ("1000.00", "0.00", "1000.00"), "inventory = value received"
    assert balances["2100"] == ("800.00", "1000.00", "200.00"), "GRNI = received − invoiced at PO price"
    assert balances["2000"] == ("500.00", "820.00", "320.00"), "AP = invoiced − paid"
    assert balances["5200"] == ("20.00", "0.00", "20.00"), "price variance"
    assert balances["1000"] == ("0.00", "500.00", "-500.00"), "cash paid out"
    untouched = {code for code in balances if code not in {"1000", "1200", "2000", "2100", "5200"}}
    assert untouched and all(balances[code] == ("0.00", "0.00", "0.00") for code in untouched)
    assert report["total_debit"] == report["total_credit"] == "2320.00"
    grni = next(a for a in report["accounts"] if a["code"] == "2100")
    assert (grni["name"], grni["account_type"]) == ("Goods received not invoiced (GRNI)", "liability")

    before_payment = {a["code"]: a["balance"]
                      for a in trial_balance(client, erp_tokens, as_of="2001-03-09")["accounts"]}
    assert (before_payment["2000"], before_payment["1000"]) == ("820.00", "0.00")

    subledger = ap_subledger(client, erp_tokens, as_of="2001-12-31")
    assert subledger["suppliers"] == [{"supplier_id": str(documents.supplier_id),
                                       "supplier_code": f"SUP-{documents.tag}", "supplier_name": "Acme Metals",
                                       "balance": "320.00"}]
    assert subledger["total"] == subledger["control_account_balance"] == "320.00"
    assert subledger["control_account"] == "2000"


def test_the_whole_ledger_balances_and_the_subledger_agrees_with_its_control_account(app, client, erp_tokens,
                                                                                       documents):
    post(app, INVOICED, documents.supplier_invoice_posted("300.00", "-12.50"))
    report = trial_balance(client, erp_tokens)
    assert report["as_of"] is None and report["total_debit"] == report["total_credit"]
    subledger = ap_subledger(client, erp_tokens)
    assert subledger["total"] == subledger["control_account_balance"] == \
        next(a["balance"] for a in report["accounts"] if a["code"] == "2000")
    unreplicated = ap_subledger(client, erp_tokens, supplier_id=str(documents.supplier_id))
    assert unreplicated["suppliers"] == [{"supplier_id": str(documents.supplier_id), "supplier_code": None,
                                          "supplier_name": None, "balance": "287.50"}]
    assert unreplicated["total"] == unreplicated["control_account_balance"] == "287.50"
    assert ap_subledger(client, erp_tokens, supplier_id=str(uuid.uuid4())) == {
        "as_of": None, "suppliers": [], "total": "0.00", "control_account": "2000", "control_account_balance": "0.00"}


def test_the_same_event_delivered_twice_posts_once(app, documents):
    envelope = post(app, INVOICED, documents.supplier_invoice_posted("400.00", "5.00"))
    deliver(app, envelope)
    [entry] = entries_for(app, envelope.data["invoice_no"])
    with app.extensions["erp_db"].unit_of_work() as session:
        subledger = session.execute(select(ApLedgerEntry).where(ApLedgerEntry.entry_id == entry.id)).scalars().all()
        lines = session.execute(select(func.count()).where(JournalLine.entry_id == entry.id)).scalar_one()
    assert lines == 3
    assert [(row.supplier_id, row.amount, row.kind, row.document) for row in subledger] == \
        [(documents.supplier_id, Decimal("405.00"), "supplier_invoice", envelope.data["invoice_no"])]
    assert len(journal_posted_events(app, entry.id)) == 1


def test_a_new_event_for_an_already_posted_document_posts_nothing_and_takes_no_number(app, documents):
    payload = documents.goods_received("250.00")
    first = post(app, RECEIVED, payload)
    again = post(app, RECEIVED, payload)
    assert again.id != first.id
    [entry] = entries_for(app, payload["receipt_no"])
    assert entry.source_event_id == first.id
    following = post(app, RECEIVED, documents.goods_received("1.00"))
    [next_entry] = entries_for(app, following.data["receipt_no"])
    prefix, year, number = entry.entry_no.split("-")
    assert (prefix, year) == ("JE", str(datetime.now(timezone.utc).year))
    assert next_entry.entry_no == f"JE-{year}-{int(number) + 1:06d}", "a skipped duplicate leaves no gap"


def test_concurrent_deliveries_of_one_document_post_it_once_without_a_gap(app, documents):
    """Worker replicas compete on the queue, so copies of a document's event can be handled at the same time."""
    payload = documents.goods_received("99.00")
    copies = [envelope_for(RECEIVED, payload) for _ in range(8)]
    with ThreadPoolExecutor(len(copies)) as pool:
        list(pool.map(lambda envelope: deliver(app, envelope), copies))
    [entry] = entries_for(app, payload["receipt_no"])
    assert entry.source_event_id in {envelope.id for envelope in copies}
    following = post(app, RECEIVED, documents.goods_received("1.00"))
    [next_entry] = entries_for(app, following.data["receipt_no"])
    assert int(next_entry.entry_no.rsplit("-", 1)[1]) == int(entry.entry_no.rsplit("-", 1)[1]) + 1


def test_each_entry_is_published_as_journal_posted_naming_its_cause(app, documents):
    envelope = post(app, PAID, documents.supplier_payment_made("75.25"))
    [entry] = entries_for(app, envelope.data["payment_no"])
    assert (entry.kind, entry.source_type, entry.source_event_id, entry.correlation_id, entry.supplier_id) == \
        ("supplier_payment", PAID, envelope.id, envelope.correlation_id, documents.supplier_id)
    assert entry.entry_no.startswith("JE-") and entry.posted_at.tzinfo is not None
    [published] = journal_posted_events(app, entry.id)
    assert published.id == uuid.uuid5(envelope.id, "finance.journal_posted.v1"), "stable if the handler reruns"
    assert (published.correlation_id, published.causation_id) == (envelope.correlation_id, str(envelope.id))
    data = catalog.load(published.type, published.data)
    assert (data["entry_id"], data["entry_no"], data["kind"], data["source_document"], data["source_event_id"],
            data["entry_date"]) == (entry.id, entry.entry_no, "supplier_payment", envelope.data["payment_no"],
                                    envelope.id, entry.entry_date)
    assert [(line["account_code"], line["debit"], line["credit"]) for line in data["lines"]] == \
        [("2000", Decimal("75.25"), Decimal("0")), ("1000", Decimal("0"), Decimal("75.25"))]


def test_a_receipt_with_nothing_accepted_posts_nothing(app, documents):
    envelope = post(app, RECEIVED, documents.goods_received("0.00"))
    assert entries_for(app, envelope.data["receipt_no"]) == []


def outbox_size(app):
    with app.extensions["erp_db"].unit_of_work() as session:
        return session.execute(select(func.count()).select_from(outbox)).scalar_one()


def test_an_event_that_can_never_balance_is_refused_for_good_and_leaves_nothing(app, documents):
    before = outbox_size(app)
    envelope = envelope_for(INVOICED, documents.supplier_invoice_posted("100.00", "1.00", total_amount="100.00"))
    with pytest.raises(PermanentEventError, match="does not balance"):
        deliver(app, envelope)
    assert entries_for(app, envelope.data["invoice_no"]) == [] and outbox_size(app) == before


@pytest.mark.parametrize("problem", ["missing", "inactive"])
def test_posting_to_an_account_that_is_missing_or_inactive_is_refused_for_good(app, client, erp_tokens, documents,
                                                                             problem):
    code = "1999"
    if problem == "inactive":
        created = client.post("/accounts", json={"code": "1998", "name": "Retired stock", "account_type": "asset"},
                              headers=erp_tokens.headers("accounting"))
        assert created.status_code == 201, created.json
        assert client.post(f"/accounts/{created.json['id']}/deactivate",
                           headers=erp_tokens.headers("accounting")).status_code == 200
        code = "1998"
    envelope = envelope_for(RECEIVED, documents.goods_received("10.00"))
    data = catalog.load(RECEIVED, envelope.data)
    entry = posting.goods_received(data, posting.PostingAccounts(inventory=code))
    with pytest.raises(PermanentEventError, match=f"account\\(s\\) {code} (not in the chart|are inactive)"):
        with app.extensions["erp_db"].unit_of_work() as session:
            post_journal_entry(session, entry, envelope)
    assert entries_for(app, data["receipt_no"]) == []


def test_a_receipt_is_posted_in_a_fixed_number_of_cached_statements(app, documents):
    """Posting goods receipts is finance's share of the procure-to-pay hot path (docs/performance.md)."""
    post(app, RECEIVED, documents.goods_received("10.00"))
    post(app, RECEIVED, documents.goods_received("11.00"))
    with recorded_statements(app.extensions["erp_db"].engine) as statements:
        envelope = post(app, RECEIVED, documents.goods_received("12.00"))
    assert len(statements) == 8 and all(s.cached for s in statements), describe(statements)
    assert len(entries_for(app, envelope.data["receipt_no"])) == 1
