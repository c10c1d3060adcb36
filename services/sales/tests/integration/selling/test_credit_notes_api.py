"""Credit notes through the API: crediting an invoice line in parts down to the last cent, the refusals by
field, the event finance posts from, and the invoice's open amount, the customer ledger and credit exposure."""
import re
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from erp_shared.events import catalog

YEAR = datetime.now(timezone.utc).year
TODAY = datetime.now(timezone.utc).date()


def invoiced(selling, *lines, customer=None, **body):
    """An invoice (by accounting) for a reserved order delivered in full."""
    order = selling.reserved(*lines, customer=customer or selling.customer())
    delivery = selling.deliver(order, *[{"order_line_id": line["id"], "quantity": line["quantity"]}
                                        for line in order["lines"]])
    assert delivery.status_code == 201, delivery.json
    response = selling.client.post(f"/sales-orders/{order['id']}/invoices", json=body, headers=selling.accountant)
    assert response.status_code == 201, response.json
    return response.json


def credit(selling, invoice, *lines, expect=201, headers=None, reason="goods returned damaged", **body):
    """`lines`: (invoice line, quantity) pairs."""
    response = selling.client.post(f"/invoices/{invoice['id']}/credit-notes", json={
        "reason": reason, **body, "lines": [{"invoice_line_id": line["id"], "quantity": quantity}
                                            for line, quantity in lines]}, headers=headers or selling.accountant)
    assert response.status_code == expect, response.json
    return response.json


def pay(selling, invoice, amount):
    response = selling.client.post("/customer-payments", json={
        "customer_id": invoice["customer_id"], "amount": amount,
        "allocations": [{"invoice_id": invoice["id"], "amount": amount}]}, headers=selling.accountant)
    assert response.status_code == 201, response.json


def read(selling, url):
    response = selling.client.get(url, headers=selling.viewer)
    assert response.status_code == 200, response.json
    return response.json


def test_a_line_credited_in_thirds_gives_back_exactly_what_was_billed(selling):
    billed = invoiced(selling, selling.line(quantity="3", unit_price="3.3333", tax_rate="20"),
                      selling.line(quantity="2", unit_price="10", tax_rate="10"))
    thirds, other = billed["lines"]
    assert (thirds["net_amount"], thirds["tax_amount"], billed["total_amount"]) == ("10.00", "2.00", "34.00")
    first = credit(selling, billed, (thirds, "1"), headers=selling.seller)
    assert re.fullmatch(rf"CN-{YEAR}-\d{{6}}", first["number"]) and first["invoice_number"] == billed["number"]
    assert (first["credit_date"], first["reason"], first["issued_by"]) == (str(TODAY), "goods returned damaged",
                                                                          "seller-sam")
    assert [(l["invoice_line_id"], l["quantity"], l["net_amount"], l["tax_amount"]) for l in first["lines"]] == [
        (thirds["id"], "1.0000", "3.33", "0.67")]
    second = credit(selling, billed, (thirds, "1"))
    last = credit(selling, billed, (thirds, "1"))
    assert [(l["net_amount"], l["tax_amount"]) for l in last["lines"]] == [("3.34", "0.66")]   # not 3.33 / 0.67
    assert [(n["net_total"], n["tax_total"], n["total_amount"]) for n in (first, second, last)] == [
        ("3.33", "0.67", "4.00")] * 2 + [("3.34", "0.66", "4.00")]
    after = read(selling, f"/invoices/{billed['id']}")
    assert (after["amount_credited"], after["open_amount"], after["status"]) == ("12.00", "22.00", "open")
    more = credit(selling, billed, (thirds, "0.0001"), expect=422)
    assert set(more["errors"]) == {"lines[0].quantity"}
    listed = read(selling, f"/invoices/{billed['id']}/credit-notes")
    assert [n["number"] for n in listed] == [first["number"], second["number"], last["number"]]
    assert read(selling, f"/credit-notes/{last['id']}") == last
    assert other["id"] not in {l["invoice_line_id"] for n in listed for l in n["lines"]}


