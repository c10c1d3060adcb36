"""What is owed, from procurement's side: the supplier ledger with its ageing, open balances per supplier,
and goods received not invoiced. Each figure is built from the stored document amounts (never re-multiplied),
dated the way finance dates the journal entries (invoice date; the payment's UTC day), so these reports and
finance's AP subledger, account 2000 and account 2100 agree to the cent.
"""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from erp_shared.errors import NotFound

from . import payables_domain as domain
from .payables_matching import to_cents
from .models import (GoodsReceiptLine, PaymentAllocation, PurchaseOrder, PurchaseOrderLine, Supplier,
                     SupplierInvoice, SupplierInvoiceLine, SupplierPayment, item_replica)

ZERO = domain.ZERO


def paid_on():
    """The UTC day a payment was made, in SQL (finance's entry date for it)."""
    return cast(func.timezone("UTC", SupplierPayment.paid_at), Date)


def owing_invoices():
    return SupplierInvoice.status.in_(domain.OWING_STATUSES)


def supplier_ledger(session: Session, supplier_id: uuid.UUID, as_of: date) -> dict:
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise NotFound(f"no supplier with id {supplier_id}")
    invoices = session.execute(select(SupplierInvoice).where(
        SupplierInvoice.supplier_id == supplier_id, owing_invoices(),
        SupplierInvoice.invoice_date <= as_of)).scalars().all()
    payments = session.execute(select(SupplierPayment, paid_on().label("paid_on")).where(
        SupplierPayment.supplier_id == supplier_id, paid_on() <= as_of)).all()
    allocations = session.execute(
        select(PaymentAllocation.invoice_id, PaymentAllocation.amount, paid_on().label("paid_on"))
        .join(SupplierPayment, SupplierPayment.id == PaymentAllocation.payment_id)
        .where(SupplierPayment.supplier_id == supplier_id, paid_on() <= as_of)).all()
    entries = [domain.LedgerEntry(i.invoice_date, domain.INVOICE, i.id, i.number, i.supplier_invoice_ref,
                                  i.total_amount, i.due_date) for i in invoices]
    entries += [domain.LedgerEntry(row.paid_on, domain.PAYMENT, row.SupplierPayment.id, row.SupplierPayment.number,
                                   row.SupplierPayment.reference, -row.SupplierPayment.amount) for row in payments]
    ledger = domain.running_ledger(entries)
    items = domain.open_items(
        [domain.DatedInvoice(i.id, i.number, i.invoice_date, i.due_date, i.total_amount) for i in invoices],
        [domain.DatedAllocation(a.invoice_id, a.paid_on, a.amount) for a in allocations], as_of)
    return {
        "supplier": supplier, "as_of": as_of,
        "entries": [{"date": e.entry_date, "kind": e.kind, "document_id": e.document_id, "number": e.number,
                     "reference": e.reference, "due_date": e.due_date, "amount": e.amount, "balance": balance}
                    for e, balance in ledger],
        "open_balance": ledger[-1][1] if ledger else ZERO,
        "open_items": [{"invoice_id": item.invoice_id, "number": item.number, "due_date": item.due_date,
                        "days_overdue": max(domain.days_overdue(item.due_date, as_of), 0),
                        "bucket": domain.ageing_bucket(domain.days_overdue(item.due_date, as_of)),
                        "open_amount": item.open_amount} for item in items],
        "ageing": domain.ageing(items, as_of),
    }


def supplier_balances(session: Session, as_of: date | None = None) -> dict:
    """Posted invoices less payments, per supplier with anything open; the total is what AP should show."""
    invoiced = select(SupplierInvoice.supplier_id, func.sum(SupplierInvoice.total_amount)).where(owing_invoices())
    paid = select(SupplierPayment.supplier_id, func.sum(SupplierPayment.amount))
    if as_of is not None:
        invoiced = invoiced.where(SupplierInvoice.invoice_date <= as_of)
        paid = paid.where(paid_on() <= as_of)
    balances: dict[uuid.UUID, Decimal] = {}
    for supplier_id, total in session.execute(invoiced.group_by(SupplierInvoice.supplier_id)):
        balances[supplier_id] = balances.get(supplier_id, ZERO) + total
    for supplier_id, total in session.execute(paid.group_by(SupplierPayment.supplier_id)):
        balances[supplier_id] = balances.get(supplier_id, ZERO) - total
    owed = {supplier_id: balance for supplier_id, balance in balances.items() if balance != 0}
    suppliers = session.execute(select(Supplier.id, Supplier.code, Supplier.name)
                                .where(Supplier.id.in_(list(owed))).order_by(Supplier.code)).all() if owed else []
    rows = [{"supplier_id": s.id, "supplier_code": s.code, "supplier_name": s.name, "open_balance": owed[s.id]}
            for s in suppliers]
    return {"as_of": as_of, "suppliers": rows, "total": sum((row["open_balance"] for row in rows), ZERO)}


def goods_received_not_invoiced(session: Session, filters: dict) -> dict:
    """Per PO line: the receipts' accepted amounts less the GRNI amounts of its posted invoice lines. Lines
    that net to zero are left out; a line can be slightly negative when per-line rounding of receipts and
    invoices differed, and then it is shown, because finance's 2100 carries that cent too."""
    received = (select(GoodsReceiptLine.po_line_id, func.sum(GoodsReceiptLine.accepted_amount).label("value"))
                .group_by(GoodsReceiptLine.po_line_id).subquery())
    invoiced = (select(SupplierInvoiceLine.po_line_id, func.sum(SupplierInvoiceLine.grni_amount).label("value"))
                .join(SupplierInvoice, SupplierInvoice.id == SupplierInvoiceLine.invoice_id).where(owing_invoices())
                .group_by(SupplierInvoiceLine.po_line_id).subquery())
    received_value = func.coalesce(received.c.value, 0)
    invoiced_value = func.coalesce(invoiced.c.value, 0)
    query = (select(PurchaseOrderLine, PurchaseOrder.number.label("po_number"), PurchaseOrder.supplier_id,
                    item_replica.c.code.label("item_code"), item_replica.c.name.label("item_name"),
                    received_value.label("received_value"),
                    invoiced_value.label("invoiced_value"))
             .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
             .outerjoin(received, received.c.po_line_id == PurchaseOrderLine.id)
             .outerjoin(invoiced, invoiced.c.po_line_id == PurchaseOrderLine.id)
             .outerjoin(item_replica, item_replica.c.id == PurchaseOrderLine.item_id)
             .where(received_value != invoiced_value)
             .order_by(PurchaseOrder.number, PurchaseOrderLine.line_no))
    if "supplier_id" in filters:
        query = query.where(PurchaseOrder.supplier_id == filters["supplier_id"])
    if "purchase_order_id" in filters:
        query = query.where(PurchaseOrder.id == filters["purchase_order_id"])
    lines = []
    for row in session.execute(query):
        line = row.PurchaseOrderLine
        received_amount, invoiced_amount = to_cents(row.received_value), to_cents(row.invoiced_value)
        lines.append({
            "po_line_id": line.id, "purchase_order_id": line.purchase_order_id, "po_number": row.po_number,
            "line_no": line.line_no, "supplier_id": row.supplier_id, "item_id": line.item_id,
            "item_code": row.item_code, "item_name": row.item_name, "quantity_accepted": line.quantity_accepted,
            "quantity_invoiced": line.quantity_invoiced, "received_value": received_amount,
            "invoiced_value": invoiced_amount, "value": received_amount - invoiced_amount})
    return {"lines": lines, "total": sum((line["value"] for line in lines), ZERO)}
