"""The gateway's own Prometheus series, next to erp_shared's per-endpoint request metrics."""
from __future__ import annotations

from prometheus_client import Counter, Histogram

UPSTREAM_ERRORS = Counter(
    "erp_gateway_upstream_errors_total",
    "Upstream failures by service and status: 502/504 made by the gateway, or the service's own 5xx",
    ["service", "status"])

UPSTREAM_LATENCY = Histogram(
    "erp_gateway_upstream_duration_seconds", "Time the upstream service took to answer", ["service"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
