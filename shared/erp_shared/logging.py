"""JSON logs with the service name and the current flow's correlation id on every line."""
from __future__ import annotations

import logging
import os
import sys

from pythonjsonlogger.json import JsonFormatter

from .events.context import peek_flow


class FlowFilter(logging.Filter):
    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        flow = peek_flow()
        record.correlation_id = flow.correlation_id if flow else None
        record.causation_id = flow.causation_id if flow else None
        return True


def configure_logging(service: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(correlation_id)s %(causation_id)s",
        rename_fields={"asctime": "ts", "levelname": "level", "name": "logger"}, timestamp=False))
    handler.addFilter(FlowFilter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get("ERP_LOG_LEVEL", "INFO"))
    # pika warns about every returned (unroutable) publish; the relay logs those itself, once, with context.
    logging.getLogger("pika").setLevel(logging.ERROR)
