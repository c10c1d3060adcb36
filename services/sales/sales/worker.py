"""`python -m sales.worker`: outbox relay, event consumer, and the reservation saga's timeout sweep."""
from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta, timezone
from typing import Mapping

from erp_shared.config import Settings
from erp_shared.worker import PeriodicTask, run_worker

from . import SERVICE
from .handlers import HANDLERS
from .models import metadata
from .saga_sweep import sweep_stuck_orders

log = logging.getLogger(__name__)

MAX_RESERVATION_RESENDS = 5


def saga_sweep_task(environ: Mapping[str, str] = os.environ) -> PeriodicTask:
    """Every ERP_SAGA_SWEEP_SECONDS (10), orders waiting longer than ERP_SAGA_TIMEOUT_SECONDS (30) for
    inventory's reply are asked about again, and cancelled after 5 unanswered re-sends."""
    interval = float(environ.get("ERP_SAGA_SWEEP_SECONDS") or 10)
    timeout = timedelta(seconds=float(environ.get("ERP_SAGA_TIMEOUT_SECONDS") or 30))
    if interval <= 0 or timeout <= timedelta(0):
        raise ValueError("ERP_SAGA_SWEEP_SECONDS and ERP_SAGA_TIMEOUT_SECONDS must be positive")

    def sweep(db) -> None:
        result = sweep_stuck_orders(db, datetime.now(timezone.utc), timeout, MAX_RESERVATION_RESENDS)
        if result.resent or result.cancelled:
            log.info("reservation sweep", extra={"resent": result.resent, "cancelled": result.cancelled})

    return PeriodicTask("reservation-sweep", interval, sweep)


if __name__ == "__main__":
    run_worker(Settings.from_env(SERVICE), metadata, HANDLERS, periodic=(saga_sweep_task(),))
