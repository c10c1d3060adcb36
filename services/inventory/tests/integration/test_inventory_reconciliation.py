"""The stock ledger against finance's 1200, from inventory's read model of finance.journal_posted events: at
zero when every stock document is posted, with each difference explained by source document when one is not
(or is posted without a stock movement, or for another amount), a duplicate event counted once, and both
sides dated by the same UTC day.

Each test works on days of its own far in the past, so the ledger rows of other tests (dated around now) fall
outside its periods and its opening balances."""
import itertools
import uuid
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from erp_shared.events import catalog, flow_context, new_event
from inventory.models import GlStockPosting
from inventory.reconciling import AMOUNTS_DIFFER, GL_ONLY, NOT_POSTED

JOURNAL_POSTED = "finance.journal_posted.v1"
STOCK_ISSUED, STOCK_RETURNED = "inventory.stock_issued.v1", "inventory.stock_returned.v1"
_days = itertools.count()


@pytest.fixture()
def day() -> date:
    """A day no other test's rows fall on or before: each test's a week before the one of the test before it."""
    return date(2012, 12, 31) - timedelta(days=7 * next(_days))


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.utc)


def journal(kind: str, document: str, entry_date: date, source_event_id, *lines, entry_id=None):
    """finance.journal_posted as finance publishes it."""
    entry_id = entry_id or uuid.uuid4()
    flow = f"req-{uuid.uuid4().hex[:12]}"
    with flow_context(flow, flow):
        return new_event(JOURNAL_POSTED, {
            "entry_id": entry_id, "entry_no": f"JE-2012-{uuid.uuid4().hex[:6]}", "kind": kind,
            "source_document": document, "source_event_id": source_event_id, "entry_date": entry_date,
            "lines": [{"account_code": account, "debit": D(debit), "credit": D(credit)}
                      for account, debit, credit in lines]}, subject=str(entry_id))


def stock(account, amount):
    """A line on `account`: positive is a debit, negative a credit."""
    amount = D(amount)
    return (account, max(amount, 0), max(-amount, 0))


@pytest.fixture()
def booked(receipts, sales, day):
    """On `day`: 10 received for 25.00, 4 delivered (10.00), 1 returned (2.50): the ledger moves 17.50."""
    item, store = receipts.item(), receipts.warehouse()
    receipt = receipts.event(receipts.line(item, store, "10", "2.50", batch_no="R-1"), received_at=at(day, 8))
    receipts.apply(receipt)
    line = sales.line(item, store, "4")
    order = sales.confirmed(line)
    receipts.apply(order)
    delivery_line = sales.delivery_line(line, "4")
    delivery = sales.delivered(order, delivery_line, delivered_at=at(day, 10))
    receipts.apply(delivery)
    goods_return = sales.returned(delivery, sales.return_line(delivery_line, "1"), returned_at=at(day, 23))
    receipts.apply(goods_return)
    documents = {"receipt": receipt.data["receipt_no"], "delivery": delivery.data["delivery_no"],
                 "return": goods_return.data["return_no"]}
    events = {"receipt": receipt, "delivery": delivery, "return": goods_return}
    postings = {
        "receipt": journal("goods_receipt", documents["receipt"], day, receipt.id, stock("1200", "25.00"),
                           stock("2100", "-25.00")),
        "delivery": journal("delivery_cost", documents["delivery"], day, uuid.uuid4(), stock("5000", "10.00"),
                            stock("1200", "-10.00")),
        "return": journal("return_cost", documents["return"], day, uuid.uuid4(), stock("1200", "2.50"),
                          stock("5000", "-2.50")),
    }
    return documents, events, postings


def reconcile(client, erp_tokens, date_from=None, date_to=None, **paging):
    query = "&".join(f"{k}={v}" for k, v in {"date_from": date_from, "date_to": date_to, **paging}.items() if v)
    response = client.get(f"/reconciliation/stock-to-gl?{query}", headers=erp_tokens.headers("accounting"))
    assert response.status_code == 200, response.json
    return response.json


