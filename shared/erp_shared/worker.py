"""A service's worker process: the outbox relay on a thread, the event consumer on the main thread."""
from __future__ import annotations

import logging
import signal
import threading

from sqlalchemy import MetaData

from .config import Settings
from .db import Database
from .logging import configure_logging
from .messaging.consumer import EventConsumer, Handler
from .messaging.relay import OutboxRelay
from .messaging.topology import ServiceQueues

log = logging.getLogger(__name__)


def service_queues(service: str, handlers: dict[str, Handler], settings: Settings) -> ServiceQueues:
    return ServiceQueues(service, tuple(sorted(handlers)), settings.retry_delays_ms)


def run_worker(settings: Settings, metadata: MetaData, handlers: dict[str, Handler]) -> None:
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
