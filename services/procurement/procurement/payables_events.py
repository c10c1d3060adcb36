"""The events payables publishes, built through the shared catalog so they match the contract finance loads.

Posted invoices and payments never change afterwards, so each is published once with sequence 1.
"""
from __future__ import annotations

from erp_shared.events import Envelope, new_event

from .models import PurchaseOrder, SupplierInvoice, SupplierPayment
from .payables_ordering import in_entry_order

INVOICE_POSTED = "procurement.supplier_invoice_posted.v1"
PAYMENT_MADE = "procurement.supplier_payment_made.v1"


def supplier_invoice_posted(invoice: SupplierInvoice, order: PurchaseOrder) -> Envelope:
    data = {
        "invoice_id": invoice.id, "invoice_no": invoice.number, "supplier_invoice_ref": invoice.supplier_invoice_ref,
        "supplier_id": invoice.supplier_id, "purchase_order_id": order.id, "po_number": order.number,
        "invoice_date": invoice.invoice_date, "due_date": invoice.due_date,
        "lines": [{
            "invoice_line_id": line.id, "po_line_id": line.po_line_id, "item_id": line.item_id,
            "quantity": line.quantity, "unit_price": line.unit_price, "po_unit_price": line.po_unit_price,
            "amount": line.amount, "grni_amount": line.grni_amount, "price_variance": line.price_variance,
        } for line in in_entry_order(invoice.lines)],
        "grni_amount": invoice.grni_amount, "price_variance": invoice.price_variance,
        "total_amount": invoice.total_amount,
    }
    return new_event(INVOICE_POSTED, data, subject=str(invoice.id), sequence=1)


def supplier_payment_made(payment: SupplierPayment, invoice_numbers: dict) -> Envelope:
    data = {
        "payment_id": payment.id, "payment_no": payment.number, "supplier_id": payment.supplier_id,
        "paid_at": payment.paid_at, "amount": payment.amount, "reference": payment.reference,
        "allocations": [{"invoice_id": a.invoice_id, "invoice_no": invoice_numbers[a.invoice_id], "amount": a.amount}
                        for a in in_entry_order(payment.allocations)],
    }
    return new_event(PAYMENT_MADE, data, subject=str(payment.id), sequence=1)
