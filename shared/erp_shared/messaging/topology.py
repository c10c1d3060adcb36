"""RabbitMQ topology, declared idempotently from code and exported to definitions.json.

Per consuming service: a quorum work queue bound to the event types it handles, classic delay queues that
dead-letter back to the work queue, and a dead-letter queue on `erp.dlx`. Dead-lettering and the delivery
limit are set by policy (management API) so they can change on a live broker.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pika
import requests

from .broker import DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE

DELIVERY_LIMIT = 10


def delay_label(delay_ms: int) -> str:
    return f"{delay_ms // 1000}s" if delay_ms % 1000 == 0 else f"{delay_ms}ms"


@dataclass(frozen=True)
class ServiceQueues:
    service: str
    bindings: tuple[str, ...]
    retry_delays_ms: tuple[int, ...]

    @property
    def work_queue(self) -> str:
        return f"{self.service}.events"

    @property
    def dead_letter_queue(self) -> str:
        return f"{self.service}.events.dlq"

    def retry_queue(self, attempt: int) -> str:
        """Attempt 1 waits the first delay; later attempts the next, then the last one again."""
        delay = self.retry_delays_ms[min(attempt, len(self.retry_delays_ms)) - 1]
        return f"{self.work_queue}.retry.{delay_label(delay)}"

    def retry_queue_args(self, delay_ms: int) -> dict:
        return {
            "x-message-ttl": delay_ms,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": self.work_queue,
        }

    def policy(self) -> dict:
        return {
            "name": f"erp-{self.service}-events",
            "pattern": f"^{self.service}\\.events$",
            "apply-to": "queues",
            "priority": 10,
            "definition": {
                "dead-letter-exchange": DEAD_LETTER_EXCHANGE,
                "dead-letter-routing-key": self.work_queue,
                "delivery-limit": DELIVERY_LIMIT,
            },
        }


def declare_exchanges(channel) -> None:
    channel.exchange_declare(EVENTS_EXCHANGE, exchange_type="topic", durable=True)
    channel.exchange_declare(DEAD_LETTER_EXCHANGE, exchange_type="direct", durable=True)


def declare(channel, queues: ServiceQueues) -> None:
    """Safe to run on every start-up: declaring what exists with the same arguments is a no-op."""
    declare_exchanges(channel)
    channel.queue_declare(queues.work_queue, durable=True, arguments={"x-queue-type": "quorum"})
    for event_type in queues.bindings:
        channel.queue_bind(queues.work_queue, EVENTS_EXCHANGE, routing_key=event_type)
    for delay in queues.retry_delays_ms:
        name = f"{queues.work_queue}.retry.{delay_label(delay)}"
        channel.queue_declare(name, durable=True, arguments=queues.retry_queue_args(delay))
    channel.queue_declare(queues.dead_letter_queue, durable=True)
    channel.queue_bind(queues.dead_letter_queue, DEAD_LETTER_EXCHANGE, routing_key=queues.work_queue)


def vhost_of(amqp_url: str) -> str:
    return pika.URLParameters(amqp_url).virtual_host


def user_of(amqp_url: str) -> str:
    return pika.URLParameters(amqp_url).credentials.username


class Management:
    """The few management-API calls we need: vhosts and policies cannot be set over AMQP."""

    def __init__(self, url: str, timeout: float = 10):
        parts = urlsplit(url)
        self.base = f"{parts.scheme}://{parts.hostname}:{parts.port or 15672}/api"
        self.auth = (parts.username or "guest", parts.password or "guest")
        self.timeout = timeout

    def _call(self, method: str, path: str, **kwargs) -> requests.Response:
        response = requests.request(method, self.base + path, auth=self.auth, timeout=self.timeout, **kwargs)
        if response.status_code >= 400 and not (method == "DELETE" and response.status_code == 404):
            raise RuntimeError(f"RabbitMQ management {method} {path}: {response.status_code} {response.text}")
        return response

    def ensure_vhost(self, vhost: str, user: str) -> None:
        self._call("PUT", f"/vhosts/{quote(vhost, safe='')}", json={})
        self._call("PUT", f"/permissions/{quote(vhost, safe='')}/{quote(user, safe='')}",
                   json={"configure": ".*", "write": ".*", "read": ".*"})

    def delete_vhost(self, vhost: str) -> None:
        self._call("DELETE", f"/vhosts/{quote(vhost, safe='')}")

    def apply_policy(self, vhost: str, policy: dict) -> None:
        body = {k: policy[k] for k in ("pattern", "apply-to", "priority", "definition")}
        self._call("PUT", f"/policies/{quote(vhost, safe='')}/{quote(policy['name'], safe='')}", json=body)

    def queue(self, vhost: str, name: str) -> dict:
        return self._call("GET", f"/queues/{quote(vhost, safe='')}/{quote(name, safe='')}").json()


def definitions(all_queues: list[ServiceQueues], vhost: str = "erp") -> dict:
    """The same topology as `declare`, in the format RabbitMQ loads at boot (`load_definitions`)."""
    exchanges = [
        {"name": EVENTS_EXCHANGE, "vhost": vhost, "type": "topic", "durable": True, "auto_delete": False,
         "internal": False, "arguments": {}},
        {"name": DEAD_LETTER_EXCHANGE, "vhost": vhost, "type": "direct", "durable": True, "auto_delete": False,
         "internal": False, "arguments": {}},
    ]
    queues, bindings, policies = [], [], []
    for q in sorted(all_queues, key=lambda q: q.service):
        queues.append({"name": q.work_queue, "vhost": vhost, "durable": True, "auto_delete": False,
                       "arguments": {"x-queue-type": "quorum"}})
        for delay in q.retry_delays_ms:
            queues.append({"name": f"{q.work_queue}.retry.{delay_label(delay)}", "vhost": vhost, "durable": True,
                           "auto_delete": False, "arguments": q.retry_queue_args(delay)})
        queues.append({"name": q.dead_letter_queue, "vhost": vhost, "durable": True, "auto_delete": False,
                       "arguments": {}})
        for event_type in sorted(q.bindings):
            bindings.append({"source": EVENTS_EXCHANGE, "vhost": vhost, "destination": q.work_queue,
                             "destination_type": "queue", "routing_key": event_type, "arguments": {}})
        bindings.append({"source": DEAD_LETTER_EXCHANGE, "vhost": vhost, "destination": q.dead_letter_queue,
                         "destination_type": "queue", "routing_key": q.work_queue, "arguments": {}})
        policy = q.policy()
        policies.append({"vhost": vhost, **policy})
    return {
        "rabbit_version": "3.10.8",
        "vhosts": [{"name": vhost}],
        "exchanges": exchanges,
        "queues": queues,
        "bindings": bindings,
        "policies": policies,
    }
