"""Paying suppliers and reading what is owed, through the service's HTTP API on a real database: payment
allocation and invoice statuses, the payment event, the supplier ledger with its ageing, open balances per
supplier and goods received not invoiced.

Purchase orders and their receipts are written straight through the models, as the ordering use cases leave
them; invoices are entered through the API.
"""
import json
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import insert, select

from erp_shared.events import catalog, parse_envelope
from procurement.models import (GoodsReceipt, GoodsReceiptLine, ProcurementSettings, PurchaseOrder, PurchaseOrderLine,
                                SupplierInvoice, item_replica, outbox)
from procurement.payables_matching import to_cents

PAYMENT_MADE = "procurement.supplier_payment_made.v1"
NOW = datetime.now(timezone.utc)
TODAY = NOW.date()


def db(app):
    return app.extensions["erp_db"]


@pytest.fixture(autouse=True)
def seeded_tolerances(app):
    """Price 2 %, quantity 0 % (the seeded defaults), whatever another test changed; restored after."""
    with db(app).unit_of_work() as session:
        settings = session.get(ProcurementSettings, 1)
        before = settings.price_tolerance_pct, settings.quantity_tolerance_pct
        settings.price_tolerance_pct, settings.quantity_tolerance_pct = D("2.00"), D("0.00")
    yield
    with db(app).unit_of_work() as session:
        settings = session.get(ProcurementSettings, 1)
        settings.price_tolerance_pct, settings.quantity_tolerance_pct = before


@pytest.fixture()
def supplier(client, erp_tokens):
    body = {"code": f"SUP-{uuid.uuid4().hex[:8]}", "name": "Bolt & Nut Ltd", "payment_terms_days": 30}
    return client.post("/suppliers", json=body, headers=erp_tokens.headers("purchasing")).json


def received_line(app, supplier_id, price, *receipts):
    """A sent one-line PO at `price`, ordered as much as `receipts` bring in, one goods receipt per quantity.
    Returns the PO and its line."""
    ordered = sum((D(q) for q in receipts), D(0)) or D(1)
    line = PurchaseOrderLine(id=uuid.uuid4(), line_no=1, item_id=uuid.uuid4(), quantity=ordered, unit_price=D(price),
                             line_amount=to_cents(ordered * D(price)), quantity_received=D(0),
                             quantity_accepted=D(0), quantity_rejected=D(0), quantity_invoiced=D(0))
    order = PurchaseOrder(id=uuid.uuid4(), number=f"PO-T-{uuid.uuid4().hex[:12]}", supplier_id=uuid.UUID(supplier_id),
                          status="sent", order_date=TODAY, created_by="buyer", created_by_name="Buyer", version=1,
                          total_amount=line.line_amount, lines=[line])
    with db(app).unit_of_work() as session:
        session.add(order)
        session.flush()  # receipts name the order by id only, so the order must be written first
        for quantity in map(D, receipts):
            line.quantity_received += quantity
            line.quantity_accepted += quantity
            amount = to_cents(quantity * line.unit_price)
            session.add(GoodsReceipt(
                id=uuid.uuid4(), number=f"GRN-T-{uuid.uuid4().hex[:12]}", purchase_order_id=order.id,
                supplier_id=order.supplier_id, received_at=NOW, received_by="clerk", total_accepted_amount=amount,
                lines=[GoodsReceiptLine(id=uuid.uuid4(), po_line_id=line.id, item_id=line.item_id,
                                        warehouse_id=uuid.uuid4(), quantity_received=quantity,
                                        quantity_accepted=quantity, quantity_rejected=D(0), unit_price=line.unit_price,
                                        accepted_amount=amount, days_late=0)]))
    return order, line


def enter_invoice(client, erp_tokens, order, line, quantity, price, days_ago=0, due_in=None):
    body = {"supplier_id": str(order.supplier_id), "purchase_order_id": str(order.id),
            "supplier_invoice_ref": f"INV-{uuid.uuid4().hex[:8]}",
            "invoice_date": (TODAY - timedelta(days=days_ago)).isoformat(),
            "lines": [{"po_line_id": str(line.id), "quantity": quantity, "unit_price": price}]}
    if due_in is not None:
        body["due_date"] = (TODAY - timedelta(days=days_ago) + timedelta(days=due_in)).isoformat()
    response = client.post("/supplier-invoices", json=body, headers=erp_tokens.headers("accounting", username="clara"))
    assert response.status_code == 201, response.json
    return response.json


