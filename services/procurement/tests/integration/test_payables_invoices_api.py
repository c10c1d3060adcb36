"""Supplier invoices through the service's HTTP API, on a real database: matching, the exceptions list and
its approval or rejection, the event finance posts from, and two invoices racing for the last received goods.

Purchase orders and receipts are written straight through the models (as the ordering use cases leave them),
so these tests depend on nothing but payables.
"""
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import select, text

from erp_shared.events import catalog, parse_envelope
from erp_shared.testing.waiting import wait_until
from procurement.models import (GoodsReceipt, GoodsReceiptLine, ProcurementSettings, PurchaseOrder, PurchaseOrderLine,
                                outbox)
from procurement.payables_matching import to_cents

INVOICE_POSTED = "procurement.supplier_invoice_posted.v1"
TODAY = datetime.now(timezone.utc).date()


@dataclass(frozen=True)
class Order:
    id: str
    number: str
    supplier_id: str
    line_ids: tuple[str, ...]


def db(app):
    return app.extensions["erp_db"]


@pytest.fixture(autouse=True)
def seeded_tolerances(app):
    """The tolerances the migration seeds (price 2 %, quantity 0 %), whatever another test changed; restored after."""
    with db(app).unit_of_work() as session:
        settings = session.get(ProcurementSettings, 1)
        before = settings.price_tolerance_pct, settings.quantity_tolerance_pct
        settings.price_tolerance_pct, settings.quantity_tolerance_pct = D("2.00"), D("0.00")
    yield
    with db(app).unit_of_work() as session:
        settings = session.get(ProcurementSettings, 1)
        settings.price_tolerance_pct, settings.quantity_tolerance_pct = before


def make_supplier(client, erp_tokens, terms=30):
    body = {"code": f"SUP-{uuid.uuid4().hex[:8]}", "name": "Acme Steel", "payment_terms_days": terms}
    response = client.post("/suppliers", json=body, headers=erp_tokens.headers("purchasing"))
    assert response.status_code == 201, response.json
    return response.json


def make_order(app, supplier_id, *lines, status="sent"):
    """A purchase order as purchasing leaves it; `lines` are (quantity, unit price) strings."""
    po_lines = [PurchaseOrderLine(id=uuid.uuid4(), line_no=n, item_id=uuid.uuid4(), quantity=D(q), unit_price=D(p),
                                  line_amount=to_cents(D(q) * D(p)), quantity_received=D(0), quantity_accepted=D(0),
                                  quantity_rejected=D(0), quantity_invoiced=D(0))
                for n, (q, p) in enumerate(lines, start=1)]
    order = PurchaseOrder(id=uuid.uuid4(), number=f"PO-T-{uuid.uuid4().hex[:12]}", supplier_id=uuid.UUID(supplier_id),
                          status=status, order_date=TODAY, created_by="buyer", created_by_name="Buyer", version=1,
                          total_amount=sum((line.line_amount for line in po_lines), D("0.00")), lines=po_lines)
    with db(app).unit_of_work() as session:
        session.add(order)
    return Order(str(order.id), order.number, supplier_id, tuple(str(line.id) for line in po_lines))


def receive(app, order, accepted):
    """A goods receipt as receiving books it: receipt rows at the PO price and the PO lines' running totals.
    `accepted` maps a line index to the quantity accepted."""
    with db(app).unit_of_work() as session:
        receipt_lines = []
        for index, quantity in accepted.items():
            po_line = session.get(PurchaseOrderLine, uuid.UUID(order.line_ids[index]), with_for_update=True)
            po_line.quantity_received += D(quantity)
            po_line.quantity_accepted += D(quantity)
            receipt_lines.append(GoodsReceiptLine(
                id=uuid.uuid4(), po_line_id=po_line.id, item_id=po_line.item_id, warehouse_id=uuid.uuid4(),
                quantity_received=D(quantity), quantity_accepted=D(quantity), quantity_rejected=D(0),
                unit_price=po_line.unit_price, accepted_amount=to_cents(D(quantity) * po_line.unit_price), days_late=0))
        session.add(GoodsReceipt(
            id=uuid.uuid4(), number=f"GRN-T-{uuid.uuid4().hex[:12]}", purchase_order_id=uuid.UUID(order.id),
            supplier_id=uuid.UUID(order.supplier_id), received_at=datetime.now(timezone.utc), received_by="clerk",
            total_accepted_amount=sum((line.accepted_amount for line in receipt_lines), D("0.00")),
            lines=receipt_lines))


def po_line(app, line_id):
    with db(app).unit_of_work() as session:
        return session.get(PurchaseOrderLine, uuid.UUID(line_id))


