"""A service's worker process: the outbox relay and any periodic tasks on threads, the event consumer on the
main thread."""
from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import MetaData

from .config import Settings
from .db import Database
from .logging import configure_logging
from .messaging.consumer import EventConsumer, Handler
from .messaging.relay import OutboxRelay
from .messaging.topology import ServiceQueues

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicTask:
    """Work a worker does on a clock rather than on an event (e.g. sweeping sagas that timed out). `run`
    gets the service's Database and should be idempotent: every replica of the worker runs it."""
    name: str
    interval_seconds: float
    run: Callable[[Database], None]


def run_periodically(task: PeriodicTask, db: Database, stop: threading.Event) -> None:
    while not stop.wait(task.interval_seconds):
        try:
            task.run(db)
        except Exception:  # noqa: BLE001 - a failed round is logged and tried again next interval
            log.exception("periodic task failed", extra={"task": task.name})


def service_queues(service: str, handlers: dict[str, Handler], settings: Settings) -> ServiceQueues:
    return ServiceQueues(service, tuple(sorted(handlers)), settings.retry_delays_ms)


def run_worker(settings: Settings, metadata: MetaData, handlers: dict[str, Handler],
               periodic: tuple[PeriodicTask, ...] = ()) -> None:
    configure_logging(settings.service)
    stop = threading.Event()

    def request_stop(signum, frame):
        log.info("stop requested; draining", extra={"signal": signum})
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)

    db = Database(settings.database_url)
    outbox, inbox = metadata.tables["outbox"], metadata.tables["inbox"]
    relay = OutboxRelay(settings.service, db, outbox, inbox, settings.rabbitmq_url,
                        batch_size=settings.relay_batch_size, retention_days=settings.outbox_retention_days)
    relay_thread = threading.Thread(target=relay.run, args=(stop,), name="outbox-relay", daemon=True)
    relay_thread.start()
    for task in periodic:
        threading.Thread(target=run_periodically, args=(task, db, stop), name=task.name, daemon=True).start()
    try:
        if handlers:
            queues = service_queues(settings.service, handlers, settings)
            EventConsumer(settings.service, db, inbox, handlers, queues, settings.rabbitmq_url,
                          prefetch=settings.consumer_prefetch, max_attempts=settings.max_attempts,
                          concurrency=settings.consumer_concurrency).run(stop)
        else:
            stop.wait()
    finally:
        stop.set()
        relay_thread.join(timeout=15)
        db.dispose()
        log.info("worker stopped")
