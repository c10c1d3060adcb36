"""Procure to pay through the gateway: the books stay in step across procurement, inventory and finance.

Invariants (issue 4), checked on the whole system after each step, once the events have been applied:
inventory's stock value = GL 1200; AP subledger = GL 2000 = procurement's supplier balances;
GL 2100 = procurement's GRNI (received, not invoiced); total debits = total credits.
"""
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pika
import psycopg
import pytest
from sqlalchemy.engine import make_url

from erp_shared.messaging.broker import EVENTS_EXCHANGE
from erp_shared.testing.waiting import wait_until


def ok(response, status=200):
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


def books(system) -> dict:
    balances = {a["code"]: Decimal(a["balance"])
                for a in ok(system.call("GET", "/api/finance/reports/trial-balance", role="viewer"))["accounts"]}
    trial = ok(system.call("GET", "/api/finance/reports/trial-balance", role="viewer"))
    subledger = ok(system.call("GET", "/api/finance/reports/ap-subledger", role="accounting"))
    return {
        "stock_value": Decimal(ok(system.call("GET", "/api/inventory/stock/valuation", role="viewer"))["total_value"]),
        "gl_1200": balances["1200"], "gl_2100": balances["2100"], "gl_2000": balances["2000"],
        "gl_5200": balances["5200"], "gl_1000": balances["1000"],
        "ap_subledger": Decimal(subledger["total"]),
        "supplier_balances": Decimal(ok(system.call("GET", "/api/procurement/reports/supplier-balances",
                                                    role="viewer"))["total"]),
        "grni": Decimal(ok(system.call("GET", "/api/procurement/reports/grni", role="viewer"))["total"]),
        "debits": Decimal(trial["total_debit"]), "credits": Decimal(trial["total_credit"]),
    }


def in_step(b: dict) -> bool:
    return (b["stock_value"] == b["gl_1200"] and b["ap_subledger"] == b["gl_2000"] == b["supplier_balances"]
            and b["grni"] == b["gl_2100"] and b["debits"] == b["credits"])


def wait_for_books(system, expect=lambda b: True) -> dict:
    state = {}

    def probe():
        state["books"] = books(system)
        return in_step(state["books"]) and expect(state["books"])
    wait_until(probe, timeout=30, interval=0.3, message=lambda: f"books out of step: {state.get('books')}")
    return state["books"]


@pytest.fixture(scope="module")
def second_users(system):
    for role in ("purchasing", "accounting"):
        ok(system.call("POST", "/api/auth/users", json={"username": f"e2e-{role}-2", "password": "second-pass-123",
                                                         "roles": [role]}), 201)
    tokens = {}
    for role in ("purchasing", "accounting"):
        tokens[role] = ok(system.login(f"e2e-{role}-2", "second-pass-123"))["access_token"]
    return tokens


def as_second(tokens, role):
    return {"Authorization": f"Bearer {tokens[role]}"}


@pytest.fixture(scope="module")
def master(system):
    supplier = ok(system.call("POST", "/api/procurement/suppliers", role="purchasing", json={
        "code": unique("SUP"), "name": "华南金属 South China Metals", "payment_terms_days": 30}), 201)
    items = [ok(system.call("POST", "/api/inventory/items", role="warehouse", json={
        "code": unique("RM"), "name": name, "unit": "kg", "item_type": "raw_material", "reorder_level": "50",
        "reorder_quantity": "200"}), 201) for name in ("Copper rod", "Zinc ingot")]
    warehouses = [ok(system.call("POST", "/api/inventory/warehouses", role="warehouse", json={
        "code": unique("WH"), "name": name}), 201) for name in ("Main", "Overflow")]
    for item in items:
        wait_until(lambda: ok(system.call("GET", f"/api/procurement/read-models/items?id={item['id']}",
                                          role="viewer")), message="item not replicated to procurement")
    for warehouse in warehouses:
        wait_until(lambda: ok(system.call("GET", f"/api/procurement/read-models/warehouses?id={warehouse['id']}",
                                          role="viewer")), message="warehouse not replicated")
    return {"supplier": supplier, "items": items, "warehouses": warehouses}


def sent_order(system, master, lines, approver_headers=None, **header):
    order = ok(system.call("POST", "/api/procurement/purchase-orders", role="purchasing", json={
        "supplier_id": master["supplier"]["id"], "lines": lines, **header}), 201)
    submitted = ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/submit", role="purchasing"))
    if submitted["status"] == "submitted":
        ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/approve", role=None,
                       headers=approver_headers))
    ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/send", role="purchasing"))
    return order