def posted_invoice(app, client, erp_tokens, supplier_id, total, days_ago=0, due_in=30):
    order, line = received_line(app, supplier_id, total, "1")
    invoice = enter_invoice(client, erp_tokens, order, line, "1", total, days_ago, due_in)
    assert invoice["status"] == "posted", invoice
    return invoice


def pay(client, erp_tokens, supplier_id, amount, *allocations, role="accounting", **extra):
    body = {"supplier_id": supplier_id, "amount": amount, "reference": "BANK-1",
            "allocations": [{"invoice_id": invoice_id, "amount": part} for invoice_id, part in allocations], **extra}
    return client.post("/supplier-payments", json=body, headers=erp_tokens.headers(role, username="pat"))


def invoice_state(client, erp_tokens, invoice):
    seen = client.get(f"/supplier-invoices/{invoice['id']}", headers=erp_tokens.headers("viewer")).json
    return seen["status"], seen["amount_paid"], seen["open_amount"]


def test_a_payment_settles_invoices_partly_and_fully_and_tells_finance(app, client, erp_tokens, supplier):
    first = posted_invoice(app, client, erp_tokens, supplier["id"], "100.00")
    second = posted_invoice(app, client, erp_tokens, supplier["id"], "50.00")
    response = pay(client, erp_tokens, supplier["id"], "120", (first["id"], "70"), (second["id"], "50.00"))
    assert response.status_code == 201, response.json
    payment = response.json
    assert payment["number"].startswith(f"PAY-{NOW.year}-") and payment["amount"] == "120.00"
    assert [(a["invoice_no"], a["amount"]) for a in payment["allocations"]] == [
        (first["number"], "70.00"), (second["number"], "50.00")]
    assert invoice_state(client, erp_tokens, first) == ("posted", "70.00", "30.00")
    assert invoice_state(client, erp_tokens, second) == ("paid", "50.00", "0.00")
    with db(app).unit_of_work() as session:
        bodies = session.execute(select(outbox.c.body).where(outbox.c.event_type == PAYMENT_MADE)).scalars().all()
    [event] = [e for e in map(parse_envelope, bodies) if e.subject == payment["id"]]
    data = catalog.load(event.type, event.data)
    assert event.sequence == 1 and data["payment_no"] == payment["number"] and data["amount"] == D("120.00")
    assert [(a["invoice_no"], a["amount"]) for a in data["allocations"]] == [
        (first["number"], D("70.00")), (second["number"], D("50.00"))]

    rest = pay(client, erp_tokens, supplier["id"], "30.00", (first["id"], "30.00"))
    assert rest.status_code == 201 and invoice_state(client, erp_tokens, first) == ("paid", "100.00", "0.00")
    again = pay(client, erp_tokens, supplier["id"], "1.00", (first["id"], "1.00"))
    assert again.status_code == 422 and set(again.json["errors"]) == {"allocations[0].invoice_id"}
    listed = client.get("/supplier-payments", query_string={"supplier_id": supplier["id"]},
                        headers=erp_tokens.headers("viewer"))
    assert {p["id"] for p in listed.json} == {payment["id"], rest.json["id"]}
    assert json.loads(listed.headers["X-Pagination"])["total"] == 2
    assert client.get(f"/supplier-payments/{payment['id']}", headers=erp_tokens.headers("viewer")).json == payment


