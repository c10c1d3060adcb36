"""RELIABILITY.md row 1: the broker stopped in the middle of a stream of master-data changes.

Writes keep succeeding (they only touch the outbox), workers reconnect unaided, and every change reaches
every read model exactly once: nothing lost, nothing applied twice, no manual step.
"""
import subprocess
import uuid

import psycopg
import pytest
import requests
from sqlalchemy.engine import make_url

from erp_shared.testing.waiting import wait_until

pytestmark = pytest.mark.fault

ITEM_READERS = ("procurement", "sales", "manufacturing", "finance")
CHANGES = 500
ITEMS = 50


def rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


def query(erp_infra, service: str, sql: str, params=()) -> list:
    url = make_url(erp_infra.database_url(service)).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        return conn.execute(sql, params).fetchall()


def ready(system, service: str) -> int:
    try:
        return requests.get(f"{system.service_urls[service]}/ready", timeout=5).status_code
    except requests.RequestException:
        return 0


def test_broker_restart_mid_stream_loses_and_duplicates_nothing(system, erp_infra):
    tag = uuid.uuid4().hex[:6].upper()
    items = []
    for n in range(ITEMS):
        response = system.call("POST", "/api/inventory/items", role="warehouse", json={
            "code": f"BR-{tag}-{n:03d}", "name": f"Part {n}", "unit": "pc", "item_type": "raw_material"})
        assert response.status_code == 201, response.text
        items.append(response.json()["id"])

    versions = {item_id: 1 for item_id in items}
    try:
        for change in range(CHANGES - ITEMS):
            if change == 100:
                rabbitmqctl("stop_app")
                wait_until(lambda: ready(system, "inventory") == 503, timeout=20,
                           message="/ready did not report the broker outage")
            if change == 300:
                rabbitmqctl("start_app")
            item_id = items[change % ITEMS]
            response = system.call("PATCH", f"/api/inventory/items/{item_id}", role="warehouse",
                                   json={"name": f"Part {change % ITEMS} rev {change}", "reorder_level": str(change + 1)})
            assert response.status_code == 200, response.text
            versions[item_id] = response.json()["version"]
    finally:
        rabbitmqctl("start_app")
    wait_until(lambda: ready(system, "inventory") == 200, timeout=30, message="/ready never recovered")

    produced = {row[0] for row in query(erp_infra, "inventory",
                                        "SELECT event_id FROM outbox WHERE body::json->>'subject' = ANY(%s)",
                                        ([str(i) for i in items],))}
    assert len(produced) == CHANGES

    def converged(service):
        rows = query(erp_infra, service, "SELECT id::text, sequence FROM item_replica WHERE id::text = ANY(%s)",
                     (items,))
        return {item_id: sequence for item_id, sequence in rows} == versions

    for service in ITEM_READERS:
        wait_until(lambda: converged(service), timeout=90, message=f"{service} read model did not converge")
        received = {row[0] for row in query(erp_infra, service, "SELECT event_id FROM inbox WHERE event_id = ANY(%s)",
                                            (list(produced),))}
        lost = produced - received
        assert not lost, f"{service}: lost={len(lost)} of {len(produced)}"
    for service in ITEM_READERS:
        dead = system.call("GET", f"/api/{service}/admin/dead-letters", role="admin")
        assert dead.status_code == 200 and dead.json() == [], f"{service} dead letters: {dead.text[:500]}"