def invoice_body(order, *lines, ref=None, **extra):
    """`lines` are (line index, quantity, unit price)."""
    return {"supplier_id": order.supplier_id, "purchase_order_id": order.id,
            "supplier_invoice_ref": ref or f"INV-{uuid.uuid4().hex[:8]}", "invoice_date": TODAY.isoformat(),
            "lines": [{"po_line_id": order.line_ids[i], "quantity": q, "unit_price": p} for i, q, p in lines],
            **extra}


def enter(client, erp_tokens, body, user="clara", role="accounting", **headers):
    return client.post("/supplier-invoices", json=body,
                       headers={**erp_tokens.headers(role, username=user), **headers})


def decide(client, erp_tokens, invoice_id, action, user="anton", role="accounting", body=None):
    return client.post(f"/supplier-invoices/{invoice_id}/{action}", json=body,
                       headers=erp_tokens.headers(role, username=user))


def events_about(app, subject):
    with db(app).unit_of_work() as session:
        bodies = session.execute(select(outbox.c.body).order_by(outbox.c.id)).scalars().all()
    return [envelope for envelope in map(parse_envelope, bodies) if envelope.subject == subject]


@pytest.fixture()
def received_order(app, client, erp_tokens):
    """10 ordered at 10.00 and 5 at 3.3333, all received; terms of 45 days."""
    supplier = make_supplier(client, erp_tokens, terms=45)
    order = make_order(app, supplier["id"], ("10", "10.00"), ("5", "3.3333"))
    receive(app, order, {0: "10", 1: "5"})
    return order


def test_a_matching_invoice_is_posted_with_the_event_finance_books_from(app, client, erp_tokens, received_order):
    order = received_order
    response = enter(client, erp_tokens, invoice_body(order, (0, "10", "10.15"), (1, "3", "3.3333")))
    assert response.status_code == 201, response.json
    invoice = response.json
    assert invoice["status"] == "posted" and invoice["exceptions"] is None and invoice["posted_at"]
    assert invoice["number"].startswith(f"SINV-{datetime.now(timezone.utc).year}-")
    assert invoice["due_date"] == (TODAY + timedelta(days=45)).isoformat()
    assert [(line["amount"], line["grni_amount"], line["price_variance"]) for line in invoice["lines"]] == [
        ("101.50", "100.00", "1.50"), ("10.00", "10.00", "0.00")]
    assert (invoice["grni_amount"], invoice["price_variance"], invoice["total_amount"]) == ("110.00", "1.50", "111.50")
    assert invoice["open_amount"] == "111.50" and invoice["po_number"] == order.number
    assert po_line(app, order.line_ids[0]).quantity_invoiced == D("10")
    assert po_line(app, order.line_ids[1]).quantity_invoiced == D("3")
    [event] = events_about(app, invoice["id"])
    assert event.type == INVOICE_POSTED and event.sequence == 1 and event.source == "procurement"
    data = catalog.load(event.type, event.data)
    assert data["invoice_no"] == invoice["number"] and data["po_number"] == order.number
    assert (data["grni_amount"], data["price_variance"], data["total_amount"]) == (D("110.00"), D("1.50"), D("111.50"))
    assert [line["po_line_id"] for line in data["lines"]] == [uuid.UUID(i) for i in order.line_ids]
    assert client.get(f"/supplier-invoices/{invoice['id']}", headers=erp_tokens.headers("viewer")).json == invoice


def test_a_price_outside_tolerance_waits_until_someone_else_approves_it(app, client, erp_tokens, received_order):
    order = received_order
    invoice = enter(client, erp_tokens, invoice_body(order, (0, "10", "9.79"))).json
    assert invoice["status"] == "exception" and invoice["open_amount"] == "0.00" and invoice["posted_at"] is None
    assert [(e["line"], e["kind"], e["po_line_id"]) for e in invoice["exceptions"]] == [(0, "price", order.line_ids[0])]
    assert events_about(app, invoice["id"]) == [] and po_line(app, order.line_ids[0]).quantity_invoiced == 0
    waiting = client.get("/supplier-invoices", query_string={"status": "exception", "purchase_order_id": order.id},
                         headers=erp_tokens.headers("viewer")).json
    assert [i["id"] for i in waiting] == [invoice["id"]]

    same_user = decide(client, erp_tokens, invoice["id"], "approve", user="clara")
    assert same_user.status_code == 422 and same_user.content_type == "application/problem+json"
    approved = decide(client, erp_tokens, invoice["id"], "approve", user="anton")
    assert approved.status_code == 200, approved.json
    assert approved.json["status"] == "posted" and approved.json["approved_by"] and approved.json["approved_at"]
    assert approved.json["price_variance"] == "-2.10" and approved.json["exceptions"][0]["kind"] == "price"
    assert [e.type for e in events_about(app, invoice["id"])] == [INVOICE_POSTED]
    assert po_line(app, order.line_ids[0]).quantity_invoiced == D("10")
    again = decide(client, erp_tokens, invoice["id"], "approve", user="anton")
    assert again.status_code == 409 and again.content_type == "application/problem+json"


