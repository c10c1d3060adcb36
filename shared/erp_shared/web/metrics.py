"""Prometheus metrics, safe under gunicorn's multiple workers (PROMETHEUS_MULTIPROC_DIR)."""
from __future__ import annotations

import os
import time

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

REQUESTS = Counter("erp_http_requests_total", "HTTP requests", ["service", "method", "endpoint", "status"])
LATENCY = Histogram("erp_http_request_duration_seconds", "HTTP request latency", ["service", "method", "endpoint"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))


def registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        collected = CollectorRegistry()
        multiprocess.MultiProcessCollector(collected)
        return collected
    from prometheus_client import REGISTRY
    return REGISTRY


def install_metrics(app: Flask, service: str, extra_collectors=()) -> None:
    @app.before_request
    def start_timer():
        g.started_at = time.perf_counter()

    @app.after_request
    def observe(response):
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        if endpoint != "/metrics":
            LATENCY.labels(service, request.method, endpoint).observe(time.perf_counter() - g.get("started_at", 0))
            REQUESTS.labels(service, request.method, endpoint, str(response.status_code)).inc()
        return response

    @app.get("/metrics")
    def metrics():
        output = generate_latest(registry())
        for collector in extra_collectors:
            output += collector()
        return Response(output, mimetype=CONTENT_TYPE_LATEST)


class BacklogCollector:
    """Outbox rows not yet relayed and messages parked in the service's dead-letter queue, read at scrape
    time (cached briefly) so they are true whichever process scrapes."""

    def __init__(self, service: str, db, dead_letters=None, ttl: float = 10.0):
        self.service = service
        self.db = db
        self.dead_letters = dead_letters
        self.ttl = ttl
        self._cached: tuple[float, list] = (0.0, [])

    def _read(self) -> list:
        from prometheus_client.core import GaugeMetricFamily
        from sqlalchemy import text

        families = []
        try:
            with self.db.engine.connect() as conn:
                pending = conn.execute(text("SELECT count(*) FROM outbox WHERE status = 'pending'")).scalar_one()
            family = GaugeMetricFamily("erp_outbox_pending", "Events committed but not yet published",
                                       labels=["service"])
            family.add_metric([self.service], pending)
            families.append(family)
        except Exception:  # noqa: BLE001 - an unreachable database leaves the metric out, /ready says why
            pass
        if self.dead_letters is not None:
            try:
                family = GaugeMetricFamily("erp_dead_letters", "Messages parked in the dead-letter queue",
                                           labels=["service"])
                family.add_metric([self.service], self.dead_letters.depth())
                families.append(family)
            except Exception:  # noqa: BLE001 - likewise for the broker
                pass
        return families

    def collect(self):
        at, families = self._cached
        if time.monotonic() - at > self.ttl:
            families = self._read()
            self._cached = (time.monotonic(), families)
        return iter(families)

    def exposition(self) -> bytes:
        registry = CollectorRegistry()
        registry.register(self)
        return generate_latest(registry)
