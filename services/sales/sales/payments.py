"""Receiving a customer's payment, spread over their open invoices: the invoices' paid amounts, the orders
that are thereby settled, and `sales.customer_payment_received.v1` for finance, in one transaction.

The invoices are locked (in id order, before the number counter), so two payments against one invoice queue
and the second sees what the first left open: an invoice is never paid beyond its total.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import billing_domain as domain
from .billing_events import customer_payment_received
from .billing_queries import present_payment
from .billing_store import invoice_statuses_of, lock_invoices, lock_orders, payable
from .models import CustomerPayment, CustomerPaymentAllocation, document_counters, outbox
from .ordering_domain import changed
from .ordering_references import known_customer

PAYMENT_PREFIX = "RCPT"


def receive_customer_payment(session: Session, values: dict, principal: Principal) -> dict:
    """Runs inside `idempotent_create`'s unit of work, so a retried payment is answered, not booked twice.
    A customer who has since been deactivated may still pay what they owe."""
    customer = known_customer(session, values["customer_id"])
    now = datetime.now(timezone.utc)
    received_at = (values.get("received_at") or now).astimezone(timezone.utc)
    domain.check_received_at(received_at, now)
    requests = [domain.AllocationRequest(a["invoice_id"], a["amount"]) for a in values["allocations"]]
    invoices = lock_invoices(session, {request.invoice_id for request in requests})
    domain.check_allocations(customer.id, values["amount"], received_at.date(), requests,
                             {invoice_id: payable(invoice) for invoice_id, invoice in invoices.items()})
    for request in requests:
        invoice = invoices[request.invoice_id]
        invoice.amount_paid, invoice.status = domain.settle(payable(invoice), request.amount)
    session.flush()
    for order in lock_orders(session, {invoice.sales_order_id for invoice in invoices.values()}):
        if domain.order_settled(order.status, invoice_statuses_of(session, order.id)):
            order.status = domain.PAID
            changed(order, now)
    payment = CustomerPayment(
        id=uuid.uuid4(), number=next_number(session, document_counters, PAYMENT_PREFIX), customer_id=customer.id,
        received_at=received_at, amount=values["amount"], reference=values.get("reference"),
        received_by=principal.username, created_at=now, allocations=[
            CustomerPaymentAllocation(id=uuid.uuid4(), line_no=n, invoice_id=request.invoice_id, amount=request.amount)
            for n, request in enumerate(requests, start=1)])
    session.add(payment)
    session.flush()
    record_events(session, outbox, customer_payment_received(
        payment, {invoice_id: invoice.number for invoice_id, invoice in invoices.items()}))
    return present_payment(session, payment)
