"""The idempotent consumer: inbox row + effect + outgoing events in one transaction, ack after commit.

Handlers run on worker threads so the connection thread keeps heartbeats alive however long they take;
acks and re-publishes are marshalled back to the connection thread with `add_callback_threadsafe`.
Several handler threads (`concurrency`) keep a consumer busy while one waits on PostgreSQL. Deliveries are
then applied out of order, which every handler must tolerate anyway (replicas of a worker compete on one
queue): snapshots carry a `sequence`, and stock and ledger effects lock their rows in a fixed order.
Failures are sorted three ways:
- the database is unreachable: wait in place (no ack, no attempt spent) until it is back;
- transient or unexpected: re-publish to a delay queue, up to `max_attempts`, then dead-letter;
- permanent (bad JSON, schema, unknown type, PermanentEventError): dead-letter at once.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from typing import Callable

import pika
from marshmallow import ValidationError
from sqlalchemy import Table
from sqlalchemy.exc import DBAPIError

from ..db import Database, is_transient_db_error
from ..errors import PermanentEventError
from ..events import Envelope, catalog, flow_context, parse_envelope
from ..events.catalog import UnknownEventType
from ..faults import crash_point
from .broker import CONNECTION_ERRORS, DEAD_LETTER_EXCHANGE, close_quietly, connect
from .topology import ServiceQueues, declare

log = logging.getLogger(__name__)

Handler = Callable[..., None]
IN_PLACE_ATTEMPTS = 3
DRAIN_TIMEOUT = 30.0


@dataclass(frozen=True)
class Delivery:
    tag: int
    routing_key: str
    properties: pika.BasicProperties
    body: bytes

    @property
    def headers(self) -> dict:
        return dict(self.properties.headers or {})

    @property
    def retry_count(self) -> int:
        return int(self.headers.get("x-retry-count", 0))


@dataclass(frozen=True)
class Settlement:
    action: str  # ack | retry | dead_letter | requeue
    reason: str = ""
    error: str = ""
    event_type: str = ""


class EventConsumer:
    def __init__(self, service: str, db: Database, inbox: Table, handlers: dict[str, Handler],
                 queues: ServiceQueues, rabbitmq_url: str, *, prefetch: int = 50, max_attempts: int = 5,
                 concurrency: int = 1):
        self.service = service
        self.db = db
        self.inbox = inbox
        self.handlers = handlers
        self.queues = queues
        self.rabbitmq_url = rabbitmq_url
        self.prefetch = prefetch
        self.max_attempts = max_attempts
        self.concurrency = concurrency
        self._pending = 0
        # Plain SQL: this runs once per event, and compiling the equivalent Core statement cost more CPU than
        # the insert itself.
        self._claim_sql = (f"INSERT INTO {inbox.name} (event_id, event_type) VALUES (%s, %s) "
                           "ON CONFLICT DO NOTHING RETURNING event_id")

    # -- connection thread ------------------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        backoff = 0.5
        while not stop.is_set():
            connection = None
            try:
                connection = connect(self.rabbitmq_url, name=f"{self.service}-consumer", stop_event=stop)
                backoff = 0.5
                self._consume(connection, stop)
            except CONNECTION_ERRORS as exc:
                log.warning("consumer lost the broker, reconnecting", extra={"error": repr(exc)})
                stop.wait(backoff)
                backoff = min(backoff * 2, 10)
            finally:
                close_quietly(connection)

    def _consume(self, connection, stop: threading.Event) -> None:
        channel = connection.channel()
        publisher = connection.channel()
        publisher.confirm_delivery()
        declare(channel, self.queues)
        channel.basic_qos(prefetch_count=self.prefetch)
        executor = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix=f"{self.service}-handler")
        self._pending = 0

        def on_message(ch, method, properties, body):
            delivery = Delivery(method.delivery_tag, method.routing_key, properties, body)
            self._pending += 1
            future = executor.submit(self._process, delivery, stop)
            future.add_done_callback(partial(self._hand_back, connection, channel, publisher, delivery))

        consumer_tag = channel.basic_consume(self.queues.work_queue, on_message)
        log.info("consuming", extra={"queue": self.queues.work_queue})
        try:
            while not stop.is_set():
                connection.process_data_events(time_limit=0.5)
            channel.basic_cancel(consumer_tag)
            deadline = time.monotonic() + DRAIN_TIMEOUT
            while self._pending > 0 and time.monotonic() < deadline:
                connection.process_data_events(time_limit=0.2)
            log.info("consumer drained", extra={"unsettled": self._pending})
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _hand_back(self, connection, channel, publisher, delivery: Delivery, future: Future) -> None:
        try:
            connection.add_callback_threadsafe(partial(self._settle, channel, publisher, delivery, future))
        except CONNECTION_ERRORS:
            pass  # the connection is gone: the broker redelivers, the inbox absorbs what was committed

    def _settle(self, channel, publisher, delivery: Delivery, future: Future) -> None:
        self._pending -= 1
        if future.cancelled():
            return
        try:
            outcome = future.result()
        except Exception as exc:  # a bug in the consumer itself: never ack it silently
            outcome = Settlement("retry", "consumer_error", repr(exc))
        if outcome.action == "retry" and delivery.retry_count + 1 >= self.max_attempts:
            outcome = Settlement("dead_letter", "retries_exhausted", outcome.error, outcome.event_type)
        try:
            if outcome.action == "ack":
                channel.basic_ack(delivery.tag)
            elif outcome.action == "requeue":
                channel.basic_nack(delivery.tag, requeue=True)
            elif outcome.action == "retry":
                self._republish(publisher, "", self.queues.retry_queue(delivery.retry_count + 1), delivery, {
                    "x-retry-count": delivery.retry_count + 1, "x-last-error": outcome.error[:1000]})
                channel.basic_ack(delivery.tag)
            else:
                self._republish(publisher, DEAD_LETTER_EXCHANGE, self.queues.work_queue, delivery, {
                    "x-error": outcome.error[:2000], "x-error-reason": outcome.reason,
                    "x-retry-count": delivery.retry_count, "x-service": self.service,
                    "x-original-routing-key": delivery.headers.get("x-original-routing-key", delivery.routing_key),
                    "x-failed-at": datetime.now(timezone.utc).isoformat()})
                channel.basic_ack(delivery.tag)
                log.error("event dead-lettered", extra={"reason": outcome.reason, "error": outcome.error,
                                                         "event_type": outcome.event_type})
        except CONNECTION_ERRORS as exc:
            log.warning("could not settle a delivery; the broker will redeliver it", extra={"error": repr(exc)})
            try:
                channel.basic_nack(delivery.tag, requeue=True)
            except CONNECTION_ERRORS:
                pass

    @staticmethod
    def _republish(publisher, exchange: str, routing_key: str, delivery: Delivery, headers: dict) -> None:
        p = delivery.properties
        properties = pika.BasicProperties(
            message_id=p.message_id, type=p.type, correlation_id=p.correlation_id, app_id=p.app_id,
            content_type=p.content_type, timestamp=p.timestamp, delivery_mode=pika.DeliveryMode.Persistent,
            headers={**{k: v for k, v in delivery.headers.items() if k != "x-death"}, **headers},
        )
        publisher.basic_publish(exchange, routing_key, delivery.body, properties, mandatory=True)

    # -- handler thread ---------------------------------------------------------------------------------
    def _process(self, delivery: Delivery, stop: threading.Event) -> Settlement:
        if stop.is_set():
            return Settlement("requeue", "shutting_down")
        try:
            envelope = parse_envelope(delivery.body)
        except (ValueError, ValidationError) as exc:
            return Settlement("dead_letter", "malformed", repr(exc))
        handler = self.handlers.get(envelope.type)
        if handler is None:
            return Settlement("dead_letter", "unhandled_type", f"no handler for {envelope.type}", envelope.type)
        try:
            data = catalog.load(envelope.type, envelope.data)
        except UnknownEventType:
            return Settlement("dead_letter", "unknown_type", f"{envelope.type} is not in the catalog", envelope.type)
        except ValidationError as exc:
            return Settlement("dead_letter", "schema", str(exc.messages), envelope.type)
        with flow_context(envelope.correlation_id, str(envelope.id), envelope.id):
            return self._apply(envelope, data, handler, stop)

    def _apply(self, envelope: Envelope, data: dict, handler: Handler, stop: threading.Event) -> Settlement:
        attempts = 0
        while True:
            try:
                with self.db.unit_of_work() as session:
                    fresh = session.connection().exec_driver_sql(self._claim_sql, (envelope.id, envelope.type)).first()
                    if fresh is None:
                        log.info("duplicate event skipped", extra={"event_id": str(envelope.id),
                                                                    "event_type": envelope.type})
                        return Settlement("ack", "duplicate", event_type=envelope.type)
                    handler(session, envelope, data)
                    crash_point("consumer_before_commit")
                crash_point("consumer_after_commit_before_ack")
                return Settlement("ack", "applied", event_type=envelope.type)
            except PermanentEventError as exc:
                return Settlement("dead_letter", "rejected", str(exc), envelope.type)
            except DBAPIError as exc:
                if not is_transient_db_error(exc):
                    return Settlement("retry", "database_error", repr(exc), envelope.type)
                if not self.db.is_reachable():
                    if not self._wait_for_database(stop):
                        return Settlement("requeue", "shutting_down", event_type=envelope.type)
                    continue
                attempts += 1
                if attempts >= IN_PLACE_ATTEMPTS:
                    return Settlement("retry", "transient_database_error", repr(exc), envelope.type)
                time.sleep(0.05 * attempts)
            except Exception as exc:  # noqa: BLE001 - any handler failure goes through the retry budget
                log.exception("handler failed", extra={"event_type": envelope.type})
                return Settlement("retry", "handler_error", repr(exc), envelope.type)

    def _wait_for_database(self, stop: threading.Event) -> bool:
        """Hold the delivery unacked while PostgreSQL is down; an outage spends no retry attempt."""
        delay = 0.2
        while not self.db.is_reachable():
            log.warning("database unreachable; holding the event until it is back")
            if stop.wait(delay):
                return False
            delay = min(delay * 2, 5.0)
        return True