def test_the_ledger_and_the_gl_agree_when_every_stock_document_is_posted(client, erp_tokens, receipts, booked, day):
    documents, events, postings = booked
    for posting in postings.values():
        receipts.apply(posting)
    receipts.apply(journal("customer_invoice", "INV-2012-1", day, uuid.uuid4(), stock("1100", "113.00"),
                           stock("4000", "-100.00"), stock("2200", "-13.00")))     # not on 1200: not kept
    result = reconcile(client, erp_tokens, day, day)
    assert (result["date_from"], result["date_to"], result["account_code"]) == (day.isoformat(), day.isoformat(),
                                                                                "1200")
    assert result["ledger"] == {"opening": "0.00", "movement": "17.50", "closing": "17.50"}
    assert result["gl"] == {"opening": "0.00", "movement": "17.50", "closing": "17.50"}
    assert result["difference"] == {"opening": "0.00", "movement": "0.00", "closing": "0.00"}
    assert (result["status"], result["explanation_count"], result["explanations"]) == ("balanced", 0, [])

    later = reconcile(client, erp_tokens, day + timedelta(days=1), day + timedelta(days=2))
    assert later["ledger"] == later["gl"] == {"opening": "17.50", "movement": "0.00", "closing": "17.50"}
    assert later["status"] == "balanced"


def test_a_missing_posting_is_a_difference_explained_by_its_document(client, erp_tokens, receipts, booked, day):
    documents, events, postings = booked
    receipts.apply(postings["receipt"])
    receipts.apply(postings["delivery"])               # the return's posting has not arrived
    result = reconcile(client, erp_tokens, day, day)
    assert result["ledger"]["closing"] == "17.50" and result["gl"]["closing"] == "15.00"
    assert result["difference"] == {"opening": "0.00", "movement": "2.50", "closing": "2.50"}
    assert result["status"] == "differences"
    assert result["explanations"] == [{
        "source_document": documents["return"], "first_date": day.isoformat(), "ledger_value": "2.50",
        "gl_amount": "0.00", "difference": "2.50", "reason": NOT_POSTED,
        "source_event_ids": [str(events["return"].id)], "move_types": ["return"], "entry_nos": [],
        "gl_kinds": []}]

    receipts.apply(postings["return"])                 # finance catches up
    assert reconcile(client, erp_tokens, day, day)["status"] == "balanced"


def test_gl_only_postings_and_different_amounts_are_told_apart(client, erp_tokens, receipts, booked, day):
    documents, events, postings = booked
    receipts.apply(postings["receipt"])
    receipts.apply(postings["return"])
    short = journal("delivery_cost", documents["delivery"], day, uuid.uuid4(), stock("5000", "9.99"),
                    stock("1200", "-9.99"))
    stray = journal("goods_receipt", "GRN-2012-NOSTOCK", day, uuid.uuid4(), stock("1200", "40.00"),
                    stock("2100", "-40.00"))
    for posting in (short, stray):
        receipts.apply(posting)
    result = reconcile(client, erp_tokens, day, day)
    assert result["difference"]["movement"] == "-40.01"
    explained = {e["source_document"]: e for e in result["explanations"]}
    assert set(explained) == {documents["delivery"], "GRN-2012-NOSTOCK"}
    assert (explained[documents["delivery"]]["reason"], explained[documents["delivery"]]["ledger_value"],
            explained[documents["delivery"]]["gl_amount"], explained[documents["delivery"]]["difference"],
            explained[documents["delivery"]]["entry_nos"], explained[documents["delivery"]]["move_types"]) == (
        AMOUNTS_DIFFER, "-10.00", "-9.99", "-0.01", [short.data["entry_no"]], ["delivery"])
    assert (explained["GRN-2012-NOSTOCK"]["reason"], explained["GRN-2012-NOSTOCK"]["difference"],
            explained["GRN-2012-NOSTOCK"]["source_event_ids"], explained["GRN-2012-NOSTOCK"]["gl_kinds"]) == (
        GL_ONLY, "-40.00", [], ["goods_receipt"])
    page = client.get(f"/reconciliation/stock-to-gl?date_from={day}&date_to={day}&page_size=1&page=2",
                      headers=erp_tokens.headers("viewer"))
    assert len(page.json["explanations"]) == 1 and page.json["explanation_count"] == 2
    assert '"total": 2' in page.headers["X-Pagination"]


