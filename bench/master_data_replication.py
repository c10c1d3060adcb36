"""Benchmark: master-data writes through the gateway and their replication lag to every read model.

Drives a running system (`make run`) with concurrent clients creating items, then measures, per consuming
service, the lag from the inventory commit (outbox.created_at) to the consumer's commit (inbox.received_at).
Prints figures; asserts nothing.

    .venv/bin/python bench/master_data_replication.py --items 1000 --concurrency 8
"""
from __future__ import annotations

import argparse
import statistics
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import requests
from sqlalchemy.engine import make_url

from erp_shared.config import database_url_for

CONSUMERS = ("procurement", "sales", "manufacturing", "finance")
_local = threading.local()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def connect(service: str) -> psycopg.Connection:
    url = make_url(database_url_for(service)).set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def session() -> requests.Session:
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


def create_item(gateway: str, token: str, code: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = session().post(f"{gateway}/api/inventory/items", headers={"Authorization": f"Bearer {token}"},
                              json={"code": code, "name": f"Bench part {code}", "unit": "pc",
                                    "item_type": "raw_material", "reorder_level": "10"}, timeout=30)
    return time.perf_counter() - started, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", default="http://127.0.0.1:8080")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default=None, help="default: var/admin-password")
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    password = args.password or Path("var/admin-password").read_text().strip()
    token = requests.post(f"{args.gateway}/api/auth/token", json={"username": args.user, "password": password},
                          timeout=10).json()["access_token"]

    tag = uuid.uuid4().hex[:6].upper()
    codes = [f"BENCH-{tag}-{n:06d}" for n in range(args.items)]
    started = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as pool:
        results = list(pool.map(lambda code: create_item(args.gateway, token, code), codes))
    elapsed = time.perf_counter() - started
    latencies = [latency for latency, status in results if status == 201]
    failures = len(results) - len(latencies)

    with connect("inventory") as inventory:
        produced = dict(inventory.execute(
            "SELECT event_id, created_at FROM outbox WHERE body::json->'data'->>'code' LIKE %s",
            (f"BENCH-{tag}-%",)).fetchall())
    lags: dict[str, list[float]] = {}
    deadline = time.monotonic() + args.timeout
    for service in CONSUMERS:
        with connect(service) as conn:
            while True:
                received = dict(conn.execute("SELECT event_id, received_at FROM inbox WHERE event_id = ANY(%s)",
                                             (list(produced),)).fetchall())
                if len(received) == len(produced) or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
        lags[service] = [(received[e] - produced[e]).total_seconds() for e in received]

    print(f"items created: {len(latencies)} in {elapsed:.2f} s with {args.concurrency} clients "
          f"-> {len(latencies) / elapsed:.1f} writes/s ({failures} failed)")
    print(f"HTTP POST /api/inventory/items latency: p50 {percentile(latencies, 50) * 1000:.1f} ms, "
          f"p99 {percentile(latencies, 99) * 1000:.1f} ms")
    for service, values in lags.items():
        missing = len(produced) - len(values)
        print(f"replication lag to {service:<13}: p50 {percentile(values, 50) * 1000:7.1f} ms, "
              f"p99 {percentile(values, 99) * 1000:7.1f} ms, max {max(values) * 1000:7.1f} ms, "
              f"mean {statistics.mean(values) * 1000:7.1f} ms, missing {missing}")


if __name__ == "__main__":
    main()
