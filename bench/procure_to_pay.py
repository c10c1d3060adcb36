"""Benchmark: procure to pay through the gateway, from concurrent clients.

Drives a running system (`make run`). Three phases, each timed:
  1. orders:   create, submit (auto-approved under the threshold) and send purchase orders;
  2. receipts: receive every order in full — the measured receipt-to-journal flows. For each receipt the
               lag from procurement's commit (outbox.created_at) to finance's journal entry (posted_at) and
               to inventory's stock move (recorded_at) is read from the services' databases;
  3. payables: invoice and pay a share of the orders.
Prints rates, HTTP latency p50/p99 per call and event lags p50/p99; asserts nothing.

    .venv/bin/python bench/procure_to_pay.py --orders 1000 --concurrency 16
"""
from __future__ import annotations

import argparse
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import psycopg
import requests
from sqlalchemy.engine import make_url

from erp_shared.config import database_url_for

import cpu_accounting

_local = threading.local()
LATENCIES: dict[str, list[float]] = defaultdict(list)
_lock = threading.Lock()


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))] if ordered else float("nan")


class Client:
    def __init__(self, gateway: str, token: str):
        self.gateway = gateway
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(self, name: str, method: str, path: str, expect: int = 200, **kwargs):
        session = getattr(_local, "session", None) or requests.Session()
        _local.session = session
        started = time.perf_counter()
        response = session.request(method, f"{self.gateway}{path}", headers=self.headers, timeout=60, **kwargs)
        with _lock:
            LATENCIES[name].append(time.perf_counter() - started)
        if response.status_code != expect:
            raise RuntimeError(f"{name}: {response.status_code} {response.text[:300]}")
        return response.json()


