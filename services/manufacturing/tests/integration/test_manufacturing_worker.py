"""The real `python -m manufacturing.worker` against the broker: it relays work-center events and keeps its
read models from inventory's events."""
import uuid

import pika
import pytest
from sqlalchemy import select

from erp_shared.events import new_event, parse_envelope
from erp_shared.messaging.broker import EVENTS_EXCHANGE
from erp_shared.messaging.topology import ServiceQueues, declare
from erp_shared.testing.plugin import TEST_RETRY_DELAYS_MS, environment_for_tests
from erp_shared.testing.processes import ManagedProcess, python_module
from erp_shared.testing.waiting import wait_until
from manufacturing.handlers import HANDLERS
from manufacturing.models import warehouse_replica


@pytest.fixture(scope="module")
def broker(erp_infra):
    """The manufacturing queues as the worker declares them, and a listener on everything it publishes."""
    connection = pika.BlockingConnection(pika.URLParameters(erp_infra.amqp_url))
    channel = connection.channel()
    declare(channel, ServiceQueues("manufacturing", tuple(sorted(HANDLERS)), TEST_RETRY_DELAYS_MS))
    listener = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(listener, EVENTS_EXCHANGE, routing_key="manufacturing.#")
    channel.confirm_delivery()
    yield channel, listener
    connection.close()


@pytest.fixture(scope="module")
def worker(settings, erp_infra, erp_tokens, broker, tmp_path_factory):
    process = ManagedProcess("manufacturing-worker", python_module("manufacturing.worker"),
                             environment_for_tests(erp_infra, erp_tokens),
                             tmp_path_factory.mktemp("manufacturing")).start()
    yield process
    process.stop()


def test_a_new_work_center_reaches_the_broker(client, worker, broker, erp_tokens):
    channel, listener = broker
    body = {"code": f"WC-{uuid.uuid4().hex[:8]}", "name": "Press brake", "capacity_hours_per_day": "16"}
    center = client.post("/work-centers", json=body, headers=erp_tokens.headers("production")).json

    def published():
        while True:
            method, properties, raw = channel.basic_get(listener, auto_ack=True)
            if method is None:
                return None
            envelope = parse_envelope(raw)
            if envelope.subject == center["id"]:
                return envelope

    envelope = wait_until(published, timeout=30, message=lambda: f"not published; worker log:\n{worker.log()[-3000:]}")
    assert envelope.type == "manufacturing.work_center_created.v1" and envelope.sequence == 1
    assert envelope.data["capacity_hours_per_day"] == "16" and envelope.data["code"] == body["code"]


def test_a_warehouse_published_by_inventory_lands_in_the_read_model(app, worker, broker):
    channel, _ = broker
    warehouse = {"id": uuid.uuid4(), "code": f"WH-{uuid.uuid4().hex[:8]}", "name": "Plant 2", "active": True}
    event = new_event("inventory.warehouse_created.v1", warehouse, subject=str(warehouse["id"]), sequence=1)
    channel.basic_publish(EVENTS_EXCHANGE, event.type, event.to_json().encode(),
                          pika.BasicProperties(message_id=str(event.id), type=event.type, delivery_mode=2,
                                               content_type="application/json"), mandatory=True)

    def replicated():
        with app.extensions["erp_db"].unit_of_work() as session:
            return session.execute(select(warehouse_replica).where(warehouse_replica.c.id == warehouse["id"])).first()

    row = wait_until(replicated, timeout=30, message=lambda: f"not replicated; worker log:\n{worker.log()[-3000:]}")
    assert (row.code, row.name, row.sequence) == (warehouse["code"], "Plant 2", 1)
