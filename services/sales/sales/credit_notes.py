"""Issuing a credit note against an invoice: the credited lines, the invoice's lower open amount (paid once
payments and credits settle it, and its order with it), and `sales.credit_note_issued.v1` for finance, all
in one transaction.

The invoice row is locked first (before its order and the number counter, the order payments take them in),
so two credit notes on one invoice queue and the second sees what the first credited: no line is credited
beyond what was invoiced, and no invoice beyond what is open on it.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import credit_note_domain as domain
from .billing_domain import PAID, order_settled
from .billing_events import credit_note_issued
from .billing_store import invoice_statuses_of, lock_invoice, lock_orders, payable
from .credit_note_queries import present_credit_note
from .models import CreditNote, CreditNoteLine, Invoice, InvoiceLine, document_counters, outbox
from .ordering_domain import ZERO_MONEY, changed

CREDIT_NOTE_PREFIX = "CN"


def creditable_lines(session: Session, invoice: Invoice) -> dict[uuid.UUID, domain.CreditableLine]:
    """The invoice's lines, each with what earlier credit notes took back from it (read under the invoice lock,
    which every credit note on it holds, so the sums cannot move underneath)."""
    rows = session.execute(
        select(InvoiceLine, func.coalesce(func.sum(CreditNoteLine.quantity), domain.ZERO_QUANTITY),
               func.coalesce(func.sum(CreditNoteLine.net_amount), ZERO_MONEY),
               func.coalesce(func.sum(CreditNoteLine.tax_amount), ZERO_MONEY))
        .outerjoin(CreditNoteLine, CreditNoteLine.invoice_line_id == InvoiceLine.id)
        .where(InvoiceLine.invoice_id == invoice.id).group_by(InvoiceLine.id)).all()
    return {line.id: domain.CreditableLine(
        line.id, line.line_no, line.order_line_id, line.item_id, line.quantity, line.unit_price, line.discount_pct,
        line.net_amount, line.tax_rate, line.tax_amount, credited_quantity, credited_net, credited_tax)
        for line, credited_quantity, credited_net, credited_tax in rows}


def settle_order_of(session: Session, invoice: Invoice, now: datetime) -> None:
    """As a payment does: an invoiced order whose invoices are all paid is paid."""
    for order in lock_orders(session, {invoice.sales_order_id}):
        if order_settled(order.status, invoice_statuses_of(session, order.id)):
            order.status = PAID
            changed(order, now)


def issue_credit_note(session: Session, invoice_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """Runs inside `idempotent_create`'s unit of work, so a retried credit note is answered, not issued twice."""
    invoice = lock_invoice(session, invoice_id)
    now = datetime.now(timezone.utc)
    credit_date = values.get("credit_date") or now.date()
    domain.check_credit_date(credit_date, invoice.invoice_date, now.date())
    requests = [domain.CreditRequest(line["invoice_line_id"], line["quantity"]) for line in values["lines"]]
    lines, totals = domain.credit_lines(invoice.number, creditable_lines(session, invoice), requests)
    invoice.amount_credited, invoice.status = domain.apply_credit(payable(invoice), totals["total_amount"])
    session.flush()
    if invoice.status == PAID:
        settle_order_of(session, invoice, now)
    credit_note = CreditNote(
        id=uuid.uuid4(), number=next_number(session, document_counters, CREDIT_NOTE_PREFIX), invoice_id=invoice.id,
        customer_id=invoice.customer_id, credit_date=credit_date, reason=values["reason"], **totals,
        issued_by=principal.username, created_at=now, lines=[CreditNoteLine(id=uuid.uuid4(), **line) for line in lines])
    session.add(credit_note)
    session.flush()
    record_events(session, outbox, credit_note_issued(credit_note))
    return present_credit_note(session, credit_note)
