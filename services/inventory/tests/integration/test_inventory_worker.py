"""The real `python -m inventory.worker` against the broker: a goods receipt published by procurement
reaches the stock ledger, a redelivered copy books nothing, the stock-level event leaves through the relay,
and a receipt inventory can never book is dead-lettered."""
import uuid

import pika
import pytest
from pika.exceptions import ChannelClosedByBroker
from sqlalchemy import select

from erp_shared.events import parse_envelope
from erp_shared.messaging.broker import EVENTS_EXCHANGE
from erp_shared.testing.plugin import environment_for_tests
from erp_shared.testing.processes import ManagedProcess, python_module
from erp_shared.testing.waiting import wait_until
from inventory.models import StockBalance, StockMove

WORK_QUEUE, DEAD_LETTERS = "inventory.events", "inventory.events.dlq"
STOCK_LEVEL_CHANGED = "inventory.stock_level_changed.v1"


@pytest.fixture(scope="module")
def worker(settings, erp_infra, erp_tokens, tmp_path_factory):
    process = ManagedProcess("inventory-worker", python_module("inventory.worker"),
                             environment_for_tests(erp_infra, erp_tokens),
                             tmp_path_factory.mktemp("inventory")).start()
    yield process
    process.stop()


def queue_depth(connection, queue: str):
    """(messages, consumers) of `queue`, or None while it does not exist."""
    channel = connection.channel()
    try:
        declared = channel.queue_declare(queue, passive=True).method
    except ChannelClosedByBroker:
        return None
    channel.close()
    return declared.message_count, declared.consumer_count


@pytest.fixture(scope="module")
def broker(erp_infra, worker):
    """A channel once the worker consumes from its own queue, and a listener on inventory's stock events."""
    connection = pika.BlockingConnection(pika.URLParameters(erp_infra.amqp_url))
    wait_until(lambda: (queue_depth(connection, WORK_QUEUE) or (0, 0))[1] > 0, timeout=30,
               message=lambda: f"the worker never consumed; its log:\n{worker.log()[-3000:]}")
    channel = connection.channel()
    listener = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(listener, EVENTS_EXCHANGE, routing_key=STOCK_LEVEL_CHANGED)
    channel.confirm_delivery()
    yield connection, channel, listener
    connection.close()


def publish(channel, event) -> None:
    """As procurement's relay publishes: persistent, mandatory, message id = event id, routing key = type."""
    channel.basic_publish(EVENTS_EXCHANGE, event.type, event.to_json().encode(),
                          pika.BasicProperties(message_id=str(event.id), type=event.type, delivery_mode=2,
                                               content_type="application/json",
                                               correlation_id=event.correlation_id), mandatory=True)


def test_a_receipt_arrives_end_to_end_and_its_redelivery_books_once(db, receipts, worker, broker):
    _, channel, listener = broker
    store = receipts.warehouse()
    item, marker_item = receipts.item(), receipts.item()
    receipt = receipts.event(receipts.line(item, store, "12", "4.25", batch_no="LOT-9"))
    marker = receipts.event(receipts.line(marker_item, store, "1", "1.00"))
    for event in (receipt, receipt, marker):     # one queue, one handler thread: the marker is handled last
        publish(channel, event)

    def booked(item_id):
        with db.unit_of_work() as session:
            return session.execute(select(StockMove).where(StockMove.item_id == item_id)).scalars().all()

    wait_until(lambda: booked(marker_item), timeout=30, message=lambda: f"not booked; log:\n{worker.log()[-3000:]}")
    [move] = booked(item)
    assert (move.quantity, move.value, move.source_event_id) == (12, 51, receipt.id)
    with db.unit_of_work() as session:
        assert session.get(StockBalance, (item, store, "LOT-9")).on_hand == 12

    stock_events = []

    def marker_published():
        while True:
            method, _, body = channel.basic_get(listener, auto_ack=True)
            if method is None:
                return any(e.subject == str(marker_item) for e in stock_events)
            stock_events.append(parse_envelope(body))

    wait_until(marker_published, timeout=30, message=lambda: f"not relayed; log:\n{worker.log()[-3000:]}")
    [level] = [e for e in stock_events if e.subject == str(item)]
    assert (level.sequence, level.correlation_id, level.causation_id) == (1, receipt.correlation_id, str(receipt.id))
    assert level.data == {"item_id": str(item), "on_hand": "12.0000", "stock_value": "51.00",
                          "average_cost": "4.250000"}


def test_a_receipt_for_an_unknown_item_is_dead_lettered(receipts, worker, broker):
    _, channel, _ = broker
    poison = receipts.event(receipts.line(uuid.uuid4(), receipts.warehouse(), "1", "1.00"))
    publish(channel, poison)

    def parked():
        method, properties, body = channel.basic_get(DEAD_LETTERS, auto_ack=True)
        return None if method is None else (properties, body)

    properties, body = wait_until(parked, timeout=30, message=lambda: f"not parked; log:\n{worker.log()[-3000:]}")
    assert properties.message_id == str(poison.id) and parse_envelope(body).id == poison.id
    assert properties.headers["x-retry-count"] == 0 and "unknown item" in properties.headers["x-error"]


def test_the_order_saga_runs_through_the_worker_request_reply_and_issue(db, receipts, sales, worker, broker):
    """A confirmation sent twice reserves once and is answered through the relay; the delivery is issued and
    its cost reported."""
    _, channel, _ = broker
    replies = channel.queue_declare("", exclusive=True).method.queue
    for event_type in ("inventory.stock_reserved.v1", "inventory.stock_issued.v1"):
        channel.queue_bind(replies, EVENTS_EXCHANGE, routing_key=event_type)
    item, store = receipts.item(), receipts.warehouse()
    receipts.apply(receipts.event(receipts.line(item, store, "10", "1.50")))
    line = sales.line(item, store, "4")
    order = sales.confirmed(line)
    publish(channel, order)
    publish(channel, order)
    received = []

    def reply(event_type):
        def arrived():
            while True:
                method, _, body = channel.basic_get(replies, auto_ack=True)
                if method is None:
                    return [e for e in received if e.type == event_type]
                received.append(parse_envelope(body))
        return arrived

    [reserved] = wait_until(reply("inventory.stock_reserved.v1"), timeout=30,
                            message=lambda: f"no reply; log:\n{worker.log()[-3000:]}")
    assert (reserved.subject, reserved.sequence, reserved.data["status"]) == (order.data["order_id"], 1, "reserved")
    assert reserved.correlation_id == order.correlation_id

    delivery = sales.delivered(order, sales.delivery_line(line, "4"))
    publish(channel, delivery)
    [issued] = wait_until(reply("inventory.stock_issued.v1"), timeout=30,
                          message=lambda: f"not issued; log:\n{worker.log()[-3000:]}")
    assert (issued.data["source_document"], issued.data["total_cost"]) == (delivery.data["delivery_no"], "6.00")
    with db.unit_of_work() as session:
        assert session.get(StockBalance, (item, store, "")).on_hand == 6
