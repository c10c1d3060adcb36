"""Read side of billing: invoices (one, an order's, filtered lists) and customer payments."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from erp_shared.db import Database
from erp_shared.errors import NotFound

from .billing_store import payable
from .models import Customer, CustomerPayment, Invoice, SalesOrder
from .ordering_references import items_by_id
from .ordering_store import get_order

INVOICE_FIELDS = ("id", "number", "customer_id", "sales_order_id", "invoice_date", "due_date", "status", "net_total",
                  "tax_total", "total_amount", "amount_paid", "amount_credited", "issued_by", "created_at")
INVOICE_LINE_FIELDS = ("id", "line_no", "order_line_id", "item_id", "quantity", "unit_price", "discount_pct",
                       "net_amount", "tax_rate", "tax_amount")
PAYMENT_FIELDS = ("id", "number", "customer_id", "received_at", "amount", "reference", "received_by", "created_at")


def present_invoice(session: Session, invoice: Invoice) -> dict:
    items = items_by_id(session, (line.item_id for line in invoice.lines))
    customer = session.get(Customer, invoice.customer_id)
    lines = [{**{name: getattr(line, name) for name in INVOICE_LINE_FIELDS},
              "item_code": items[line.item_id].code if line.item_id in items else None,
              "item_name": items[line.item_id].name if line.item_id in items else None} for line in invoice.lines]
    return {**{name: getattr(invoice, name) for name in INVOICE_FIELDS},
            "order_number": session.get(SalesOrder, invoice.sales_order_id).number,
            "customer_code": customer.code, "customer_name": customer.name,
            "open_amount": payable(invoice).open_amount, "lines": lines}


def read_invoice(db: Database, invoice_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        invoice = session.get(Invoice, invoice_id)
        if invoice is None:
            raise NotFound(f"no invoice with id {invoice_id}")
        return present_invoice(session, invoice)


def _page(session: Session, conditions: list, order_by, page: int, page_size: int) -> tuple[list[dict], int]:
    total = session.execute(select(func.count()).select_from(Invoice).where(*conditions)).scalar_one()
    invoices = session.execute(select(Invoice).where(*conditions).options(selectinload(Invoice.lines))
                               .order_by(order_by).offset((page - 1) * page_size).limit(page_size)).scalars()
    return [present_invoice(session, invoice) for invoice in invoices], total


def invoices_of_order(db: Database, order_id: uuid.UUID, page: int, page_size: int) -> tuple[list[dict], int]:
    """Oldest first; 404 for an unknown order."""
    with db.unit_of_work() as session:
        get_order(session, order_id)
        return _page(session, [Invoice.sales_order_id == order_id], Invoice.number, page, page_size)


def list_invoices(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest first, by customer and/or status."""
    conditions = [getattr(Invoice, name) == filters[name] for name in ("customer_id", "status") if name in filters]
    with db.unit_of_work() as session:
        return _page(session, conditions, Invoice.number.desc(), page, page_size)


def present_payment(session: Session, payment: CustomerPayment) -> dict:
    numbers = dict(session.execute(select(Invoice.id, Invoice.number).where(
        Invoice.id.in_([a.invoice_id for a in payment.allocations]))).all())
    customer = session.get(Customer, payment.customer_id)
    return {**{name: getattr(payment, name) for name in PAYMENT_FIELDS},
            "customer_code": customer.code, "customer_name": customer.name,
            "allocations": [{"invoice_id": a.invoice_id, "invoice_no": numbers[a.invoice_id], "amount": a.amount}
                            for a in payment.allocations]}


def read_payment(db: Database, payment_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        payment = session.get(CustomerPayment, payment_id)
        if payment is None:
            raise NotFound(f"no customer payment with id {payment_id}")
        return present_payment(session, payment)


def list_payments(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    conditions = [CustomerPayment.customer_id == filters["customer_id"]] if "customer_id" in filters else []
    with db.unit_of_work() as session:
        total = session.execute(select(func.count()).select_from(CustomerPayment).where(*conditions)).scalar_one()
        payments = session.execute(select(CustomerPayment).where(*conditions)
                                   .options(selectinload(CustomerPayment.allocations))
                                   .order_by(CustomerPayment.number.desc())
                                   .offset((page - 1) * page_size).limit(page_size)).scalars()
        return [present_payment(session, payment) for payment in payments], total
