"""The reservation saga's timeout: orders confirmed long ago with no reply from inventory are asked about
again, and in the end cancelled, so that no order stays pending forever.

Every worker replica runs the sweep; `FOR UPDATE SKIP LOCKED` gives each stuck order to one of them, and an
order a reply is being applied to right now is left for the next round.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from erp_shared.db import Database
from erp_shared.events import flow_context
from erp_shared.messaging.outbox import record_events

from . import ordering_domain as domain
from .models import SalesOrder, outbox
from .ordering_events import order_cancelled, order_confirmed
from .ordering_store import lock_lines
from .reservation_domain import COMPENSATE, RESEND, TIMED_OUT_REASON, sweep_action

BATCH = 200


@dataclass
class SweepResult:
    resent: list[str] = field(default_factory=list)      # order numbers
    cancelled: list[str] = field(default_factory=list)


def sweep_stuck_orders(db: Database, now: datetime, timeout: timedelta, max_attempts: int) -> SweepResult:
    """One round: each confirmed order whose last request is older than `timeout` gets it re-sent (the same
    message) until it was re-sent `max_attempts` times, then it is cancelled "reservation timed out"."""
    result = SweepResult()
    with db.unit_of_work() as session:
        stuck = session.execute(
            select(SalesOrder).where(SalesOrder.status == domain.CONFIRMED,
                                     SalesOrder.reservation_sent_at <= now - timeout)
            .order_by(SalesOrder.reservation_sent_at).limit(BATCH).with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)).scalars().all()
        for order in stuck:
            action = sweep_action(status=order.status, sent_at=order.reservation_sent_at,
                                  resends=order.reservation_resends, now=now, timeout=timeout,
                                  max_attempts=max_attempts)
            if action not in (RESEND, COMPENSATE):
                continue
            lock_lines(session, order)
            with flow_context(order.correlation_id or f"sweep:{order.number}", f"reservation-timeout:{order.number}"):
                if action == RESEND:
                    order.reservation_resends += 1
                    order.reservation_sent_at = now
                    record_events(session, outbox, order_confirmed(order))
                    result.resent.append(order.number)
                else:
                    domain.cancel(order, reason=TIMED_OUT_REASON, now=now)
                    record_events(session, outbox, order_cancelled(order))
                    result.cancelled.append(order.number)
    return result
