"""Connections to RabbitMQ: opened on demand, never at import time, retried with back-off."""
from __future__ import annotations

import logging
import os

import pika
from pika.exceptions import AMQPConnectionError, AMQPError
from tenacity import Retrying, retry_if_exception_type, stop_after_delay, stop_never, wait_random_exponential

log = logging.getLogger(__name__)

EVENTS_EXCHANGE = "erp.events"
DEAD_LETTER_EXCHANGE = "erp.dlx"
CONNECTION_ERRORS = (AMQPError, OSError)


def connection_parameters(url: str, *, heartbeat: int | None = None, name: str = "erp") -> pika.URLParameters:
    """A dead broker (or one frozen by SIGSTOP) is noticed within two heartbeats (`ERP_BROKER_HEARTBEAT`)."""
    params = pika.URLParameters(url)
    params.heartbeat = heartbeat or int(os.environ.get("ERP_BROKER_HEARTBEAT", "10"))
    params.blocked_connection_timeout = 30
    params.socket_timeout = 5
    params.connection_attempts = 1
    params.client_properties = {"connection_name": name}
    return params


def connect(url: str, *, name: str, give_up_after: float | None = None, stop_event=None) -> pika.BlockingConnection:
    """Connect, retrying with exponential back-off and jitter until the broker answers (or time runs out)."""
    stop = stop_never if give_up_after is None else stop_after_delay(give_up_after)
    if stop_event is not None:
        stop = stop | (lambda state: stop_event.is_set())
    for attempt in Retrying(
        retry=retry_if_exception_type((AMQPConnectionError, OSError)),
        wait=wait_random_exponential(multiplier=0.2, max=5),
        stop=stop,
        reraise=True,
        before_sleep=lambda state: log.warning("broker unreachable, retrying", extra={
            "attempt": state.attempt_number, "error": str(state.outcome.exception())}),
    ):
        with attempt:
            return pika.BlockingConnection(connection_parameters(url, name=name))
    raise AMQPConnectionError("stopped before the broker answered")


def close_quietly(connection) -> None:
    try:
        if connection is not None and connection.is_open:
            connection.close()
    except CONNECTION_ERRORS:
        pass
