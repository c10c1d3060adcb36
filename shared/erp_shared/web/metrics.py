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
