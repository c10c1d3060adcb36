"""Order to cash through the gateway: credit check, the reservation saga, deliveries at cost, invoicing and
payment, with the books in step (stock value = GL 1200, AR subledger = GL 1100, debits = credits)."""
import signal
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from erp_shared.testing.waiting import wait_until


def ok(response, status=200):
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


def books(system) -> dict:
    trial = ok(system.call("GET", "/api/finance/reports/trial-balance", role="viewer"))
    balances = {a["code"]: Decimal(a["balance"]) for a in trial["accounts"]}
    return {
        "stock_value": Decimal(ok(system.call("GET", "/api/inventory/stock/valuation", role="viewer"))["total_value"]),
        "gl_1200": balances["1200"], "gl_1100": balances["1100"], "gl_4000": balances["4000"],
        "gl_2200": balances["2200"], "gl_5000": balances["5000"], "gl_1000": balances["1000"],
        "ar_subledger": Decimal(ok(system.call("GET", "/api/finance/reports/ar-subledger", role="accounting"))["total"]),
        "debits": Decimal(trial["total_debit"]), "credits": Decimal(trial["total_credit"]),
    }


def wait_for_books(system, expect=lambda b: True) -> dict:
    state = {}

    def probe():
        b = state["books"] = books(system)
        return (b["stock_value"] == b["gl_1200"] and b["ar_subledger"] == b["gl_1100"]
                and b["debits"] == b["credits"] and expect(b))
    wait_until(probe, timeout=30, interval=0.3, message=lambda: f"books out of step: {state.get('books')}")
    return state["books"]


def order_status(system, order_id):
    return ok(system.call("GET", f"/api/sales/sales-orders/{order_id}", role="viewer"))


def wait_for_status(system, order_id, *statuses, timeout=30):
    return wait_until(lambda: (o := order_status(system, order_id))["status"] in statuses and o, timeout=timeout,
                      message=lambda: f"order {order_id} is {order_status(system, order_id)['status']}, "
                                      f"not {statuses}")


@pytest.fixture(scope="module")
def stocked(system):
    """An item with stock bought in through procurement, and the places sales needs to see it."""
    supplier = ok(system.call("POST", "/api/procurement/suppliers", role="purchasing",
                              json={"code": unique("SUP"), "name": "Stock supplier"}), 201)
    warehouse = ok(system.call("POST", "/api/inventory/warehouses", role="warehouse",
                               json={"code": unique("WH"), "name": "Despatch"}), 201)

    def item_with_stock(quantity: str, price: str):
        item = ok(system.call("POST", "/api/inventory/items", role="warehouse", json={
            "code": unique("FG"), "name": "Gear pump", "unit": "pc", "item_type": "finished_good"}), 201)
        for service, kind, record in (("procurement", "items", item), ("procurement", "warehouses", warehouse),
                                      ("sales", "items", item), ("sales", "warehouses", warehouse)):
            wait_until(lambda: ok(system.call("GET", f"/api/{service}/read-models/{kind}?id={record['id']}",
                                              role="viewer")), message=f"{kind} not in {service}")
        order = ok(system.call("POST", "/api/procurement/purchase-orders", role="purchasing", json={
            "supplier_id": supplier["id"], "lines": [{"item_id": item["id"], "quantity": quantity,
                                                      "unit_price": price}]}), 201)
        ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/submit", role="admin"))
        if order_status_po(system, order["id"]) == "submitted":
            ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/approve", role="admin"))
        ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/send", role="purchasing"))
        ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", role="warehouse", json={
            "lines": [{"po_line_id": order["lines"][0]["id"], "quantity_received": quantity,
                       "quantity_accepted": quantity, "quantity_rejected": "0",
                       "warehouse_id": warehouse["id"]}]}), 201)
        wait_until(lambda: ok(system.call("GET", f"/api/inventory/stock/availability?item_id={item['id']}",
                                          role="viewer")), message="stock never arrived")
        return item

    return {"warehouse": warehouse, "item_with_stock": item_with_stock}


def order_status_po(system, order_id):
    return ok(system.call("GET", f"/api/procurement/purchase-orders/{order_id}", role="viewer"))["status"]


def customer(system, limit="1000000.00"):
    return ok(system.call("POST", "/api/sales/customers", role="sales", json={
        "code": unique("CUS"), "name": "Northwind 北风贸易", "credit_rating": "A", "credit_limit": limit}), 201)


