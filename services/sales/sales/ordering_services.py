"""Sales order use cases: one transaction each — lock the order, let the domain decide, record the events,
commit.

Creates take the caller's session (they run inside `idempotent_create`'s unit of work); every other use case
opens its own unit of work.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.events import current_flow
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import ordering_domain as domain
from .credit import check_credit
from .models import SalesOrder, SalesOrderLine, document_counters, outbox
from .ordering_events import order_cancelled, order_confirmed
from .ordering_queries import present_order
from .ordering_references import active_customer, require_active_line_references
from .ordering_store import lock_order

LINE_VALUES = ("line_no", "item_id", "warehouse_id", "quantity", "unit_price", "discount_pct", "tax_rate",
               "net_amount", "tax_amount")
ORDER_PREFIX = "SO"


def now() -> datetime:
    return datetime.now(timezone.utc)


def order_lines(session: Session, lines: list[dict], order_date, requested_date) -> tuple[list[SalesOrderLine], dict]:
    """New line rows (numbered, priced) for an order, their items and warehouses checked against the read
    models, and the order's totals."""
    require_active_line_references(session, lines)
    priced, totals = domain.priced_lines(lines, order_date, requested_date)
    return [SalesOrderLine(id=uuid.uuid4(), **{name: line[name] for name in LINE_VALUES}) for line in priced], totals


def create_sales_order(session: Session, values: dict, principal: Principal) -> dict:
    """A new draft. The number is taken last, so its counter row stays locked only until commit."""
    active_customer(session, values["customer_id"])
    order_date = values.get("order_date") or now().date()
    lines, totals = order_lines(session, values["lines"], order_date, values.get("requested_date"))
    stamp = now()
    order = SalesOrder(
        id=uuid.uuid4(), customer_id=values["customer_id"], status=domain.DRAFT, order_date=order_date,
        requested_date=values.get("requested_date"), notes=values.get("notes"), **totals,
        created_by=principal.subject, created_by_name=principal.username, version=1, created_at=stamp,
        updated_at=stamp, lines=lines)
    order.number = next_number(session, document_counters, ORDER_PREFIX)
    session.add(order)
    session.flush()
    return present_order(session, order)


def change_sales_order(db: Database, order_id: uuid.UUID, values: dict) -> dict:
    """Replace header fields and/or the whole set of lines of a draft; amounts are priced again."""
    with db.unit_of_work() as session:
        order = lock_order(session, order_id)
        domain.edit(order, now())
        if "customer_id" in values:
            active_customer(session, values["customer_id"])
        for name in ("customer_id", "order_date", "requested_date", "notes"):
            if name in values:
                setattr(order, name, values[name])
        if "lines" in values:
            lines, totals = order_lines(session, values["lines"], order.order_date, order.requested_date)
            order.lines.clear()
            session.flush()  # the old line numbers must be gone before the new ones are inserted
            order.lines.extend(lines)
            for name, amount in totals.items():
                setattr(order, name, amount)
        else:  # the dates may have moved: the kept lines must still agree with them
            domain.priced_lines([{name: getattr(line, name) for name in LINE_VALUES} for line in order.lines],
                                order.order_date, order.requested_date)
        session.flush()
        return present_order(session, order)


def confirm_sales_order(db: Database, order_id: uuid.UUID, principal: Principal) -> dict:
    """The credit check decides: within the limit the reservation request leaves with the confirmation (one
    transaction); over it the order waits in credit_hold and inventory hears nothing."""
    with db.unit_of_work() as session:
        order = lock_order(session, order_id)
        domain.require_status(order, (domain.DRAFT,), "confirmed")
        credit = check_credit(session, order)
        requested = domain.confirm(order, within_credit=credit.within_limit, exposure=credit.exposure,
                                   credit_limit=credit.credit_limit, confirmer_id=principal.subject,
                                   confirmer_name=principal.username, now=now())
        if requested:
            _request_reservation(session, order)
        session.flush()
        return present_order(session, order)


def release_credit_hold(db: Database, order_id: uuid.UUID, principal: Principal) -> dict:
    with db.unit_of_work() as session:
        order = lock_order(session, order_id)
        domain.release_credit(order, releaser_id=principal.subject, releaser_name=principal.username,
                              releaser_roles=principal.roles, now=now())
        _request_reservation(session, order)
        session.flush()
        return present_order(session, order)


def cancel_sales_order(db: Database, order_id: uuid.UUID, reason: str) -> dict:
    with db.unit_of_work() as session:
        order = lock_order(session, order_id)
        if domain.cancel(order, reason=reason, now=now()):
            record_events(session, outbox, order_cancelled(order))
        session.flush()
        return present_order(session, order)


def _request_reservation(session: Session, order: SalesOrder) -> None:
    """The flow that asked for the reservation is kept, so a re-sent request still belongs to it."""
    order.correlation_id = current_flow().correlation_id
    record_events(session, outbox, order_confirmed(order))
