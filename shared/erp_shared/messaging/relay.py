"""The outbox relay: publishes committed events in order, with confirms, and marks them only after the ack.

One relay per service is active at a time (a PostgreSQL advisory lock held on a dedicated connection);
others wait as hot standbys. Pending rows are selected by state, never by a high-water id, because ids
commit out of order. A crash between publish and mark republishes; consumers' inboxes absorb that.

The relay wakes once per committed transaction that wrote events, so its own two statements per wake-up
run on a dedicated autocommit connection as plain SQL: through the ORM's pool, statement compilation and
transaction handling cost more CPU than publishing the events did.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta, timezone

import pika
import psycopg
from pika.exceptions import NackError, UnroutableError
from sqlalchemy import Table, delete
from sqlalchemy.exc import DBAPIError

from ..db import Database
from ..faults import crash_point
from .broker import CONNECTION_ERRORS, EVENTS_EXCHANGE, close_quietly, connect
from .tables import OUTBOX_CHANNEL
from .topology import declare_exchanges

log = logging.getLogger(__name__)

HOUSEKEEPING_INTERVAL = timedelta(minutes=10)


class OutboxRelay:
    def __init__(self, service: str, db: Database, outbox: Table, inbox: Table | None, rabbitmq_url: str, *,
                 batch_size: int = 500, retention_days: int = 7, inbox_retention_days: int = 30,
                 idle_wait: float = 1.0):
        self.service = service
        self.db = db
        self.outbox = outbox
        self.inbox = inbox
        self.rabbitmq_url = rabbitmq_url
        self.batch_size = batch_size
        self.retention = timedelta(days=retention_days)
        self.inbox_retention = timedelta(days=inbox_retention_days)
        self.idle_wait = idle_wait
        self._last_housekeeping = datetime.min.replace(tzinfo=timezone.utc)

    # -- leadership -------------------------------------------------------------------------------------
    def _connect(self) -> psycopg.Connection:
        conninfo = self.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        return psycopg.connect(conninfo, autocommit=True, connect_timeout=5)

    def _lock_connection(self) -> psycopg.Connection | None:
        conn = self._connect()
        acquired = conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))",
                                (f"outbox-relay:{self.service}",)).fetchone()[0]
        if not acquired:
            conn.close()
            return None
        conn.execute(f"LISTEN {OUTBOX_CHANNEL}")
        return conn

    # -- main loop --------------------------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        backoff = 0.5
        while not stop.is_set():
            lock_conn = query_conn = connection = None
            try:
                lock_conn = self._lock_connection()
                if lock_conn is None:
                    stop.wait(2.0)
                    continue
                query_conn = self._connect()
                connection = connect(self.rabbitmq_url, name=f"{self.service}-relay", stop_event=stop)
                channel = connection.channel()
                channel.confirm_delivery()
                declare_exchanges(channel)
                log.info("outbox relay active", extra={"service": self.service})
                backoff = 0.5
                self._relay_until_stopped(stop, lock_conn, query_conn, channel, connection)
            except (DBAPIError, psycopg.Error, *CONNECTION_ERRORS) as exc:
                log.warning("outbox relay interrupted, restarting", extra={"error": repr(exc)})
                stop.wait(backoff)
                backoff = min(backoff * 2, 10)
            finally:
                close_quietly(connection)
                for conn in (query_conn, lock_conn):
                    if conn is not None:
                        conn.close()

    def _relay_until_stopped(self, stop, lock_conn, query_conn, channel, connection) -> None:
        while not stop.is_set():
            published = self.publish_pending(query_conn, channel)
            self._housekeeping()
            if published < self.batch_size:
                # Sleep until a commit NOTIFYs (or the idle timeout), keeping broker heartbeats served.
                for _ in lock_conn.notifies(timeout=self.idle_wait, stop_after=1):
                    pass
                connection.process_data_events(time_limit=0)

    def publish_pending(self, conn: psycopg.Connection, channel) -> int:
        rows = conn.execute(
            f"SELECT id, event_id, event_type, correlation_id, body FROM {self.outbox.name} "
            "WHERE status = 'pending' ORDER BY id LIMIT %s", (self.batch_size,)).fetchall()
        if not rows:
            return 0
        published, unroutable = [], []
        try:
            for row_id, event_id, event_type, correlation_id, body in rows:
                properties = pika.BasicProperties(
                    message_id=str(event_id), type=event_type, correlation_id=correlation_id,
                    content_type="application/json", delivery_mode=pika.DeliveryMode.Persistent,
                    app_id=self.service, timestamp=int(time.time()),
                )
                try:
                    channel.basic_publish(EVENTS_EXCHANGE, event_type, body.encode(), properties, mandatory=True)
                except UnroutableError:
                    # No queue is bound for this type: nobody consumes it (topology is declared before
                    # consumers start). Recorded as such rather than retried forever ahead of the rest.
                    unroutable.append(row_id)
                    log.info("event has no subscriber", extra={"event_type": event_type})
                    continue
                except NackError:
                    log.warning("broker refused an event, will retry", extra={"event_id": str(event_id)})
                    raise
                published.append(row_id)
            crash_point("relay_after_publish_before_mark")
        finally:
            self._mark(conn, published, "published")
            self._mark(conn, unroutable, "unroutable")
        return len(rows)

    def _mark(self, conn: psycopg.Connection, ids: list[int], status: str) -> None:
        if ids:
            conn.execute(f"UPDATE {self.outbox.name} SET status = %s, published_at = %s WHERE id = ANY(%s)",
                         (status, datetime.now(timezone.utc), ids))

    def _housekeeping(self) -> None:
        now = datetime.now(timezone.utc)
        if now - self._last_housekeeping < HOUSEKEEPING_INTERVAL:
            return
        self._last_housekeeping = now
        with self.db.engine.begin() as conn:
            removed = conn.execute(delete(self.outbox).where(
                self.outbox.c.status != "pending", self.outbox.c.published_at < now - self.retention)).rowcount
            if self.inbox is not None:
                conn.execute(delete(self.inbox).where(self.inbox.c.received_at < now - self.inbox_retention))
        if removed:
            log.info("outbox rows past retention removed", extra={"count": removed})