def sales_order(system, customer_id, lines):
    return ok(system.call("POST", "/api/sales/sales-orders", role="sales",
                          json={"customer_id": customer_id, "lines": lines}), 201)


def available(system, item_id) -> Decimal:
    rows = ok(system.call("GET", f"/api/inventory/stock/availability?item_id={item_id}", role="viewer"))
    return sum(Decimal(row["available"]) for row in rows)


def test_order_to_cash_keeps_every_book_in_step(system, stocked):
    item = stocked["item_with_stock"]("40", "10.00")
    buyer = customer(system)
    before = wait_for_books(system)
    order = sales_order(system, buyer["id"], [{"item_id": item["id"], "warehouse_id": stocked["warehouse"]["id"],
                                               "quantity": "30", "unit_price": "25.00", "discount_pct": "10",
                                               "tax_rate": "13"}])
    ok(system.call("POST", f"/api/sales/sales-orders/{order['id']}/confirm", role="sales"))
    wait_for_status(system, order["id"], "reserved")

    line = order["lines"][0]
    too_many = system.call("POST", f"/api/sales/sales-orders/{order['id']}/deliveries", role="warehouse",
                           json={"lines": [{"order_line_id": line["id"], "quantity": "31"}]})
    assert too_many.status_code == 422
    delivery = ok(system.call("POST", f"/api/sales/sales-orders/{order['id']}/deliveries", role="warehouse",
                              json={"lines": [{"order_line_id": line["id"], "quantity": "20"}]}), 201)
    delivered = wait_for_books(system, lambda b: b["gl_5000"] - before["gl_5000"] == Decimal("200.00"))
    assert before["gl_1200"] - delivered["gl_1200"] == Decimal("200.00")  # 20 × moving average 10.00
    cogs = ok(system.call("GET", f"/api/finance/journal-entries?source_document={delivery['number']}", role="viewer"))
    assert len(cogs) == 1

    invoice = ok(system.call("POST", f"/api/sales/sales-orders/{order['id']}/invoices", role="sales", json={}), 201)
    assert (invoice["net_total"], invoice["tax_total"], invoice["total_amount"]) == ("450.00", "58.50", "508.50")
    invoiced = wait_for_books(system, lambda b: b["gl_1100"] - before["gl_1100"] == Decimal("508.50"))
    assert invoiced["gl_4000"] - before["gl_4000"] == Decimal("450.00")
    assert invoiced["gl_2200"] - before["gl_2200"] == Decimal("58.50")

    returned = ok(system.call("POST", f"/api/sales/deliveries/{delivery['id']}/returns", role="warehouse", json={
        "reason": "two pumps arrived damaged", "lines": [{"delivery_line_id": delivery["lines"][0]["id"],
                                                           "quantity": "2"}]}), 201)
    back = wait_for_books(system, lambda b: b["gl_5000"] - before["gl_5000"] == Decimal("180.00"))
    assert before["gl_1200"] - back["gl_1200"] == Decimal("180.00")  # 2 × 10.00 came back at their issue cost
    assert len(ok(system.call("GET", f"/api/finance/journal-entries?source_document={returned['number']}",
                              role="viewer"))) == 1
    credit = ok(system.call("POST", f"/api/sales/invoices/{invoice['id']}/credit-notes", role="sales", json={
        "reason": "damaged on arrival", "lines": [{"invoice_line_id": invoice["lines"][0]["id"], "quantity": "2"}]}),
        201)
    credited = wait_for_books(system, lambda b: b["gl_1100"] - before["gl_1100"]
                              == Decimal("508.50") - Decimal(credit["total_amount"]))
    assert credited["gl_4000"] - before["gl_4000"] == Decimal("450.00") - Decimal(credit["net_total"])
    owed = Decimal("508.50") - Decimal(credit["total_amount"])
    assert customer_balances(system, buyer["id"]) == (owed, owed)

    rest = str(Decimal("508.50") - Decimal(credit["total_amount"]))
    ok(system.call("POST", "/api/sales/customer-payments", role="accounting", json={
        "customer_id": buyer["id"], "amount": rest, "allocations": [{"invoice_id": invoice["id"], "amount": rest}]}),
        201)
    paid = wait_for_books(system, lambda b: b["gl_1100"] == before["gl_1100"])
    assert paid["gl_1000"] - before["gl_1000"] == Decimal(rest)
    wait_until(lambda: margins_agree(system), timeout=30, message=lambda: f"margins differ: {margins(system)}")


