"""Benchmark: order to cash through the gateway, from concurrent clients.

Drives a running system (`make run`). Setup buys stock in through procurement; then, per order:
create → confirm (→ inventory reserves) → deliver (→ inventory issues at cost → finance posts COGS) → invoice → pay.
Prints orders per second, HTTP latency p50/p99 per call, and event lags p50/p99 from confirmation to reservation
(sales' outbox `order_confirmed` → inventory's first `stock_reserved`) and from delivery to the COGS posting (sales' outbox
`goods_delivered` → finance's journal entry). Asserts nothing.

    .venv/bin/python bench/order_to_cash.py --orders 500 --concurrency 16
"""
from __future__ import annotations

import argparse
import time
import uuid
from pathlib import Path

import requests

from procure_to_pay import LATENCIES, Client, connect, percentile, run_phase


def wait_for(probe, timeout=60, interval=0.2):
    deadline = time.monotonic() + timeout
    while not (result := probe()):
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the system")
        time.sleep(interval)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", default="http://127.0.0.1:8080")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default=None, help="default: var/admin-password")
    parser.add_argument("--orders", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    password = args.password or Path("var/admin-password").read_text().strip()
    token = requests.post(f"{args.gateway}/api/auth/token", json={"username": args.user, "password": password},
                          timeout=10).json()["access_token"]
    client = Client(args.gateway, token)
    tag = uuid.uuid4().hex[:6].upper()

    supplier = client.call("setup", "POST", "/api/procurement/suppliers", 201,
                           json={"code": f"OSUP-{tag}", "name": "Bench supplier"})
    customer = client.call("setup", "POST", "/api/sales/customers", 201, json={
        "code": f"OCUS-{tag}", "name": "Bench customer", "credit_rating": "A", "credit_limit": "100000000.00"})
    warehouse = client.call("setup", "POST", "/api/inventory/warehouses", 201,
                            json={"code": f"OWH-{tag}", "name": "Bench despatch"})
    items = [client.call("setup", "POST", "/api/inventory/items", 201, json={
        "code": f"OIT-{tag}-{n:02d}", "name": f"Bench product {n}", "unit": "pc", "item_type": "finished_good"})
        for n in range(10)]
    for service in ("procurement", "sales"):
        for kind, record in [("warehouses", warehouse), *[("items", item) for item in items]]:
            wait_for(lambda: client.call("setup", "GET", f"/api/{service}/read-models/{kind}?id={record['id']}"))
    po = client.call("setup", "POST", "/api/procurement/purchase-orders", 201, json={
        "supplier_id": supplier["id"], "lines": [{"item_id": i["id"], "quantity": str(args.orders * 2),
                                                  "unit_price": "0.50"} for i in items]})
    client.call("setup", "POST", f"/api/procurement/purchase-orders/{po['id']}/submit")
    client.call("setup", "POST", f"/api/procurement/purchase-orders/{po['id']}/send")
    client.call("setup", "POST", f"/api/procurement/purchase-orders/{po['id']}/receipts", 201, json={"lines": [
        {"po_line_id": line["id"], "quantity_received": line["quantity"], "quantity_accepted": line["quantity"],
         "quantity_rejected": "0", "warehouse_id": warehouse["id"]} for line in po["lines"]]})
    wait_for(lambda: all(client.call("setup", "GET", f"/api/inventory/stock/availability?item_id={i['id']}")
                         for i in items))

    def create_and_confirm(n: int):
        order = client.call("so.create", "POST", "/api/sales/sales-orders", 201, json={
            "customer_id": customer["id"], "lines": [
                {"item_id": items[n % 10]["id"], "warehouse_id": warehouse["id"], "quantity": "2",
                 "unit_price": "3.90", "discount_pct": "5", "tax_rate": "13"}]})
        client.call("so.confirm", "POST", f"/api/sales/sales-orders/{order['id']}/confirm")
        return order

    def deliver_invoice_pay(order):
        deadline = time.monotonic() + 60
        while client.call("so.get", "GET", f"/api/sales/sales-orders/{order['id']}")["status"] != "reserved":
            if time.monotonic() > deadline:
                raise RuntimeError(f"{order['number']} never reserved")
            time.sleep(0.05)
        delivery = client.call("delivery", "POST", f"/api/sales/sales-orders/{order['id']}/deliveries", 201, json={
            "lines": [{"order_line_id": line["id"], "quantity": line["quantity"]} for line in order["lines"]]})
        invoice = client.call("invoice", "POST", f"/api/sales/sales-orders/{order['id']}/invoices", 201, json={})
        client.call("payment", "POST", "/api/sales/customer-payments", 201, json={
            "customer_id": customer["id"], "amount": invoice["total_amount"],
            "allocations": [{"invoice_id": invoice["id"], "amount": invoice["total_amount"]}]})
        return delivery["number"]

    started = time.perf_counter()
    orders, _, confirm_cpu = run_phase("confirm", create_and_confirm, list(range(args.orders)), args.concurrency)
    deliveries, _, fulfil_cpu = run_phase("fulfil", deliver_invoice_pay, orders, args.concurrency)
    elapsed = time.perf_counter() - started
    print(f"\norder to cash: {len(orders)} orders created, confirmed, reserved, delivered, invoiced and paid in "
          f"{elapsed:.2f} s -> {len(orders) / elapsed:.1f} orders/s")

    order_ids = [o["id"] for o in orders]
    with connect("sales") as conn:
        confirmed = dict(conn.execute(
            "SELECT body::json->>'subject', min(created_at) FROM outbox WHERE event_type = 'sales.order_confirmed.v1' "
            "AND body::json->>'subject' = ANY(%s) GROUP BY 1", (order_ids,)).fetchall())
        delivered = dict(conn.execute(
            "SELECT body::json->'data'->>'delivery_no', created_at FROM outbox "
            "WHERE event_type = 'sales.goods_delivered.v1' AND body::json->'data'->>'delivery_no' = ANY(%s)",
            (deliveries,)).fetchall())
    with connect("inventory") as conn:
        reserved = dict(conn.execute(
            "SELECT body::json->'data'->>'order_id', min(created_at) FROM outbox "
            "WHERE event_type = 'inventory.stock_reserved.v1' AND body::json->'data'->>'order_id' = ANY(%s) "
            "GROUP BY 1", (order_ids,)).fetchall())
    with connect("finance") as conn:
        deadline = time.monotonic() + 60     # postings still in flight when the phase ended are waited for
        while True:
            posted = dict(conn.execute("SELECT source_document, posted_at FROM journal_entries "
                                       "WHERE kind = 'delivery_cost' AND source_document = ANY(%s)",
                                       (deliveries,)).fetchall())
            if len(posted) == len(deliveries) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
    for name, start, end in (("confirmation -> reservation", confirmed, reserved),
                             ("delivery -> COGS posting", delivered, posted)):
        lags = [(end[k] - start[k]).total_seconds() for k in start if k in end]
        print(f"lag {name:<28}: p50 {percentile(lags, 50) * 1000:7.1f} ms, p99 {percentile(lags, 99) * 1000:7.1f} ms,"
              f" max {max(lags) * 1000:7.1f} ms, missing {len(start) - len(lags)}")
    for phase, cpu in (("create + confirm", confirm_cpu), ("deliver + invoice + pay", fulfil_cpu)):
        print(f"\nDuring the {phase} phase:")
        print(cpu.report(len(orders), "order"))
    print("\nHTTP latency through the gateway:")
    for name, values in sorted(LATENCIES.items()):
        if name != "setup" and len(values) > 5:
            print(f"  {name:<10} n={len(values):5d}  p50 {percentile(values, 50) * 1000:7.1f} ms  "
                  f"p99 {percentile(values, 99) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
