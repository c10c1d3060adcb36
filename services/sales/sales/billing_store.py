"""Loading invoices and orders for a payment or a credit note, locked in one fixed order: the invoices (by id),
then their orders (by id, each with its lines, the way every order writer locks them). Invoicing holds an
order lock and only inserts new invoices, so none of them ever wait on each other in a circle."""
from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_shared.errors import NotFound

from .billing_domain import PayableInvoice
from .models import Invoice, SalesOrder
from .ordering_store import lock_order


def payable(invoice: Invoice) -> PayableInvoice:
    return PayableInvoice(invoice.id, invoice.number, invoice.customer_id, invoice.status, invoice.invoice_date,
                          invoice.total_amount, invoice.amount_paid, invoice.amount_credited)


def lock_invoices(session: Session, invoice_ids: set[uuid.UUID]) -> dict[uuid.UUID, Invoice]:
    rows = session.execute(select(Invoice).where(Invoice.id.in_(sorted(invoice_ids))).order_by(Invoice.id)
                           .with_for_update().execution_options(populate_existing=True)).scalars()
    return {row.id: row for row in rows}


def lock_invoice(session: Session, invoice_id: uuid.UUID) -> Invoice:
    """One invoice `SELECT .. FOR UPDATE`; 404 when there is no such invoice."""
    invoice = lock_invoices(session, {invoice_id}).get(invoice_id)
    if invoice is None:
        raise NotFound(f"no invoice with id {invoice_id}")
    return invoice


def lock_orders(session: Session, order_ids: set[uuid.UUID]) -> list[SalesOrder]:
    return [lock_order(session, order_id) for order_id in sorted(order_ids)]


def invoice_statuses_of(session: Session, order_id: uuid.UUID) -> list[str]:
    return list(session.execute(select(Invoice.status).where(Invoice.sales_order_id == order_id)).scalars())
