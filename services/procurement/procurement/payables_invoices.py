"""Use cases of supplier invoices: enter one (three-way matched on the way in), approve or reject an exception.

Each runs in the caller's unit of work. The PO lines an invoice names are locked (SELECT .. FOR UPDATE, in id
order, before the number counter) so two invoices racing for the last received quantity queue, and the second
is matched against what the first invoiced. Posting adds to the lines' invoiced quantity and writes the
`supplier_invoice_posted` event in the same transaction; an exception changes neither.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from erp_shared.errors import Conflict, NotFound, RuleViolation
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import payables_domain as domain
from .models import (PurchaseOrder, PurchaseOrderLine, Supplier, SupplierInvoice, SupplierInvoiceLine,
                     document_counters, outbox)
from .ordering_settings import current_settings
from .payables_events import supplier_invoice_posted
from .payables_matching import (InvoiceLineRequest, PoLinePosition, Tolerances, invoice_totals, line_figures,
                                match_invoice, unreceived_quantities)
from .payables_ordering import ids_in_entry_order, in_entry_order

INVOICE_PREFIX = "SINV"
UNIQUE_REF = "uq_supplier_invoice_ref"


def enter_supplier_invoice(session: Session, values: dict, principal: Principal, now: datetime) -> SupplierInvoice:
    """Posted at once when every line matches within tolerance; otherwise kept as an exception for a person."""
    supplier = require_supplier(session, values["supplier_id"])
    order = session.get(PurchaseOrder, values["purchase_order_id"])
    if order is None or order.supplier_id != supplier.id:
        raise RuleViolation(f"{supplier.code} has no purchase order with id {values['purchase_order_id']}",
                            field="purchase_order_id")
    domain.require_invoiceable(order.status)
    due_date = domain.due_date_for(values["invoice_date"], values.get("due_date"), supplier.payment_terms_days)
    requests = [InvoiceLineRequest(line["po_line_id"], line["quantity"], line["unit_price"])
                for line in values["lines"]]
    po_lines = lock_po_lines(session, order.id, requests)
    exceptions = match_invoice(requests, positions(po_lines), tolerances(session))
    invoice = _new_invoice(session, values, due_date, requests, po_lines, principal, now)
    invoice.status = domain.EXCEPTION if exceptions else domain.POSTED
    invoice.exceptions = [exception.as_dict() for exception in exceptions] or None
    session.add(invoice)
    _flush_refusing_duplicate_ref(session, invoice)
    if not exceptions:
        _post(session, invoice, order, po_lines, now)
    return invoice


def approve_supplier_invoice(session: Session, invoice_id: uuid.UUID, principal: Principal,
                             now: datetime) -> SupplierInvoice:
    """Approval accepts a price outside tolerance; it cannot make goods arrive, so the quantity must be
    accepted on the PO and not invoiced yet, with no tolerance. Otherwise the invoice stays an exception."""
    invoice = lock_invoice(session, invoice_id)
    domain.require_exception(invoice.status, "approved")
    domain.require_other_approver(invoice.entered_by, principal.subject)
    requests = [InvoiceLineRequest(line.po_line_id, line.quantity, line.unit_price)
                for line in in_entry_order(invoice.lines)]
    po_lines = lock_po_lines(session, invoice.purchase_order_id, requests)
    shortfalls = unreceived_quantities(requests, positions(po_lines))
    if shortfalls:
        raise RuleViolation("receive the goods first: " + "; ".join(f"line {s.line}: {s.detail}" for s in shortfalls),
                            errors={f"lines[{s.line}].quantity": [s.detail] for s in shortfalls})
    invoice.approved_by, invoice.approved_at = principal.subject, now
    _post(session, invoice, session.get(PurchaseOrder, invoice.purchase_order_id), po_lines, now)
    return invoice


def reject_supplier_invoice(session: Session, invoice_id: uuid.UUID, reason: str, principal: Principal,
                            now: datetime) -> SupplierInvoice:
    """The decision is kept with the exceptions it answered (who, when, why): the invoice goes back to the
    supplier and nothing is owed on it."""
    invoice = lock_invoice(session, invoice_id)
    domain.require_exception(invoice.status, "rejected")
    invoice.status = domain.REJECTED
    invoice.exceptions = [*(invoice.exceptions or []), {
        "line": None, "po_line_id": None, "kind": "rejected", "detail": reason,
        "by": principal.subject, "at": now.isoformat()}]
    return invoice


def require_supplier(session: Session, supplier_id: uuid.UUID) -> Supplier:
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise RuleViolation(f"no supplier with id {supplier_id}", field="supplier_id")
    return supplier


def lock_invoice(session: Session, invoice_id: uuid.UUID) -> SupplierInvoice:
    invoice = session.execute(select(SupplierInvoice).where(SupplierInvoice.id == invoice_id).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one_or_none()
    if invoice is None:
        raise NotFound(f"no supplier invoice with id {invoice_id}")
    return invoice


def lock_po_lines(session: Session, order_id: uuid.UUID,
                  requests: list[InvoiceLineRequest]) -> dict[uuid.UUID, PurchaseOrderLine]:
    """Locks in id order, so invoices and approvals touching the same lines queue instead of deadlocking."""
    wanted = sorted({request.po_line_id for request in requests})
    rows = session.execute(
        select(PurchaseOrderLine)
        .where(PurchaseOrderLine.id.in_(wanted), PurchaseOrderLine.purchase_order_id == order_id)
        .order_by(PurchaseOrderLine.id).with_for_update().execution_options(populate_existing=True)).scalars()
    found = {row.id: row for row in rows}
    errors = {f"lines[{index}].po_line_id": ["not a line of this purchase order"]
              for index, request in enumerate(requests) if request.po_line_id not in found}
    if errors:
        raise RuleViolation(f"lines name PO lines that are not on this purchase order: {', '.join(errors)}",
                            errors=errors)
    return found


def positions(po_lines: dict[uuid.UUID, PurchaseOrderLine]) -> dict[uuid.UUID, PoLinePosition]:
    return {line_id: PoLinePosition(line_id, line.unit_price, line.quantity_accepted, line.quantity_invoiced)
            for line_id, line in po_lines.items()}


def tolerances(session: Session) -> Tolerances:
    """The purchasing managers' settings, read where purchasing keeps them."""
    settings = current_settings(session)
    return Tolerances(quantity_pct=settings.quantity_tolerance_pct, price_pct=settings.price_tolerance_pct)