def test_a_quantity_exception_cannot_be_approved_before_the_goods_arrive(app, client, erp_tokens):
    supplier = make_supplier(client, erp_tokens)
    order = make_order(app, supplier["id"], ("10", "4.00"))
    receive(app, order, {0: "6"})
    invoice = enter(client, erp_tokens, invoice_body(order, (0, "10", "4.00"))).json
    assert invoice["status"] == "exception" and [e["kind"] for e in invoice["exceptions"]] == ["quantity"]
    early = decide(client, erp_tokens, invoice["id"], "approve")
    assert early.status_code == 422 and "receive the goods first" in early.json["detail"]
    assert "lines[0].quantity" in early.json["errors"]
    still = client.get(f"/supplier-invoices/{invoice['id']}", headers=erp_tokens.headers("viewer")).json
    assert still["status"] == "exception" and events_about(app, invoice["id"]) == []
    receive(app, order, {0: "4"})
    assert decide(client, erp_tokens, invoice["id"], "approve").json["status"] == "posted"
    assert po_line(app, order.line_ids[0]).quantity_invoiced == D("10")


def test_quantity_tolerance_comes_from_the_settings(app, client, erp_tokens, received_order):
    with db(app).unit_of_work() as session:
        session.get(ProcurementSettings, 1).quantity_tolerance_pct = D("10.00")
    within = enter(client, erp_tokens, invoice_body(received_order, (0, "11", "10.00")))
    assert within.json["status"] == "posted"
    beyond = enter(client, erp_tokens, invoice_body(received_order, (1, "5.6", "3.3333")))
    assert beyond.json["status"] == "exception"


def test_a_rejected_exception_keeps_the_reason_and_owes_nothing(app, client, erp_tokens, received_order):
    invoice = enter(client, erp_tokens, invoice_body(received_order, (0, "12", "10.00"))).json
    blank = decide(client, erp_tokens, invoice["id"], "reject", body={"reason": "  "})
    assert blank.status_code == 422 and "reason" in blank.json["errors"]
    rejected = decide(client, erp_tokens, invoice["id"], "reject", body={"reason": "two units were never sent"})
    assert rejected.status_code == 200, rejected.json
    assert rejected.json["status"] == "rejected" and rejected.json["open_amount"] == "0.00"
    assert rejected.json["exceptions"][-1]["kind"] == "rejected"
    assert rejected.json["exceptions"][-1]["detail"] == "two units were never sent"
    assert decide(client, erp_tokens, invoice["id"], "reject", body={"reason": "again"}).status_code == 409
    assert decide(client, erp_tokens, invoice["id"], "approve").status_code == 409
    assert events_about(app, invoice["id"]) == []
    posted = enter(client, erp_tokens, invoice_body(received_order, (0, "10", "10.00"), (1, "5", "3.3333")))
    assert posted.status_code == 201 and posted.json["status"] == "posted"


def test_a_suppliers_own_invoice_number_is_entered_once(app, client, erp_tokens, received_order):
    body = invoice_body(received_order, (0, "1", "10.00"), ref="ACME-4711")
    assert enter(client, erp_tokens, body).status_code == 201
    duplicate = enter(client, erp_tokens, body)
    assert duplicate.status_code == 409 and "supplier_invoice_ref" in duplicate.json["errors"]
    assert po_line(app, received_order.line_ids[0]).quantity_invoiced == D("1")
    other_supplier = make_supplier(client, erp_tokens)
    other_order = make_order(app, other_supplier["id"], ("1", "10.00"))
    receive(app, other_order, {0: "1"})
    assert enter(client, erp_tokens, invoice_body(other_order, (0, "1", "10.00"), ref="ACME-4711")).status_code == 201


def test_idempotency_key_replays_the_first_invoice(client, erp_tokens, received_order):
    body = invoice_body(received_order, (0, "2", "10.00"))
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first, second = enter(client, erp_tokens, body, **key), enter(client, erp_tokens, body, **key)
    assert first.status_code == second.status_code == 201
    assert second.json["id"] == first.json["id"] and second.headers["Idempotent-Replayed"] == "true"