def test_a_payment_breaking_a_rule_changes_nothing(app, client, erp_tokens, supplier):
    invoice = posted_invoice(app, client, erp_tokens, supplier["id"], "80.00")
    other_supplier = client.post("/suppliers", json={"code": f"SUP-{uuid.uuid4().hex[:8]}", "name": "Other"},
                                 headers=erp_tokens.headers("purchasing")).json
    foreign = posted_invoice(app, client, erp_tokens, other_supplier["id"], "10.00")
    order, line = received_line(app, supplier["id"], "10.00", "1")
    waiting = enter_invoice(client, erp_tokens, order, line, "1", "20.00")
    tomorrow = (NOW + timedelta(days=1)).isoformat()
    cases = [
        (("80.01", (invoice["id"], "80.01")), {}, {"allocations[0].amount"}),
        (("50.00", (invoice["id"], "40.00")), {}, {"amount"}),
        (("10.00", (foreign["id"], "10.00")), {}, {"allocations[0].invoice_id"}),
        (("20.00", (waiting["id"], "20.00")), {}, {"allocations[0].invoice_id"}),
        (("10.00", (invoice["id"], "10.00")), {"paid_at": tomorrow}, {"paid_at"}),
        (("0", (invoice["id"], "0")), {}, {"amount", "allocations"}),
        (("10.00",), {}, {"allocations"}),
        (("10.00", (invoice["id"], "10.00")), {"supplier_id": str(uuid.uuid4())}, {"supplier_id"}),
    ]
    for args, extra, fields in cases:
        response = pay(client, erp_tokens, extra.pop("supplier_id", supplier["id"]), *args, **extra)
        assert response.status_code == 422 and set(response.json["errors"]) == fields, (args, response.json)
    assert invoice_state(client, erp_tokens, invoice) == ("posted", "0.00", "80.00")
    assert client.get("/supplier-payments", query_string={"supplier_id": supplier["id"]},
                      headers=erp_tokens.headers("viewer")).json == []


def test_payments_need_accounting_and_replay_under_their_idempotency_key(app, client, erp_tokens, supplier):
    invoice = posted_invoice(app, client, erp_tokens, supplier["id"], "10.00")
    body = {"supplier_id": supplier["id"], "amount": "10.00", "allocations": [{"invoice_id": invoice["id"],
                                                                              "amount": "10.00"}]}
    assert client.post("/supplier-payments", json=body).status_code == 401
    assert pay(client, erp_tokens, supplier["id"], "10.00", (invoice["id"], "10.00"),
               role="purchasing").status_code == 403
    headers = {**erp_tokens.headers("accounting"), "Idempotency-Key": str(uuid.uuid4())}
    first = client.post("/supplier-payments", json=body, headers=headers)
    second = client.post("/supplier-payments", json=body, headers=headers)
    assert first.status_code == second.status_code == 201 and first.json["id"] == second.json["id"]
    assert invoice_state(client, erp_tokens, invoice) == ("paid", "10.00", "0.00")
    assert client.get(f"/supplier-payments/{uuid.uuid4()}", headers=erp_tokens.headers("viewer")).status_code == 404


def test_the_supplier_ledger_runs_invoices_and_payments_and_ages_what_is_open(app, client, erp_tokens, supplier):
    """Five invoices falling due at different times and a part payment; read as of today and as of 50 days ago."""
    sid = supplier["id"]
    oldest = posted_invoice(app, client, erp_tokens, sid, "100.00", days_ago=130)        # due 100 days ago
    posted_invoice(app, client, erp_tokens, sid, "500.00", days_ago=100)                  # due 70 days ago
    posted_invoice(app, client, erp_tokens, sid, "200.00", days_ago=75)                   # due 45 days ago
    posted_invoice(app, client, erp_tokens, sid, "300.00", days_ago=40)                   # due 10 days ago
    posted_invoice(app, client, erp_tokens, sid, "400.00", days_ago=5)                    # due in 25 days
    paid_at = (NOW - timedelta(days=20)).isoformat()
    assert pay(client, erp_tokens, sid, "40.00", (oldest["id"], "40.00"), paid_at=paid_at).status_code == 201
    order, line = received_line(app, sid, "10.00", "1")
    enter_invoice(client, erp_tokens, order, line, "1", "99.00")  # an exception is not owed yet

    ledger = client.get(f"/suppliers/{sid}/ledger", headers=erp_tokens.headers("viewer")).json
    assert ledger["supplier"]["code"] == supplier["code"] and ledger["as_of"] == TODAY.isoformat()
    assert [(e["kind"], e["amount"], e["balance"]) for e in ledger["entries"]] == [
        ("invoice", "100.00", "100.00"), ("invoice", "500.00", "600.00"), ("invoice", "200.00", "800.00"),
        ("invoice", "300.00", "1100.00"), ("payment", "-40.00", "1060.00"), ("invoice", "400.00", "1460.00")]
    assert ledger["open_balance"] == "1460.00"
    assert ledger["ageing"] == {"current": "400.00", "1_30": "300.00", "31_60": "200.00", "61_90": "500.00",
                                "over_90": "60.00"}
    assert [(i["open_amount"], i["days_overdue"], i["bucket"]) for i in ledger["open_items"]][0] == (
        "60.00", 100, "over_90")

    earlier = client.get(f"/suppliers/{sid}/ledger", query_string={"as_of": (TODAY - timedelta(days=50)).isoformat()},
                         headers=erp_tokens.headers("viewer")).json
    assert earlier["open_balance"] == "800.00" and len(earlier["entries"]) == 3
    assert earlier["ageing"] == {"current": "200.00", "1_30": "500.00", "31_60": "100.00", "61_90": "0.00",
                                 "over_90": "0.00"}
    unknown = client.get(f"/suppliers/{uuid.uuid4()}/ledger", headers=erp_tokens.headers("viewer"))
    assert unknown.status_code == 404 and unknown.content_type == "application/problem+json"


