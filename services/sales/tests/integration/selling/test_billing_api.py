"""Invoices, customer payments and the customer ledger through the API, with the events finance posts from,
and receivables feeding the credit check."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from erp_shared.events import catalog

YEAR = datetime.now(timezone.utc).year
TODAY = datetime.now(timezone.utc).date()


def delivered(selling, *lines, customer=None, deliver=None):
    """A reserved order with `deliver` (default: everything) delivered."""
    order = selling.reserved(*lines, customer=customer or selling.customer())
    amounts = deliver or [line["quantity"] for line in order["lines"]]
    response = selling.deliver(order, *[{"order_line_id": line["id"], "quantity": quantity}
                                        for line, quantity in zip(order["lines"], amounts) if quantity != "0"])
    assert response.status_code == 201, response.json
    return selling.order(order)


def invoice(selling, order, expect=201, headers=None, **body):
    response = selling.client.post(f"/sales-orders/{order['id']}/invoices", json=body,
                                   headers=headers or selling.accountant)
    assert response.status_code == expect, response.json
    return response.json


def pay(selling, customer, amount, *allocations, expect=201, headers=None, **body):
    response = selling.client.post("/customer-payments", json={
        "customer_id": customer["id"], "amount": amount, **body,
        "allocations": [{"invoice_id": inv["id"], "amount": value} for inv, value in allocations]},
        headers=headers or selling.accountant)
    assert response.status_code == expect, response.json
    return response.json


def test_an_invoice_bills_the_delivered_quantities_with_tax_per_line(selling):
    order = delivered(selling, selling.line(quantity="10", unit_price="19.99", discount_pct="10", tax_rate="20"),
                      selling.line(quantity="4", unit_price="2.50", tax_rate="7"), deliver=["6", "0"])
    issued = invoice(selling, order)
    assert issued["number"].startswith(f"INV-{YEAR}-") and issued["order_number"] == order["number"]
    assert issued["invoice_date"] == str(TODAY) and issued["due_date"] == str(TODAY + timedelta(days=30))
    assert [(l["quantity"], l["net_amount"], l["tax_amount"]) for l in issued["lines"]] == [
        ("6.0000", "107.95", "21.59")]
    assert (issued["net_total"], issued["tax_total"], issued["total_amount"], issued["status"]) == (
        "107.95", "21.59", "129.54", "open")
    after = selling.order(order)
    assert after["status"] == "partially_delivered" and after["invoiced_amount"] == "129.54"
    assert after["lines"][0]["quantity_invoiced"] == "6.0000"
    [event] = selling.events(issued["id"], "sales.invoice_issued.v1")
    data = catalog.load(event.type, event.data)          # the contract finance posts Dr 1100 / Cr 4000, 2200 from
    assert data["invoice_no"] == issued["number"] and str(data["order_id"]) == order["id"]
    assert (data["net_total"], data["tax_total"], data["total"]) == (
        Decimal("107.95"), Decimal("21.59"), Decimal("129.54"))
    assert data["total"] == data["net_total"] + data["tax_total"] and event.sequence == 1
    assert [(l["quantity"], l["discount_pct"], l["tax_rate"]) for l in data["lines"]] == [
        (Decimal("6"), Decimal("10"), Decimal("20"))]
    nothing = invoice(selling, order, expect=409)
    assert nothing["status"] == 409 and len(selling.events(issued["id"])) == 1


def test_invoices_and_payments_settle_the_order_to_paid(selling):
    customer = selling.customer()
    order = delivered(selling, selling.line(quantity="2", unit_price="50", tax_rate="10"), customer=customer)
    issued = invoice(selling, order, due_date=str(TODAY + timedelta(days=14)))
    assert selling.order(order)["status"] == "invoiced" and issued["total_amount"] == "110.00"
    part = pay(selling, customer, "60.00", (issued, "60.00"), reference="wire 77")
    assert part["number"].startswith(f"RCPT-{YEAR}-") and part["allocations"][0]["invoice_no"] == issued["number"]
    assert selling.client.get(f"/invoices/{issued['id']}", headers=selling.viewer).json["status"] == "open"
    assert selling.order(order)["status"] == "invoiced"
    assert pay(selling, customer, "50.00", (issued, "50.00"), headers=selling.seller, expect=403)["status"] == 403
    rest = pay(selling, customer, "50.00", (issued, "50.00"), headers=selling.admin)
    paid = selling.client.get(f"/invoices/{issued['id']}", headers=selling.viewer).json
    assert (paid["status"], paid["amount_paid"], paid["open_amount"]) == ("paid", "110.00", "0.00")
    assert selling.order(order)["status"] == "paid"
    [event] = selling.events(rest["id"], "sales.customer_payment_received.v1")
    data = catalog.load(event.type, event.data)          # Dr 1000 / Cr 1100
    assert data["amount"] == Decimal("50.00") and data["allocations"][0]["invoice_no"] == issued["number"]
    assert str(data["customer_id"]) == customer["id"]
    over = pay(selling, customer, "0.01", (issued, "0.01"), expect=422)
    assert set(over["errors"]) == {"allocations[0].invoice_id"}


def test_payment_refusals_name_the_field(selling):
    customer = selling.customer()
    issued = invoice(selling, delivered(selling, selling.line(quantity="1", unit_price="100"), customer=customer))
    too_much = pay(selling, customer, "100.01", (issued, "100.01"), expect=422)
    assert set(too_much["errors"]) == {"allocations[0].amount"}
    short = pay(selling, customer, "100.00", (issued, "60.00"), expect=422)
    assert set(short["errors"]) == {"amount"}
    stranger = pay(selling, selling.customer(), "1.00", (issued, "1.00"), expect=422)
    assert set(stranger["errors"]) == {"allocations[0].invoice_id"} and "another customer" in stranger["detail"]
    future = pay(selling, customer, "1.00", (issued, "1.00"), expect=422,
                 received_at=(datetime.now(timezone.utc) + timedelta(hours=1)).isoformat())
    assert set(future["errors"]) == {"received_at"}
    shapes = pay(selling, customer, "-1", (issued, "0"), expect=422)
    assert {"amount", "allocations"} <= set(shapes["errors"])
    unknown = pay(selling, {"id": str(uuid.uuid4())}, "1.00", (issued, "1.00"), expect=422)
    assert set(unknown["errors"]) == {"customer_id"}
    assert selling.client.get(f"/invoices/{issued['id']}", headers=selling.viewer).json["amount_paid"] == "0.00"


def test_billing_roles_idempotency_and_unknown_ids(selling):
    customer = selling.customer()
    order = delivered(selling, selling.line(quantity="1", unit_price="10"), customer=customer)
    assert selling.client.post(f"/sales-orders/{order['id']}/invoices", json={}).status_code == 401
    assert invoice(selling, order, expect=403, headers=selling.clerk)["status"] == 403
    assert invoice(selling, {"id": str(uuid.uuid4())}, expect=404)["status"] == 404
    headers = {**selling.accountant, "Idempotency-Key": f"inv-{uuid.uuid4()}"}
    first = invoice(selling, order, headers=headers)
    assert invoice(selling, order, headers=headers) == first
    pay_headers = {**selling.accountant, "Idempotency-Key": f"pay-{uuid.uuid4()}"}
    receipt = pay(selling, customer, "5.00", (first, "5.00"), headers=pay_headers)
    assert pay(selling, customer, "5.00", (first, "5.00"), headers=pay_headers) == receipt
    assert selling.client.get(f"/invoices/{first['id']}", headers=selling.viewer).json["amount_paid"] == "5.00"
    assert pay(selling, customer, "1.00", (first, "1.00"), headers=selling.viewer, expect=403)["status"] == 403
    for url in (f"/invoices/{uuid.uuid4()}", f"/customer-payments/{uuid.uuid4()}",
                f"/customers/{uuid.uuid4()}/ledger", f"/sales-orders/{uuid.uuid4()}/invoices"):
        assert selling.client.get(url, headers=selling.viewer).status_code == 404


def test_lists_of_invoices_and_payments(selling):
    customer = selling.customer()
    first = invoice(selling, delivered(selling, selling.line(quantity="1", unit_price="10"), customer=customer))
    second = invoice(selling, delivered(selling, selling.line(quantity="1", unit_price="20"), customer=customer))
    receipt = pay(selling, customer, "10.00", (first, "10.00"))
    listed = selling.client.get(f"/invoices?customer_id={customer['id']}", headers=selling.viewer).json
    assert [i["number"] for i in listed] == [second["number"], first["number"]]
    open_only = selling.client.get(f"/invoices?customer_id={customer['id']}&status=open", headers=selling.viewer).json
    assert [i["id"] for i in open_only] == [second["id"]]
    of_order = selling.client.get(f"/sales-orders/{first['sales_order_id']}/invoices", headers=selling.viewer).json
    assert [i["id"] for i in of_order] == [first["id"]]
    payments = selling.client.get(f"/customer-payments?customer_id={customer['id']}", headers=selling.viewer).json
    assert payments == [selling.client.get(f"/customer-payments/{receipt['id']}", headers=selling.viewer).json]


def test_the_ledger_shows_balance_open_items_and_ageing(selling):
    customer = selling.customer()
    old = invoice(selling, delivered(selling, selling.line(quantity="1", unit_price="100"), customer=customer),
                  invoice_date=str(TODAY - timedelta(days=70)), due_date=str(TODAY - timedelta(days=40)))
    new = invoice(selling, delivered(selling, selling.line(quantity="1", unit_price="30"), customer=customer))
    pay(selling, customer, "25.00", (old, "25.00"), reference="cheque 12",
        received_at=(datetime.now(timezone.utc) - timedelta(days=10)).isoformat())
    response = selling.client.get(f"/customers/{customer['id']}/ledger", headers=selling.viewer)
    assert response.status_code == 200, response.json
    ledger = response.json
    assert [(e["kind"], e["number"], e["amount"], e["balance"]) for e in ledger["entries"]] == [
        ("invoice", old["number"], "100.00", "100.00"), ("payment", ledger["entries"][1]["number"], "-25.00", "75.00"),
        ("invoice", new["number"], "30.00", "105.00")]
    assert ledger["open_balance"] == "105.00" and ledger["entries"][1]["reference"] == "cheque 12"
    assert [(i["number"], i["open_amount"], i["days_overdue"]) for i in ledger["open_items"]] == [
        (old["number"], "75.00", 40), (new["number"], "30.00", 0)]
    assert ledger["ageing"] == {"current": "30.00", "1_30": "0.00", "31_60": "75.00", "61_90": "0.00",
                                "over_90": "0.00"}
    earlier = selling.client.get(f"/customers/{customer['id']}/ledger?as_of={TODAY - timedelta(days=20)}",
                                 headers=selling.viewer).json
    assert earlier["open_balance"] == "100.00" and [i["open_amount"] for i in earlier["open_items"]] == ["100.00"]


def test_open_receivables_count_toward_credit_exposure(selling):
    customer = selling.customer(credit_limit="150.00")
    issued = invoice(selling, delivered(selling, selling.line(quantity="1", unit_price="100"), customer=customer))
    held = selling.act(selling.draft(selling.line(quantity="1", unit_price="60"), customer=customer), "confirm")
    assert held["status"] == "credit_hold" and held["credit_exposure"] == "160.00"   # 100 owed + 60 new
    pay(selling, customer, "40.00", (issued, "40.00"))
    confirmed = selling.act(selling.draft(selling.line(quantity="1", unit_price="60"), customer=customer), "confirm")
    # 60 still owed + the held order's 60 + 60 new = 180 > 150
    assert confirmed["status"] == "credit_hold" and confirmed["credit_exposure"] == "180.00"
    selling.act(held, "cancel", reason="customer withdrew")
    selling.act(confirmed, "cancel", reason="customer withdrew")
    ok = selling.act(selling.draft(selling.line(quantity="1", unit_price="90"), customer=customer), "confirm")
    assert ok["status"] == "confirmed" and ok["credit_exposure"] == "150.00"


def test_invoices_need_deliveries_and_no_future_date(selling):
    reserved = selling.reserved(selling.line(quantity="1"))
    assert invoice(selling, reserved, expect=409)["status"] == 409
    order = delivered(selling, selling.line(quantity="1", unit_price="10"))
    future = invoice(selling, order, expect=422, invoice_date=str(TODAY + timedelta(days=1)))
    assert set(future["errors"]) == {"invoice_date"}
    early_due = invoice(selling, order, expect=422, due_date=str(TODAY - timedelta(days=1)))
    assert set(early_due["errors"]) == {"due_date"}