def test_the_event_carries_the_credit_note_for_finance(selling):
    billed = invoiced(selling, selling.line(quantity="4", unit_price="19.99", discount_pct="10", tax_rate="20"))
    issued = credit(selling, billed, (billed["lines"][0], "1.5"), reason="price agreed after delivery")
    [event] = selling.events(issued["id"], "sales.credit_note_issued.v1")   # parse_envelope, like a consumer
    assert event.sequence == 1 and event.subject == issued["id"]
    data = catalog.load(event.type, event.data)         # finance posts Dr 4000 / Dr 2200 / Cr 1100 from this
    assert (data["credit_note_no"], str(data["invoice_id"]), str(data["customer_id"])) == (
        issued["number"], billed["id"], billed["customer_id"])
    assert (data["credit_date"], data["reason"]) == (TODAY, "price agreed after delivery")
    # 1.5 × 19.99 × 0.9 = 26.9865 → 26.99; 20% = 5.398 → 5.40
    assert (data["net_total"], data["tax_total"], data["total"]) == (Decimal("26.99"), Decimal("5.40"),
                                                                     Decimal("32.39"))
    [line] = data["lines"]
    assert (str(line["invoice_line_id"]), str(line["order_line_id"]), line["quantity"], line["unit_price"],
            line["discount_pct"], line["tax_rate"]) == (
        billed["lines"][0]["id"], billed["lines"][0]["order_line_id"], Decimal("1.5"), Decimal("19.99"),
        Decimal("10"), Decimal("20"))


def test_refusals_name_the_field_and_change_nothing(selling):
    billed = invoiced(selling, selling.line(quantity="2", unit_price="10"), invoice_date=str(TODAY - timedelta(days=5)))
    stranger = invoiced(selling, selling.line(quantity="1", unit_price="10"))
    [line] = billed["lines"]
    over = credit(selling, billed, (line, "2.0001"), expect=422)
    assert set(over["errors"]) == {"lines[0].quantity"}
    foreign = credit(selling, billed, (line, "1"), (stranger["lines"][0], "1"), ({"id": str(uuid.uuid4())}, "1"),
                     expect=422)
    assert set(foreign["errors"]) == {"lines[1].invoice_line_id", "lines[2].invoice_line_id"}
    twice = credit(selling, billed, (line, "1"), (line, "1"), expect=422)
    assert set(twice["errors"]) == {"lines[1].invoice_line_id"}
    for credit_date in (TODAY + timedelta(days=1), TODAY - timedelta(days=6)):
        dated = credit(selling, billed, (line, "1"), credit_date=str(credit_date), expect=422)
        assert set(dated["errors"]) == {"credit_date"}
    for reason in ("", " ", "x" * 501):
        assert set(credit(selling, billed, (line, "1"), reason=reason, expect=422)["errors"]) == {"reason"}
    shapes = credit(selling, billed, (line, "0"), expect=422)
    assert set(shapes["errors"]) == {"lines"}
    assert set(credit(selling, billed, expect=422)["errors"]) == {"lines"}
    untouched = read(selling, f"/invoices/{billed['id']}")
    assert (untouched["amount_credited"], untouched["open_amount"]) == ("0.00", "20.00")
    assert read(selling, f"/invoices/{billed['id']}/credit-notes") == []
    dated = credit(selling, billed, (line, "2"), credit_date=str(TODAY - timedelta(days=5)), reason="x" * 500)
    assert dated["credit_date"] == str(TODAY - timedelta(days=5)) and dated["total_amount"] == "20.00"


