"""Listing and replaying a service's dead letters, for the admin endpoints.

Listing reads messages without acking them and closes the channel, which returns them to the queue in
their original order. Replay sends one message straight to the service's own work queue (other
consumers already had it) with its retry count reset, then acks it out of the dead-letter queue.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pika

from .broker import close_quietly, connect
from .topology import ServiceQueues

SCAN_LIMIT = 10_000


@dataclass(frozen=True)
class DeadLetter:
    message_id: str | None
    event_type: str | None
    correlation_id: str | None
    reason: str | None
    error: str | None
    failed_at: str | None
    retry_count: int
    body: str

    @classmethod
    def from_message(cls, properties: pika.BasicProperties, body: bytes) -> "DeadLetter":
        headers = properties.headers or {}
        deaths = headers.get("x-death") or []
        reason = headers.get("x-error-reason") or (deaths[0].get("reason") if deaths else None)
        if isinstance(reason, bytes):
            reason = reason.decode()
        return cls(
            message_id=properties.message_id, event_type=properties.type,
            correlation_id=properties.correlation_id, reason=reason,
            error=headers.get("x-error"), failed_at=headers.get("x-failed-at"),
            retry_count=int(headers.get("x-retry-count", 0) or 0),
            body=body.decode("utf-8", errors="replace"),
        )


class DeadLetterQueue:
    def __init__(self, queues: ServiceQueues, rabbitmq_url: str):
        self.queues = queues
        self.rabbitmq_url = rabbitmq_url

    def depth(self) -> int:
        connection = connect(self.rabbitmq_url, name=f"{self.queues.service}-dlq", give_up_after=5)
        try:
            frame = connection.channel().queue_declare(self.queues.dead_letter_queue, passive=True)
            return frame.method.message_count
        finally:
            close_quietly(connection)

    def list(self, limit: int = 100) -> list[DeadLetter]:
        connection = connect(self.rabbitmq_url, name=f"{self.queues.service}-dlq", give_up_after=5)
        try:
            channel = connection.channel()
            letters = []
            while len(letters) < limit:
                method, properties, body = channel.basic_get(self.queues.dead_letter_queue, auto_ack=False)
                if method is None:
                    break
                letters.append(DeadLetter.from_message(properties, body))
            return letters
        finally:
            close_quietly(connection)  # unacked messages go back to the queue

    def replay(self, message_id: str | None = None) -> int:
        """Replay one message by id, or all of them when `message_id` is None. Returns how many."""
        connection = connect(self.rabbitmq_url, name=f"{self.queues.service}-dlq", give_up_after=5)
        replayed = 0
        try:
            channel = connection.channel()
            channel.confirm_delivery()
            for _ in range(SCAN_LIMIT):
                method, properties, body = channel.basic_get(self.queues.dead_letter_queue, auto_ack=False)
                if method is None:
                    break
                if message_id is not None and properties.message_id != message_id:
                    continue
                headers = {k: v for k, v in (properties.headers or {}).items()
                           if k not in ("x-death", "x-retry-count", "x-error", "x-error-reason", "x-failed-at",
                                        "x-last-error", "x-first-death-exchange", "x-first-death-queue",
                                        "x-first-death-reason", "x-delivery-count")}
                headers["x-replayed"] = True
                replay_properties = pika.BasicProperties(
                    message_id=properties.message_id, type=properties.type,
                    correlation_id=properties.correlation_id, app_id=properties.app_id,
                    content_type=properties.content_type, timestamp=properties.timestamp,
                    delivery_mode=pika.DeliveryMode.Persistent, headers=headers)
                channel.basic_publish("", self.queues.work_queue, body, replay_properties, mandatory=True)
                channel.basic_ack(method.delivery_tag)
                replayed += 1
                if message_id is not None:
                    break
            return replayed
        finally:
            close_quietly(connection)


def describe(letter: DeadLetter) -> dict:
    try:
        body = json.loads(letter.body)
    except ValueError:
        body = letter.body
    return {**letter.__dict__, "body": body}
