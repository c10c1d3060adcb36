"""Read side of payables documents: supplier invoices (the exceptions list is a filter on them) and payments,
shaped for the response schemas."""
from __future__ import annotations

import uuid

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from erp_shared.errors import NotFound
from erp_shared.web.sorting import Sorting

from . import payables_domain as domain
from .models import PurchaseOrder, SupplierInvoice, SupplierPayment
from .payables_ordering import in_entry_order

INVOICE_COLUMNS = ("id", "number", "supplier_invoice_ref", "supplier_id", "purchase_order_id", "invoice_date",
                   "due_date", "status", "exceptions", "grni_amount", "price_variance", "total_amount", "amount_paid",
                   "entered_by", "approved_by", "approved_at", "posted_at", "created_at")
LINE_COLUMNS = ("id", "po_line_id", "item_id", "quantity", "unit_price", "po_unit_price", "amount", "grni_amount",
                "price_variance")
PAYMENT_COLUMNS = ("id", "number", "supplier_id", "paid_at", "amount", "reference", "paid_by", "created_at")


def _page(session: Session, query: Select, page: int, page_size: int) -> tuple[list, int]:
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = session.execute(query.offset((page - 1) * page_size).limit(page_size)).all()
    return rows, total


def invoice_view(invoice: SupplierInvoice, po_number: str) -> dict:
    view = {name: getattr(invoice, name) for name in INVOICE_COLUMNS}
    view["po_number"] = po_number
    view["open_amount"] = domain.open_amount(invoice.status, invoice.total_amount, invoice.amount_paid)
    view["lines"] = [{name: getattr(line, name) for name in LINE_COLUMNS} for line in in_entry_order(invoice.lines)]
    return view


def get_invoice(session: Session, invoice_id: uuid.UUID) -> dict:
    row = session.execute(_invoices().where(SupplierInvoice.id == invoice_id)).first()
    if row is None:
        raise NotFound(f"no supplier invoice with id {invoice_id}")
    return invoice_view(row.SupplierInvoice, row.po_number)


INVOICE_SORTING = Sorting(
    {name: getattr(SupplierInvoice, name) for name in ("number", "supplier_invoice_ref", "invoice_date", "due_date",
                                                       "status", "total_amount", "created_at")},
    tie_breaker=SupplierInvoice.id, default=(SupplierInvoice.created_at, SupplierInvoice.number))


def find_invoices(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Oldest first unless `sort` says otherwise: the exceptions list is a work queue."""
    query = _invoices().order_by(*INVOICE_SORTING.order_by(filters.get("sort")))
    for name in ("status", "supplier_id", "purchase_order_id"):
        if name in filters:
            query = query.where(getattr(SupplierInvoice, name) == filters[name])
    rows, total = _page(session, query, page, page_size)
    return [invoice_view(row.SupplierInvoice, row.po_number) for row in rows], total


def _invoices() -> Select:
    return (select(SupplierInvoice, PurchaseOrder.number.label("po_number"))
            .join(PurchaseOrder, PurchaseOrder.id == SupplierInvoice.purchase_order_id)
            .options(selectinload(SupplierInvoice.lines)))


def payment_view(payment: SupplierPayment, invoice_numbers: dict[uuid.UUID, str]) -> dict:
    view = {name: getattr(payment, name) for name in PAYMENT_COLUMNS}
    view["allocations"] = [{"invoice_id": a.invoice_id, "invoice_no": invoice_numbers[a.invoice_id],
                            "amount": a.amount} for a in in_entry_order(payment.allocations)]
    return view


def payment_views(session: Session, payments: list[SupplierPayment]) -> list[dict]:
    """One query for the numbers of every invoice the payments settle, not one per payment."""
    wanted = {allocation.invoice_id for payment in payments for allocation in payment.allocations}
    numbers = dict(session.execute(select(SupplierInvoice.id, SupplierInvoice.number)
                                   .where(SupplierInvoice.id.in_(wanted))).all()) if wanted else {}
    return [payment_view(payment, numbers) for payment in payments]


def get_payment(session: Session, payment_id: uuid.UUID) -> dict:
    payment = session.execute(_payments().where(SupplierPayment.id == payment_id)).scalar_one_or_none()
    if payment is None:
        raise NotFound(f"no supplier payment with id {payment_id}")
    return payment_views(session, [payment])[0]


def find_payments(session: Session, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    """Newest first, like a bank statement read backwards."""
    query = _payments().order_by(SupplierPayment.paid_at.desc(), SupplierPayment.number.desc())
    if "supplier_id" in filters:
        query = query.where(SupplierPayment.supplier_id == filters["supplier_id"])
    rows, total = _page(session, query, page, page_size)
    return payment_views(session, [row.SupplierPayment for row in rows]), total


def _payments() -> Select:
    return select(SupplierPayment).options(selectinload(SupplierPayment.allocations))