def test_payments_and_credits_together_settle_the_invoice_and_its_order(selling):
    billed = invoiced(selling, selling.line(quantity="2", unit_price="50", tax_rate="10"))     # 110.00
    assert read(selling, f"/sales-orders/{billed['sales_order_id']}")["status"] == "invoiced"
    [line] = billed["lines"]
    pay(selling, billed, "55.01")
    refund = credit(selling, billed, (line, "1"), expect=422)          # 55.00 > the 54.99 still open
    assert set(refund["errors"]) == {"lines"} and "refund a paid invoice is not supported" in refund["detail"]
    part = credit(selling, billed, (line, "0.5"))                       # 27.50
    pay(selling, billed, "27.49")
    assert read(selling, f"/invoices/{billed['id']}")["open_amount"] == "0.00"
    assert read(selling, f"/invoices/{billed['id']}")["status"] == "paid"
    assert read(selling, f"/sales-orders/{billed['sales_order_id']}")["status"] == "paid"
    assert part["total_amount"] == "27.50"
    settled = invoiced(selling, selling.line(quantity="2", unit_price="50", tax_rate="10"))
    pay(selling, settled, "55.00")
    credit(selling, settled, (settled["lines"][0], "1"))                # the credit settles the rest
    after = read(selling, f"/invoices/{settled['id']}")
    assert (after["status"], after["amount_paid"], after["amount_credited"]) == ("paid", "55.00", "55.00")
    assert read(selling, f"/sales-orders/{settled['sales_order_id']}")["status"] == "paid"
    paid_up = credit(selling, settled, (settled["lines"][0], "1"), expect=422)
    assert "refund a paid invoice is not supported" in paid_up["detail"]


def test_credit_notes_lower_the_ledger_and_credit_exposure(selling):
    customer = selling.customer(credit_limit="150.00")
    billed = invoiced(selling, selling.line(quantity="4", unit_price="25"), customer=customer,
                      invoice_date=str(TODAY - timedelta(days=10)))
    issued = credit(selling, billed, (billed["lines"][0], "2"), credit_date=str(TODAY - timedelta(days=3)))
    ledger = read(selling, f"/customers/{customer['id']}/ledger")
    assert [(e["kind"], e["number"], e["reference"], e["amount"], e["balance"]) for e in ledger["entries"]] == [
        ("invoice", billed["number"], None, "100.00", "100.00"),
        ("credit_note", issued["number"], billed["number"], "-50.00", "50.00")]
    assert ledger["entries"][1]["date"] == str(TODAY - timedelta(days=3)) and ledger["open_balance"] == "50.00"
    assert [(i["number"], i["open_amount"]) for i in ledger["open_items"]] == [(billed["number"], "50.00")]
    assert ledger["ageing"]["current"] == "50.00"
    before = read(selling, f"/customers/{customer['id']}/ledger?as_of={TODAY - timedelta(days=4)}")
    assert before["open_balance"] == "100.00" and [i["open_amount"] for i in before["open_items"]] == ["100.00"]
    # exposure: 50.00 still owed + 100.00 new = 150.00, within the limit (without the credit: 200.00)
    order = selling.act(selling.draft(selling.line(quantity="1", unit_price="100"), customer=customer), "confirm")
    assert (order["status"], order["credit_exposure"]) == ("confirmed", "150.00")


def test_credit_note_roles_idempotency_and_unknown_ids(selling):
    billed = invoiced(selling, selling.line(quantity="3", unit_price="10"))
    [line] = billed["lines"]
    body = {"reason": "short delivery", "lines": [{"invoice_line_id": line["id"], "quantity": "1"}]}
    url = f"/invoices/{billed['id']}/credit-notes"
    assert selling.client.post(url, json=body).status_code == 401
    for headers in (selling.clerk, selling.viewer):
        assert selling.client.post(url, json=body, headers=headers).status_code == 403
    assert selling.client.post(f"/invoices/{uuid.uuid4()}/credit-notes", json=body,
                               headers=selling.accountant).status_code == 404
    headers = {**selling.accountant, "Idempotency-Key": f"cn-{uuid.uuid4()}"}
    first = selling.client.post(url, json=body, headers=headers)
    again = selling.client.post(url, json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201) and again.json == first.json
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert [n["id"] for n in read(selling, url)] == [first.json["id"]]
    assert len(selling.events(first.json["id"], "sales.credit_note_issued.v1")) == 1
    assert read(selling, f"/invoices/{billed['id']}")["amount_credited"] == "10.00"
    assert selling.client.post(url, json=body, headers=selling.admin).status_code == 201
    for unknown in (f"/credit-notes/{uuid.uuid4()}", f"/invoices/{uuid.uuid4()}/credit-notes"):
        assert selling.client.get(unknown, headers=selling.viewer).status_code == 404
    assert selling.client.get(f"/credit-notes/{first.json['id']}").status_code == 401