def _new_invoice(session: Session, values: dict, due_date, requests: list[InvoiceLineRequest],
                 po_lines: dict[uuid.UUID, PurchaseOrderLine], principal: Principal, now: datetime) -> SupplierInvoice:
    lines, all_figures = [], []
    for line_id, request in zip(ids_in_entry_order(len(requests)), requests):
        po_line = po_lines[request.po_line_id]
        figures = line_figures(request.quantity, request.unit_price, po_line.unit_price)
        all_figures.append(figures)
        lines.append(SupplierInvoiceLine(
            id=line_id, po_line_id=po_line.id, item_id=po_line.item_id, quantity=request.quantity,
            unit_price=request.unit_price, po_unit_price=po_line.unit_price, amount=figures.amount,
            grni_amount=figures.grni_amount, price_variance=figures.price_variance))
    totals = invoice_totals(all_figures)
    return SupplierInvoice(
        id=uuid.uuid4(), number=next_number(session, document_counters, INVOICE_PREFIX),
        supplier_invoice_ref=values["supplier_invoice_ref"], supplier_id=values["supplier_id"],
        purchase_order_id=values["purchase_order_id"], invoice_date=values["invoice_date"], due_date=due_date,
        grni_amount=totals.grni_amount, price_variance=totals.price_variance, total_amount=totals.total_amount,
        amount_paid=domain.ZERO, entered_by=principal.subject, created_at=now, lines=lines)


def _flush_refusing_duplicate_ref(session: Session, invoice: SupplierInvoice) -> None:
    """The unique constraint decides (a SELECT first would still race): a supplier numbers each invoice once."""
    try:
        session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "diag", None), "constraint_name", None) != UNIQUE_REF:
            raise
        raise Conflict(f"this supplier's invoice {invoice.supplier_invoice_ref!r} is already entered",
                       field="supplier_invoice_ref") from None


def _post(session: Session, invoice: SupplierInvoice, order: PurchaseOrder,
          po_lines: dict[uuid.UUID, PurchaseOrderLine], now: datetime) -> None:
    for line in invoice.lines:
        po_lines[line.po_line_id].quantity_invoiced += line.quantity
    invoice.status, invoice.posted_at = domain.POSTED, now
    record_events(session, outbox, supplier_invoice_posted(invoice, order))