def customer_balances(system, customer_id) -> tuple[Decimal, Decimal]:
    """What the customer owes by sales' customer ledger and by finance's AR subledger."""
    ledger = ok(system.call("GET", f"/api/sales/customers/{customer_id}/ledger", role="viewer"))
    subledger = ok(system.call("GET", f"/api/finance/reports/ar-subledger?customer_id={customer_id}",
                               role="accounting"))
    return Decimal(ledger["open_balance"]), Decimal(subledger["total"])


def margins(system) -> tuple[Decimal, Decimal]:
    """The sales analysis and finance's income statement, over the same period (all of it)."""
    analysis = ok(system.call("GET", "/api/sales/analysis/gross-margin?group_by=month", role="viewer"))
    income = ok(system.call("GET", "/api/finance/reports/income-statement", role="viewer"))
    return Decimal(analysis["totals"]["gross_margin"]), Decimal(income["gross_margin"])


def margins_agree(system) -> bool:
    in_sales, in_finance = margins(system)
    return in_sales == in_finance


def test_an_order_over_the_credit_limit_waits_for_someone_outside_sales(system, stocked):
    item = stocked["item_with_stock"]("5", "10.00")
    small = customer(system, limit="100.00")
    order = sales_order(system, small["id"], [{"item_id": item["id"], "warehouse_id": stocked["warehouse"]["id"],
                                               "quantity": "5", "unit_price": "50.00", "discount_pct": "0",
                                               "tax_rate": "0"}])
    held = ok(system.call("POST", f"/api/sales/sales-orders/{order['id']}/confirm", role="sales"))
    assert held["status"] == "credit_hold"
    assert system.call("POST", f"/api/sales/sales-orders/{order['id']}/release-credit", role="sales").status_code == 403
    no_delivery = system.call("POST", f"/api/sales/sales-orders/{order['id']}/deliveries", role="warehouse",
                              json={"lines": [{"order_line_id": order["lines"][0]["id"], "quantity": "1"}]})
    assert no_delivery.status_code in (409, 422)
    assert available(system, item["id"]) == Decimal("5")
    ok(system.call("POST", f"/api/sales/sales-orders/{order['id']}/release-credit", role="accounting"))
    wait_for_status(system, order["id"], "reserved")
    assert available(system, item["id"]) == Decimal("0")


def test_fifty_concurrent_orders_for_the_last_ten_units(system, stocked):
    item = stocked["item_with_stock"]("10", "3.00")
    buyer = customer(system)
    orders = [sales_order(system, buyer["id"], [{"item_id": item["id"], "warehouse_id": stocked["warehouse"]["id"],
                                                 "quantity": "1", "unit_price": "9.00", "discount_pct": "0",
                                                 "tax_rate": "0"}]) for _ in range(50)]
    with ThreadPoolExecutor(10) as pool:
        list(pool.map(lambda o: ok(system.call("POST", f"/api/sales/sales-orders/{o['id']}/confirm", role="sales")),
                      orders))
    settled = [wait_for_status(system, o["id"], "reserved", "backordered", timeout=60) for o in orders]
    statuses = [o["status"] for o in settled]
    assert statuses.count("reserved") == 10 and statuses.count("backordered") == 40, statuses
    assert sum(Decimal(o["lines"][0]["quantity_reserved"]) for o in settled) == Decimal("10")
    assert available(system, item["id"]) == Decimal("0")


def test_orders_confirmed_while_inventory_is_down_reserve_once_it_is_back(system, stocked):
    item = stocked["item_with_stock"]("6", "4.00")
    buyer = customer(system)
    orders = [sales_order(system, buyer["id"], [{"item_id": item["id"], "warehouse_id": stocked["warehouse"]["id"],
                                                 "quantity": "2", "unit_price": "9.00", "discount_pct": "0",
                                                 "tax_rate": "0"}]) for _ in range(4)]
    inventory = system.processes["inventory-worker"]
    inventory.signal(signal.SIGSTOP)
    try:
        for order in orders:
            assert ok(system.call("POST", f"/api/sales/sales-orders/{order['id']}/confirm",
                                  role="sales"))["status"] == "confirmed"
        assert {order_status(system, o["id"])["status"] for o in orders} == {"confirmed"}
    finally:
        inventory.signal(signal.SIGCONT)
    settled = [wait_for_status(system, o["id"], "reserved", "backordered", timeout=60) for o in orders]
    assert sorted(o["status"] for o in settled) == ["backordered", "reserved", "reserved", "reserved"]
    assert available(system, item["id"]) == Decimal("0")