def connect(service: str):
    url = make_url(database_url_for(service)).set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def run_phase(name: str, work, items, concurrency: int):
    cpu_before = cpu_accounting.snapshot()
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(work, items))
    elapsed = time.perf_counter() - started
    cpu = cpu_accounting.used_between(cpu_before, cpu_accounting.snapshot(), elapsed)
    print(f"{name:<9}: {len(items)} in {elapsed:6.2f} s -> {len(items) / elapsed:7.1f} /s")
    return results, elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", default="http://127.0.0.1:8080")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default=None, help="default: var/admin-password")
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--invoice-share", type=float, default=0.5)
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    password = args.password or Path("var/admin-password").read_text().strip()
    token = requests.post(f"{args.gateway}/api/auth/token", json={"username": args.user, "password": password},
                          timeout=10).json()["access_token"]
    client = Client(args.gateway, token)
    tag = uuid.uuid4().hex[:6].upper()

    supplier = client.call("supplier", "POST", "/api/procurement/suppliers", 201,
                           json={"code": f"BSUP-{tag}", "name": "Bench supplier", "payment_terms_days": 30})
    warehouse = client.call("warehouse", "POST", "/api/inventory/warehouses", 201,
                            json={"code": f"BWH-{tag}", "name": "Bench warehouse"})
    items = [client.call("item", "POST", "/api/inventory/items", 201, json={
        "code": f"BIT-{tag}-{n:03d}", "name": f"Bench item {n}", "unit": "pc", "item_type": "raw_material"})
        for n in range(20)]
    for record, kind in [(warehouse, "warehouses"), *[(item, "items") for item in items]]:
        deadline = time.monotonic() + 30
        while not client.call("read", "GET", f"/api/procurement/read-models/{kind}?id={record['id']}"):
            if time.monotonic() > deadline:
                raise SystemExit(f"{kind} {record['id']} never reached procurement")
            time.sleep(0.2)

    def place_order(n: int):
        order = client.call("po.create", "POST", "/api/procurement/purchase-orders", 201, json={
            "supplier_id": supplier["id"], "lines": [
                {"item_id": items[n % 20]["id"], "quantity": "10", "unit_price": "4.25"},
                {"item_id": items[(n + 7) % 20]["id"], "quantity": "3", "unit_price": "1.3333"}]})
        client.call("po.submit", "POST", f"/api/procurement/purchase-orders/{order['id']}/submit")
        client.call("po.send", "POST", f"/api/procurement/purchase-orders/{order['id']}/send")
        return order

    def receive(order):
        return client.call("receipt", "POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", 201, json={
            "lines": [{"po_line_id": line["id"], "quantity_received": line["quantity"],
                       "quantity_accepted": line["quantity"], "quantity_rejected": "0",
                       "warehouse_id": warehouse["id"], "batch_no": f"B-{tag}"} for line in order["lines"]]})

    def invoice_and_pay(order):
        invoice = client.call("invoice", "POST", "/api/procurement/supplier-invoices", 201, json={
            "supplier_id": supplier["id"], "purchase_order_id": order["id"],
            "supplier_invoice_ref": f"BINV-{order['number']}", "invoice_date": date.today().isoformat(),
            "lines": [{"po_line_id": line["id"], "quantity": line["quantity"], "unit_price": line["unit_price"]}
                      for line in order["lines"]]})
        client.call("payment", "POST", "/api/procurement/supplier-payments", 201, json={
            "supplier_id": supplier["id"], "amount": invoice["total_amount"],
            "allocations": [{"invoice_id": invoice["id"], "amount": invoice["total_amount"]}]})

    orders, _, _ = run_phase("orders", place_order, list(range(args.orders)), args.concurrency)
    receipts, receipt_seconds, receipt_cpu = run_phase("receipts", receive, orders, args.concurrency)
    payable = orders[: int(len(orders) * args.invoice_share)]
    run_phase("payables", invoice_and_pay, payable, args.concurrency)

    numbers = [r["number"] for r in receipts]
    with connect("procurement") as conn:
        committed = dict(conn.execute(
            "SELECT body::json->'data'->>'receipt_no', created_at FROM outbox "
            "WHERE event_type = 'procurement.goods_received.v1' AND body::json->'data'->>'receipt_no' = ANY(%s)",
            (numbers,)).fetchall())
    lags = {}
    for service, sql in (
            ("finance journal", "SELECT source_document, posted_at FROM journal_entries WHERE kind = 'goods_receipt' "
                                "AND source_document = ANY(%s)"),
            ("inventory stock", "SELECT source_document, min(recorded_at) FROM stock_moves "
                                "WHERE source_document = ANY(%s) GROUP BY source_document")):
        target = service.split()[0]
        deadline = time.monotonic() + args.timeout
        with connect(target) as conn:
            while True:
                done = dict(conn.execute(sql, (numbers,)).fetchall())
                if len(done) == len(numbers) or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
        lags[service] = ([(done[n] - committed[n]).total_seconds() for n in done], len(numbers) - len(done))
        last = max(done.values())
        first = min(committed.values())
        lags[service] += ((last - first).total_seconds(),)

    print(f"\nreceipt-to-journal flows: {len(numbers)} receipts posted in {receipt_seconds:.2f} s of receiving "
          f"-> {len(numbers) / receipt_seconds:.1f} flows/s")
    for service, (values, missing, span) in lags.items():
        print(f"lag receipt commit -> {service:<16}: p50 {percentile(values, 50) * 1000:7.1f} ms, "
              f"p99 {percentile(values, 99) * 1000:7.1f} ms, max {max(values) * 1000:7.1f} ms, missing {missing}; "
              f"first commit to last posting {span:.2f} s -> {len(values) / span:.1f}/s end to end")
    print("\nDuring the receipts phase (HTTP calls; consumers still busy at its end are not counted):")
    print(receipt_cpu.report(len(numbers), "flow"))
    print("\nHTTP latency through the gateway:")
    for name, values in sorted(LATENCIES.items()):
        if len(values) > 5:
            print(f"  {name:<10} n={len(values):5d}  p50 {percentile(values, 50) * 1000:7.1f} ms  "
                  f"p99 {percentile(values, 99) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