def test_supplier_balances_add_up_to_their_total(app, client, erp_tokens, supplier):
    invoice = posted_invoice(app, client, erp_tokens, supplier["id"], "100.00", days_ago=10)
    assert pay(client, erp_tokens, supplier["id"], "30.00", (invoice["id"], "30.00")).status_code == 201
    report = client.get("/reports/supplier-balances", headers=erp_tokens.headers("viewer")).json
    mine = [row for row in report["suppliers"] if row["supplier_id"] == supplier["id"]]
    assert [(row["supplier_code"], row["open_balance"]) for row in mine] == [(supplier["code"], "70.00")]
    assert D(report["total"]) == sum(D(row["open_balance"]) for row in report["suppliers"])
    with db(app).unit_of_work() as session:
        owed = session.execute(select(SupplierInvoice.total_amount - SupplierInvoice.amount_paid).where(
            SupplierInvoice.status.in_(("posted", "paid")))).scalars().all()
    assert D(report["total"]) == sum(owed, D("0.00"))
    before = client.get("/reports/supplier-balances", query_string={"as_of": (TODAY - timedelta(days=11)).isoformat()},
                        headers=erp_tokens.headers("viewer")).json
    assert supplier["id"] not in {row["supplier_id"] for row in before["suppliers"]}


def test_grni_is_received_value_less_invoiced_value_from_the_stored_amounts(app, client, erp_tokens, supplier):
    """Two receipts of 5 at 3.333 put 16.67 each into GRNI (33.34); invoicing 4 then 6 clears 13.33 and 20.00,
    so 0.01 stays in GRNI, exactly as in finance's account 2100."""
    order, line = received_line(app, supplier["id"], "3.333", "5", "5")
    with db(app).unit_of_work() as session:
        session.execute(insert(item_replica).values(id=line.item_id, code=f"ITM-{uuid.uuid4().hex[:6]}", name="Bolt",
                                                    unit="pcs", item_type="stock", reorder_level=0,
                                                    reorder_quantity=0, active=True, sequence=1))
    enter_invoice(client, erp_tokens, order, line, "4", "3.333")
    enter_invoice(client, erp_tokens, order, line, "2", "5.00")  # an exception clears nothing

    def grni_of_order():
        report = client.get("/reports/grni", query_string={"purchase_order_id": str(order.id)},
                            headers=erp_tokens.headers("viewer")).json
        return [(row["item_name"], row["quantity_accepted"], row["quantity_invoiced"], row["received_value"],
                 row["invoiced_value"], row["value"]) for row in report["lines"]], report["total"]

    assert grni_of_order() == ([("Bolt", "10.0000", "4.0000", "33.34", "13.33", "20.01")], "20.01")
    enter_invoice(client, erp_tokens, order, line, "6", "3.333")
    assert grni_of_order() == ([("Bolt", "10.0000", "10.0000", "33.34", "33.33", "0.01")], "0.01")

    settled_order, settled_line = received_line(app, supplier["id"], "2.00", "3")
    enter_invoice(client, erp_tokens, settled_order, settled_line, "3", "2.00")
    report = client.get("/reports/grni", query_string={"supplier_id": supplier["id"]},
                        headers=erp_tokens.headers("viewer")).json
    assert [row["po_number"] for row in report["lines"]] == [order.number]
    everything = client.get("/reports/grni", headers=erp_tokens.headers("viewer")).json
    assert D(everything["total"]) == sum(D(row["value"]) for row in everything["lines"])
