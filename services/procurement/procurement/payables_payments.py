"""Use case: pay a supplier, spreading the payment over their posted invoices.

The invoices are locked (in id order, before the number counter), so two payments against one invoice queue
and the second sees what the first left open: an invoice is never paid beyond its total. The payment, the
invoices' paid amounts and the `supplier_payment_made` event commit together.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import payables_domain as domain
from .models import PaymentAllocation, SupplierInvoice, SupplierPayment, document_counters, outbox
from .payables_events import supplier_payment_made
from .payables_invoices import require_supplier
from .payables_ordering import ids_in_entry_order

PAYMENT_PREFIX = "PAY"


def pay_supplier(session: Session, values: dict, principal: Principal, now: datetime) -> SupplierPayment:
    supplier = require_supplier(session, values["supplier_id"])
    paid_at = values.get("paid_at") or now
    domain.require_not_future(paid_at, now)
    requests = [domain.AllocationRequest(a["invoice_id"], a["amount"]) for a in values["allocations"]]
    invoices = lock_invoices(session, {request.invoice_id for request in requests})
    payable = {invoice_id: payable_invoice(invoice) for invoice_id, invoice in invoices.items()}
    domain.check_allocations(supplier.id, values["amount"], business_date(paid_at), requests, payable)
    for request in requests:
        settlement = domain.settle(payable[request.invoice_id], request.amount)
        invoice = invoices[request.invoice_id]
        invoice.amount_paid, invoice.status = settlement.amount_paid, settlement.status
    payment = SupplierPayment(
        id=uuid.uuid4(), number=next_number(session, document_counters, PAYMENT_PREFIX), supplier_id=supplier.id,
        paid_at=paid_at, amount=values["amount"], reference=values.get("reference"), paid_by=principal.subject,
        created_at=now, allocations=[
            PaymentAllocation(id=allocation_id, invoice_id=request.invoice_id, amount=request.amount)
            for allocation_id, request in zip(ids_in_entry_order(len(requests)), requests)])
    session.add(payment)
    session.flush()
    numbers = {invoice_id: invoice.number for invoice_id, invoice in invoices.items()}
    record_events(session, outbox, supplier_payment_made(payment, numbers))
    return payment


def lock_invoices(session: Session, invoice_ids: set[uuid.UUID]) -> dict[uuid.UUID, SupplierInvoice]:
    rows = session.execute(select(SupplierInvoice).where(SupplierInvoice.id.in_(sorted(invoice_ids)))
                           .order_by(SupplierInvoice.id).with_for_update()
                           .execution_options(populate_existing=True)).scalars()
    return {row.id: row for row in rows}


def payable_invoice(invoice: SupplierInvoice) -> domain.PayableInvoice:
    return domain.PayableInvoice(invoice.id, invoice.number, invoice.supplier_id, invoice.status,
                                 invoice.invoice_date, invoice.total_amount, invoice.amount_paid)


def business_date(moment: datetime):
    """The UTC day, as finance dates the payment's journal entry."""
    return moment.astimezone(timezone.utc).date()