def test_invoices_break_no_rule_about_their_order_and_lines(app, client, erp_tokens, received_order):
    order = received_order
    cases = [
        ({"lines": [{"po_line_id": order.line_ids[0], "quantity": "0", "unit_price": "-1"}], "invoice_date": "soon"},
         {"lines", "invoice_date"}),
        ({"supplier_id": str(uuid.uuid4())}, {"supplier_id"}),
        ({"due_date": (TODAY - timedelta(days=1)).isoformat()}, {"due_date"}),
        ({"lines": [{"po_line_id": str(uuid.uuid4()), "quantity": "1", "unit_price": "1"}]}, {"lines[0].po_line_id"}),
    ]
    for overrides, fields in cases:
        response = enter(client, erp_tokens, {**invoice_body(order, (0, "1", "10.00")), **overrides})
        assert response.status_code == 422 and set(response.json["errors"]) == fields, (overrides, response.json)
    other = make_order(app, make_supplier(client, erp_tokens)["id"], ("1", "1.00"))
    foreign = enter(client, erp_tokens, {**invoice_body(order, (0, "1", "10.00")), "purchase_order_id": other.id})
    assert foreign.status_code == 422 and set(foreign.json["errors"]) == {"purchase_order_id"}
    draft = make_order(app, order.supplier_id, ("1", "1.00"), status="draft")
    refused = enter(client, erp_tokens, invoice_body(draft, (0, "1", "1.00")))
    assert refused.status_code == 422 and "draft" in refused.json["detail"]
    listed = client.get("/supplier-invoices", query_string={"purchase_order_id": order.id},
                        headers=erp_tokens.headers("viewer"))
    assert listed.json == [] and json.loads(listed.headers["X-Pagination"])["total"] == 0


def test_unknown_invoices_are_not_found_and_roles_are_enforced(client, erp_tokens, received_order):
    unknown = uuid.uuid4()
    assert client.get(f"/supplier-invoices/{unknown}", headers=erp_tokens.headers("viewer")).status_code == 404
    assert decide(client, erp_tokens, unknown, "approve").status_code == 404
    body = invoice_body(received_order, (0, "1", "10.00"))
    assert client.post("/supplier-invoices", json=body).status_code == 401
    assert enter(client, erp_tokens, body, role="warehouse").status_code == 403
    entered = enter(client, erp_tokens, invoice_body(received_order, (0, "1", "20.00")), user="pia", role="purchasing")
    assert entered.status_code == 201 and entered.json["status"] == "exception"
    assert decide(client, erp_tokens, entered.json["id"], "approve", user="paul", role="purchasing").status_code == 403
    assert client.get("/supplier-invoices?status=lost", headers=erp_tokens.headers("viewer")).status_code == 422


def test_invoices_are_listed_in_the_order_asked_for(client, erp_tokens, received_order):
    earlier, later = (TODAY - timedelta(days=3)).isoformat(), (TODAY - timedelta(days=1)).isoformat()
    numbers = []
    for quantity, invoice_date in (("2", earlier), ("1", later), ("3", earlier)):
        entered = enter(client, erp_tokens, invoice_body(received_order, (0, quantity, "10.00"),
                                                         invoice_date=invoice_date))
        assert entered.status_code == 201, entered.json
        numbers.append(entered.json["number"])

    def listed(sort):
        response = client.get("/supplier-invoices", query_string={"purchase_order_id": received_order.id,
                                                                  "sort": sort}, headers=erp_tokens.headers("viewer"))
        assert response.status_code == 200, response.json
        return [invoice["number"] for invoice in response.json]

    assert listed("total_amount") == [numbers[1], numbers[0], numbers[2]]
    assert listed("-total_amount") == [numbers[2], numbers[0], numbers[1]]
    assert listed("invoice_date,-number") == [numbers[2], numbers[0], numbers[1]]
    assert listed("-invoice_date,number") == [numbers[1], numbers[0], numbers[2]]
    bad = client.get("/supplier-invoices?sort=amount_paid,purchase_order_id", headers=erp_tokens.headers("viewer"))
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"sort"}


def test_two_invoices_racing_for_the_last_received_goods_only_one_matches(app, erp_tokens, received_order):
    """Both requests queue on the PO line's lock (held here until both wait on it); the second sees the first's
    invoiced quantity and becomes an exception instead of invoicing the goods twice."""
    order = received_order
    holder = db(app).session()
    holder.execute(select(PurchaseOrderLine).where(PurchaseOrderLine.id == uuid.UUID(order.line_ids[0]))
                   .with_for_update())

    def waiting_on_locks():
        with db(app).engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND wait_event_type = 'Lock'")).scalar_one() >= 2

    def race(ref):
        return enter(app.test_client(), erp_tokens, invoice_body(order, (0, "10", "10.00"), ref=ref))

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(race, ref) for ref in ("RACE-A", "RACE-B")]
        try:
            wait_until(waiting_on_locks, message="both invoices should be waiting on the PO line")
        finally:
            holder.rollback()
            holder.close()
        responses = [future.result() for future in futures]
    assert sorted(r.status_code for r in responses) == [201, 201]
    assert sorted(r.json["status"] for r in responses) == ["exception", "posted"]
    assert po_line(app, order.line_ids[0]).quantity_invoiced == D("10")
