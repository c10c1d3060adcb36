"""Stock adjustments posted through the handlers the worker runs: a transfer loss and a count's gains and losses
reach 5100 and 1200 in balanced entries, nothing is posted for a transfer that lost nothing, and each document
is posted once however often its event arrives (the inbox is bypassed on purpose: the business key alone must
hold)."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

from sqlalchemy import func, select

from erp_shared.events import catalog, flow_context, new_event
from finance.handlers import HANDLERS
from finance.models import JournalEntry, JournalLine

RECEIVED, COUNTED = "inventory.transfer_received.v1", "inventory.count_posted.v1"
IN_2004 = datetime(2004, 2, 10, 12, 0, tzinfo=timezone.utc)       # a year no other test posts in


def envelope_for(event_type, payload):
    flow = f"flow-{uuid.uuid4()}"
    with flow_context(flow, flow):
        return new_event(event_type, payload, subject=str(uuid.uuid4()), sequence=3)


def deliver(app, envelope):
    with flow_context(envelope.correlation_id, str(envelope.id), envelope.id):
        with app.extensions["erp_db"].unit_of_work() as session:
            HANDLERS[envelope.type](session, envelope, catalog.load(envelope.type, envelope.data))
    return envelope


def transfer_received(total_loss, number):
    return {"transfer_id": uuid.uuid4(), "transfer_no": number, "from_warehouse_id": uuid.uuid4(),
            "to_warehouse_id": uuid.uuid4(), "received_at": IN_2004,
            "lines": [{"transfer_line_id": uuid.uuid4(), "item_id": uuid.uuid4(), "batch_no": None,
                       "quantity_shipped": D("3"), "quantity_received": D("2"), "quantity_lost": D("1"),
                       "value_received": D("6.67"), "value_lost": D(total_loss)}],
            "total_loss": D(total_loss)}


def count_posted(gain, loss, number):
    return {"count_id": uuid.uuid4(), "count_no": number, "warehouse_id": uuid.uuid4(),
            "snapshot_at": IN_2004 - timedelta(hours=3), "posted_at": IN_2004,
            "lines": [{"count_line_id": uuid.uuid4(), "item_id": uuid.uuid4(), "batch_no": "LOT-1",
                       "book_quantity": D("10"), "counted_quantity": D("12"), "variance": D("2"),
                       "unit_cost": D("2"), "value": D(gain)},
                      {"count_line_id": uuid.uuid4(), "item_id": uuid.uuid4(), "batch_no": None,
                       "book_quantity": D("3"), "counted_quantity": D("2"), "variance": D("-1"),
                       "unit_cost": D("3.333333"), "value": -D(loss)}],
            "total_gain": D(gain), "total_loss": D(loss)}


def entries_for(app, number):
    with app.extensions["erp_db"].unit_of_work() as session:
        entries = session.execute(select(JournalEntry).where(JournalEntry.source_document == number)).scalars().all()
        return [(entry.kind, entry.source_type, [
            (line.account_code, line.debit, line.credit) for line in session.execute(
                select(JournalLine).where(JournalLine.entry_id == entry.id).order_by(JournalLine.line_no)).scalars()])
            for entry in entries]


def moved_in_2004(client, erp_tokens) -> dict:
    before = client.get("/reports/trial-balance", query_string={"as_of": "2003-12-31"},
                        headers=erp_tokens.headers("viewer")).json["accounts"]
    after = client.get("/reports/trial-balance", query_string={"as_of": "2004-12-31"},
                       headers=erp_tokens.headers("viewer")).json["accounts"]
    start = {a["code"]: (D(a["debit"]), D(a["credit"])) for a in before}
    return {a["code"]: (D(a["debit"]) - start[a["code"]][0], D(a["credit"]) - start[a["code"]][1]) for a in after}


def test_a_transfer_loss_and_a_count_post_once_to_5100_and_1200(app, client, erp_tokens):
    tag = uuid.uuid4().hex[:6].upper()
    transfer_no, whole_no, count_no = f"TR-{tag}-1", f"TR-{tag}-2", f"CC-{tag}-1"
    lost = deliver(app, envelope_for(RECEIVED, transfer_received("3.33", transfer_no)))
    deliver(app, lost)                                                        # the same event again
    deliver(app, envelope_for(RECEIVED, transfer_received("3.33", transfer_no)))   # re-sent under a new id
    deliver(app, envelope_for(RECEIVED, transfer_received("0.00", whole_no)))
    counted = deliver(app, envelope_for(COUNTED, count_posted("4.00", "3.33", count_no)))
    deliver(app, counted)

    assert entries_for(app, transfer_no) == [("transfer_loss", RECEIVED, [("5100", D("3.33"), D("0.00")),
                                                                          ("1200", D("0.00"), D("3.33"))])]
    assert entries_for(app, whole_no) == []
    assert entries_for(app, count_no) == [("count_adjustment", COUNTED, [
        ("1200", D("4.00"), D("0.00")), ("5100", D("0.00"), D("4.00")),
        ("5100", D("3.33"), D("0.00")), ("1200", D("0.00"), D("3.33"))])]
    moved = moved_in_2004(client, erp_tokens)
    assert moved["5100"] == (D("6.66"), D("4.00")) and moved["1200"] == (D("4.00"), D("6.66"))
    assert sum(d for d, _ in moved.values()) == sum(c for _, c in moved.values())


def test_the_journal_lists_the_adjustments_by_kind(app, client, erp_tokens):
    number = f"CC-{uuid.uuid4().hex[:6].upper()}"
    deliver(app, envelope_for(COUNTED, count_posted("0.00", "1.50", number)))
    response = client.get("/journal-entries", query_string={"source_document": number},
                          headers=erp_tokens.headers("viewer"))
    [entry] = response.json
    assert (entry["kind"], entry["entry_date"]) == ("count_adjustment", "2004-02-10")
    with app.extensions["erp_db"].unit_of_work() as session:
        assert session.execute(select(func.count()).select_from(JournalEntry)
                               .where(JournalEntry.source_document == number)).scalar_one() == 1
