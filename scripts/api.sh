#!/usr/bin/env bash
# Start one API under gunicorn with its own Prometheus multiprocess directory (emptied at start, as the
# prometheus-client docs require), so metrics of different services and restarts never mix.
set -euo pipefail
service="$1"; port="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
export PROMETHEUS_MULTIPROC_DIR="${ERP_METRICS_DIR:-$root/var/metrics}/$service"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
module="$service"
exec gunicorn -c python:erp_shared.web.gunicorn_conf --bind "${ERP_BIND_HOST:-127.0.0.1}:$port" "$module.app:create_app()"
