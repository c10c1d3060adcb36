"""The real `python -m finance.worker` against the broker: it publishes the seeded chart through the relay,
keeps its read models from other services' events, and posts procurement's events to the ledger once."""
import json
import uuid

import pika
import pytest
from sqlalchemy import func, select

from erp_shared.events import new_event, parse_envelope
from erp_shared.messaging.broker import EVENTS_EXCHANGE
from erp_shared.messaging.topology import ServiceQueues, declare
from erp_shared.testing.plugin import TEST_RETRY_DELAYS_MS, environment_for_tests
from erp_shared.testing.processes import ManagedProcess, python_module
from erp_shared.testing.waiting import wait_until
from finance.handlers import HANDLERS
from finance.models import JournalEntry, customer_replica, outbox


@pytest.fixture(scope="module")
def broker(erp_infra):
    """The finance queues as the worker declares them, and a listener on everything finance publishes."""
    connection = pika.BlockingConnection(pika.URLParameters(erp_infra.amqp_url))
    channel = connection.channel()
    declare(channel, ServiceQueues("finance", tuple(sorted(HANDLERS)), TEST_RETRY_DELAYS_MS))
    listener = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(listener, EVENTS_EXCHANGE, routing_key="finance.#")
    channel.confirm_delivery()
    yield channel, listener
    connection.close()


@pytest.fixture(scope="module")
def worker(settings, erp_infra, erp_tokens, broker, tmp_path_factory):
    process = ManagedProcess("finance-worker", python_module("finance.worker"),
                             environment_for_tests(erp_infra, erp_tokens), tmp_path_factory.mktemp("finance")).start()
    yield process
    process.stop()


def publish(channel, event):
    """As another service's relay does: straight to the exchange, routed by type."""
    channel.basic_publish(EVENTS_EXCHANGE, event.type, event.to_json().encode(),
                          pika.BasicProperties(message_id=str(event.id), type=event.type, delivery_mode=2,
                                               content_type="application/json"), mandatory=True)


def test_the_seeded_chart_reaches_the_broker(app, worker, broker):
    channel, listener = broker
    received = {}

    def all_seeded_accounts_arrived():
        while True:
            method, properties, body = channel.basic_get(listener, auto_ack=True)
            if method is None:
                return len(received) == 18
            envelope = parse_envelope(body)
            if envelope.correlation_id == "migration-0002":
                assert properties.message_id == str(envelope.id) and method.routing_key == envelope.type
                received[envelope.data["code"]] = envelope

    wait_until(all_seeded_accounts_arrived, timeout=30,
               message=lambda: f"got {sorted(received)}; worker log:\n{worker.log()[-3000:]}")
    assert {e.type for e in received.values()} == {"finance.account_created.v1"}

    def outbox_statuses():
        with app.extensions["erp_db"].unit_of_work() as session:
            return set(session.execute(
                select(outbox.c.status).where(outbox.c.correlation_id == "migration-0002")).scalars())

    # The relay marks rows published after the broker's confirm, which can land just after the consumer sees them.
    wait_until(lambda: outbox_statuses() == {"published"}, timeout=10,
               message=lambda: f"outbox statuses {outbox_statuses()}")


def test_a_customer_published_by_sales_lands_in_the_read_model(app, worker, broker):
    channel, _ = broker
    customer = {"id": uuid.uuid4(), "code": f"CU-{uuid.uuid4().hex[:8]}", "name": "Initech", "credit_rating": "A",
                "credit_limit": "1000000.00", "active": True}
    event = new_event("sales.customer_created.v1", customer, subject=str(customer["id"]), sequence=1)
    publish(channel, event)

    def replicated():
        with app.extensions["erp_db"].unit_of_work() as session:
            return session.execute(select(customer_replica).where(customer_replica.c.id == customer["id"])).first()

    row = wait_until(replicated, timeout=30, message=lambda: f"not replicated; worker log:\n{worker.log()[-3000:]}")
    assert (row.code, str(row.credit_limit), row.sequence) == (customer["code"], "1000000.00", 1)


def test_a_goods_receipt_is_posted_end_to_end_and_once_however_often_it_arrives(app, worker, broker, new_documents):
    channel, listener = broker
    documents = new_documents()
    payload = documents.goods_received("321.00")
    receipt = new_event("procurement.goods_received.v1", payload, subject=str(payload["receipt_id"]), sequence=1)
    republished = new_event(receipt.type, payload, subject=receipt.subject, sequence=1)
    later = documents.goods_received("1.00")
    marker = new_event(receipt.type, later, subject=str(later["receipt_id"]), sequence=1)
    published = {}

    def entries(receipt_no):
        with app.extensions["erp_db"].unit_of_work() as session:
            return session.execute(select(func.count()).where(JournalEntry.source_document == receipt_no)).scalar_one()

    def journal_posted_for(*receipt_nos):
        while True:
            method, _, body = channel.basic_get(listener, auto_ack=True)
            if method is None:
                return all(number in published for number in receipt_nos)
            envelope = parse_envelope(body)
            if envelope.type == "finance.journal_posted.v1":
                published.setdefault(envelope.data["source_document"], []).append(envelope)

    def worker_log():
        return f"worker log:\n{worker.log()[-3000:]}"

    publish(channel, receipt)
    wait_until(lambda: entries(payload["receipt_no"]) == 1, timeout=30, message=worker_log)
    publish(channel, receipt)       # the same event again: the inbox recognises it
    publish(channel, republished)   # a new id for the same receipt: the business key recognises it
    publish(channel, marker)        # one consumer takes the queue in order: once this is posted, so are those
    wait_until(lambda: entries(later["receipt_no"]) == 1, timeout=30, message=worker_log)
    wait_until(lambda: journal_posted_for(payload["receipt_no"], later["receipt_no"]), timeout=30,
               message=lambda: f"journal_posted seen for {sorted(published)}; {worker_log()}")
    assert entries(payload["receipt_no"]) == 1
    records = [json.loads(line) for line in worker.log().splitlines() if line.startswith("{")]
    skipped = [(r["message"], r.get("event_id")) for r in records if str(r.get("message")).endswith("skipped")]
    assert ("duplicate event skipped", str(receipt.id)) in skipped, "the inbox caught the redelivery"
    assert ("journal entry already posted; skipped", str(republished.id)) in skipped, "the business key caught it"
    [event] = published[payload["receipt_no"]]
    assert event.causation_id == str(receipt.id) and event.correlation_id == receipt.correlation_id
    assert [(line["account_code"], line["debit"], line["credit"]) for line in event.data["lines"]] == \
        [("1200", "321.00", "0.00"), ("2100", "0.00", "321.00")]
