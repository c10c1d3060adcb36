"""gunicorn settings shared by every API: `gunicorn -c python:erp_shared.web.gunicorn_conf ...`."""
import os

from prometheus_client import multiprocess

workers = int(os.environ.get("ERP_API_WORKERS", "1"))
threads = int(os.environ.get("ERP_API_THREADS", "8"))
worker_class = "gthread"
timeout = int(os.environ.get("ERP_API_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
accesslog = None
control_socket_disable = True


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