def test_procure_to_pay_keeps_every_book_in_step(system, master, second_users):
    copper, zinc = master["items"]
    main, overflow = master["warehouses"]
    before = wait_for_books(system)
    order = sent_order(system, master, [
        {"item_id": copper["id"], "quantity": "100", "unit_price": "12.50", "expected_date": "2026-01-15"},
        {"item_id": zinc["id"], "quantity": "3", "unit_price": "3.3333"},
    ], approver_headers=as_second(second_users, "purchasing"), order_date="2026-01-05")
    copper_line, zinc_line = order["lines"]

    first = ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", role="warehouse", json={
        "lines": [{"po_line_id": copper_line["id"], "quantity_received": "60", "quantity_accepted": "55",
                   "quantity_rejected": "5", "batch_no": "B-001", "warehouse_id": main["id"]},
                  {"po_line_id": zinc_line["id"], "quantity_received": "3", "quantity_accepted": "3",
                   "quantity_rejected": "0", "warehouse_id": overflow["id"]}]}), 201)
    over = system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", role="warehouse", json={
        "lines": [{"po_line_id": copper_line["id"], "quantity_received": "50", "quantity_accepted": "50",
                   "quantity_rejected": "0", "warehouse_id": main["id"]}]})
    assert over.status_code == 422 and "lines[0].quantity_accepted" in over.json()["errors"]
    late = ok(system.call("GET", "/api/procurement/reports/late-deliveries", role="viewer"))
    assert first["number"] in json.dumps(late)
    received = wait_for_books(system, lambda b: b["gl_1200"] - before["gl_1200"] == Decimal("697.50"))
    assert received["grni"] - before["grni"] == Decimal("697.50")  # 55 × 12.50 + 3 × 3.3333 (= 10.00)

    entries = ok(system.call("GET", f"/api/finance/journal-entries?source_document={first['number']}", role="viewer"))
    assert len(entries) == 1
    lines = {(l["account_code"], l["debit"], l["credit"]) for l in entries[0]["lines"]}
    assert lines == {("1200", "697.50", "0.00"), ("2100", "0.00", "697.50")}
    moves = ok(system.call("GET", f"/api/inventory/stock-moves?source_document={first['number']}", role="viewer"))
    assert sorted(m["quantity"] for m in moves) == ["3.0000", "55.0000"]

    ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", role="warehouse", json={
        "lines": [{"po_line_id": copper_line["id"], "quantity_received": "45", "quantity_accepted": "45",
                   "quantity_rejected": "0", "batch_no": "B-002", "warehouse_id": main["id"]}]}), 201)
    invoice = ok(system.call("POST", "/api/procurement/supplier-invoices", role="accounting", json={
        "supplier_id": master["supplier"]["id"], "purchase_order_id": order["id"],
        "supplier_invoice_ref": unique("INV"), "invoice_date": "2026-11-20",
        "lines": [{"po_line_id": copper_line["id"], "quantity": "100", "unit_price": "12.60"}]}), 201)
    assert invoice["status"] == "posted"  # 0.8 % above the PO price, inside the 2 % tolerance
    invoiced = wait_for_books(system, lambda b: b["gl_2000"] - before["gl_2000"] == Decimal("1260.00"))
    assert invoiced["gl_5200"] - before["gl_5200"] == Decimal("10.00")
    assert invoiced["grni"] - before["grni"] == Decimal("10.00")  # only the zinc is received and not invoiced

    exception = ok(system.call("POST", "/api/procurement/supplier-invoices", role="accounting", json={
        "supplier_id": master["supplier"]["id"], "purchase_order_id": order["id"],
        "supplier_invoice_ref": unique("INV"), "invoice_date": "2026-11-21",
        "lines": [{"po_line_id": zinc_line["id"], "quantity": "3", "unit_price": "4.00"}]}), 201)
    assert exception["status"] == "exception"
    listed = ok(system.call("GET", "/api/procurement/supplier-invoices?status=exception&page_size=100", role="viewer"))
    assert exception["id"] in {i["id"] for i in listed}
    same_user = system.call("POST", f"/api/procurement/supplier-invoices/{exception['id']}/approve", role="accounting")
    assert same_user.status_code == 422
    approved = ok(system.call("POST", f"/api/procurement/supplier-invoices/{exception['id']}/approve", role=None,
                              headers=as_second(second_users, "accounting")))
    assert approved["status"] == "posted"
    wait_for_books(system, lambda b: b["grni"] == before["grni"]
                   and b["gl_2000"] - before["gl_2000"] == Decimal("1272.00"))

    ok(system.call("POST", "/api/procurement/supplier-payments", role="accounting", json={
        "supplier_id": master["supplier"]["id"], "amount": "1000.00", "reference": "TT-1",
        "allocations": [{"invoice_id": invoice["id"], "amount": "1000.00"}]}), 201)
    paid = wait_for_books(system, lambda b: b["gl_2000"] - before["gl_2000"] == Decimal("272.00"))
    assert paid["gl_1000"] - before["gl_1000"] == Decimal("-1000.00")
    ledger = ok(system.call("GET", f"/api/procurement/suppliers/{master['supplier']['id']}/ledger", role="viewer"))
    assert Decimal(ledger["open_balance"]) == Decimal("272.00")


