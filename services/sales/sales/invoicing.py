"""Invoicing a sales order: what was delivered and not yet billed becomes an invoice, and
`sales.invoice_issued.v1` tells finance, all in one transaction under the order's locks (so two clerks
invoicing at once never bill a delivered unit twice).
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import billing_domain as domain
from .billing_events import invoice_issued
from .billing_queries import present_invoice
from .billing_store import invoice_statuses_of
from .models import Invoice, InvoiceLine, document_counters, outbox
from .ordering_store import lock_order

INVOICE_PREFIX = "INV"


def invoice_sales_order(session: Session, order_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """Runs inside `idempotent_create`'s unit of work, so a retried invoice is answered, not issued twice."""
    order = lock_order(session, order_id)
    now = datetime.now(timezone.utc)
    invoice_date = values.get("invoice_date") or now.date()
    due_date = domain.due_date_for(invoice_date, values.get("due_date"))
    lines, totals = domain.invoice_order(order, invoice_date=invoice_date, today=now.date(), now=now)
    invoice = Invoice(
        id=uuid.uuid4(), number=next_number(session, document_counters, INVOICE_PREFIX), customer_id=order.customer_id,
        sales_order_id=order.id, invoice_date=invoice_date, due_date=due_date,
        status=domain.invoice_status(totals["total_amount"], domain.ZERO_MONEY), net_total=totals["net_total"],
        tax_total=totals["tax_total"], total_amount=totals["total_amount"], amount_paid=domain.ZERO_MONEY,
        amount_credited=domain.ZERO_MONEY, issued_by=principal.username, created_at=now,
        lines=[InvoiceLine(id=uuid.uuid4(), **line) for line in lines])
    session.add(invoice)
    session.flush()
    if domain.order_settled(order.status, invoice_statuses_of(session, order.id)):
        order.status = domain.PAID
    record_events(session, outbox, invoice_issued(invoice))
    return present_invoice(session, invoice)