def test_a_duplicate_journal_posted_event_counts_once(db, client, erp_tokens, receipts, booked, day):
    documents, events, postings = booked
    for posting in postings.values():
        receipts.apply(posting)
    receipts.apply(postings["receipt"])                # redelivered past the inbox
    with db.unit_of_work() as session:
        assert session.execute(select(func.count()).select_from(GlStockPosting).where(
            GlStockPosting.entry_id == postings["receipt"].data["entry_id"])).scalar_one() == 1
    result = reconcile(client, erp_tokens, day, day)
    assert result["gl"]["closing"] == "17.50" and result["status"] == "balanced"


def test_each_side_counts_on_its_utc_day(client, erp_tokens, receipts, booked, day):
    """The return moved at 23:00 UTC on `day`; a GL entry dated the next day leaves `day` unexplained until
    the period takes both days in."""
    documents, events, postings = booked
    receipts.apply(postings["receipt"])
    receipts.apply(postings["delivery"])
    receipts.apply(journal("return_cost", documents["return"], day + timedelta(days=1), uuid.uuid4(),
                           stock("1200", "2.50"), stock("5000", "-2.50")))
    first_day = reconcile(client, erp_tokens, day, day)
    assert [(e["source_document"], e["reason"]) for e in first_day["explanations"]] == [
        (documents["return"], NOT_POSTED)]
    next_day = reconcile(client, erp_tokens, day + timedelta(days=1), day + timedelta(days=1))
    assert next_day["difference"] == {"opening": "2.50", "movement": "-2.50", "closing": "0.00"}
    assert [(e["source_document"], e["reason"]) for e in next_day["explanations"]] == [
        (documents["return"], GL_ONLY)]
    assert reconcile(client, erp_tokens, day, day + timedelta(days=1))["status"] == "balanced"


def test_finances_own_posting_rules_on_inventorys_events_reconcile_to_zero(client, erp_tokens, receipts, booked,
                                                                            day):
    """The entries finance's rules make of the very events (the receipt procurement sent, and the stock_issued
    and stock_returned inventory published) carry the ledger's documents, days and amounts."""
    posting = pytest.importorskip("finance.posting")
    documents, events, _ = booked
    made = [(posting.goods_received(catalog.load(events["receipt"].type, events["receipt"].data)),
             events["receipt"].id)]
    for source, event_type, rule in (("delivery", STOCK_ISSUED, posting.stock_issued),
                                     ("return", STOCK_RETURNED, posting.stock_returned)):
        [(published, data)] = receipts.envelopes(events[source].correlation_id, event_type)
        made.append((rule(data), published.id))
    for entry, source_event_id in made:
        receipts.apply(journal(entry.kind, entry.source_document, entry.entry_date, source_event_id,
                               *((line.account_code, line.debit, line.credit) for line in entry.lines)))
    assert sorted(entry.source_document for entry, _ in made) == sorted(documents.values())
    result = reconcile(client, erp_tokens, day, day)
    assert result["gl"]["movement"] == "17.50" and result["status"] == "balanced", result["explanations"]


def test_without_dates_it_runs_up_to_today(client, erp_tokens):
    result = reconcile(client, erp_tokens)
    assert result["date_from"] is None
    assert result["date_to"] == datetime.now(timezone.utc).date().isoformat()
    assert result["ledger"]["opening"] == result["gl"]["opening"] == "0.00"
    assert D(result["difference"]["closing"]) == D(result["ledger"]["closing"]) - D(result["gl"]["closing"])
    reversed_period = client.get("/reconciliation/stock-to-gl?date_from=2012-02-02&date_to=2012-02-01",
                                 headers=erp_tokens.headers("viewer"))
    assert reversed_period.status_code == 422