def test_concurrent_receipts_never_over_receive(system, master, second_users):
    copper = master["items"][0]
    main = master["warehouses"][0]
    order = sent_order(system, master, [{"item_id": copper["id"], "quantity": "10", "unit_price": "2.00"}],
                       approver_headers=as_second(second_users, "purchasing"))
    line = order["lines"][0]

    def receive(_):
        return system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", role="warehouse",
                           json={"lines": [{"po_line_id": line["id"], "quantity_received": "2",
                                            "quantity_accepted": "2", "quantity_rejected": "0",
                                            "warehouse_id": main["id"]}]}).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(receive, range(8)))
    # Refused either as over-receipt (422) or, once the order is fully received, as a closed door (409).
    assert statuses.count(201) == 5 and set(statuses[5:]) <= {409, 422}, statuses
    fetched = ok(system.call("GET", f"/api/procurement/purchase-orders/{order['id']}", role="viewer"))
    assert fetched["lines"][0]["quantity_accepted"] == "10.0000" and fetched["status"] == "received"
    wait_for_books(system)


def query(erp_infra, service, sql, params=()):
    url = make_url(erp_infra.database_url(service)).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        return conn.execute(sql, params).fetchall()


def publish(erp_infra, envelope: dict):
    connection = pika.BlockingConnection(pika.URLParameters(erp_infra.amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    channel.basic_publish(EVENTS_EXCHANGE, envelope["type"], json.dumps(envelope).encode(),
                          pika.BasicProperties(message_id=envelope["id"], delivery_mode=2), mandatory=True)
    connection.close()


def test_events_delivered_twice_or_out_of_order_change_nothing(system, master, second_users, erp_infra):
    copper = master["items"][0]
    order = sent_order(system, master, [{"item_id": copper["id"], "quantity": "4", "unit_price": "9.99"}],
                       approver_headers=as_second(second_users, "purchasing"))
    receipt = ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", role="warehouse",
                             json={"lines": [{"po_line_id": order["lines"][0]["id"], "quantity_received": "4",
                                              "quantity_accepted": "4", "quantity_rejected": "0",
                                              "warehouse_id": master["warehouses"][0]["id"]}]}), 201)
    settled = wait_for_books(system, lambda b: bool(ok(system.call(
        "GET", f"/api/finance/journal-entries?source_document={receipt['number']}", role="viewer"))))
    [body] = query(erp_infra, "procurement", "SELECT body FROM outbox WHERE body::json->>'type' = "
                   "'procurement.goods_received.v1' AND body::json->'data'->>'receipt_no' = %s", (receipt["number"],))
    original = json.loads(body[0])
    copy_with_new_id = dict(original, id=str(uuid.uuid4()))
    publish(erp_infra, original)
    publish(erp_infra, copy_with_new_id)

    [[stock_sequence]] = query(erp_infra, "procurement", "SELECT sequence FROM item_stock WHERE item_id = %s",
                               (copper["id"],))
    [stale] = query(erp_infra, "inventory", "SELECT body FROM outbox WHERE body::json->>'type' = "
                    "'inventory.stock_level_changed.v1' AND body::json->>'subject' = %s "
                    "ORDER BY (body::json->>'sequence')::int LIMIT 1", (copper["id"],))
    stale_event = dict(json.loads(stale[0]), id=str(uuid.uuid4()))
    assert stale_event["sequence"] < stock_sequence
    publish(erp_infra, stale_event)

    for service, event_id in (("finance", copy_with_new_id["id"]), ("inventory", copy_with_new_id["id"]),
                              ("procurement", stale_event["id"])):
        wait_until(lambda: query(erp_infra, service, "SELECT 1 FROM inbox WHERE event_id = %s", (event_id,)),
                   message=f"{service} never consumed the copy")
    assert len(ok(system.call("GET", f"/api/finance/journal-entries?source_document={receipt['number']}",
                              role="viewer"))) == 1
    assert len(ok(system.call("GET", f"/api/inventory/stock-moves?source_document={receipt['number']}",
                              role="viewer"))) == 1
    assert query(erp_infra, "procurement", "SELECT sequence FROM item_stock WHERE item_id = %s",
                 (copper["id"],)) == [(stock_sequence,)]
    assert books(system) == settled
