"""Billing's events for finance: an invoice (Dr 1100 / Cr 4000, Cr 2200), a credit note (Dr 4000, Dr 2200 /
Cr 1100) and a customer payment (Dr 1000 / Cr 1100), each carrying the amounts exactly as sales stored them.

An invoice, a credit note or a payment never changes once issued, so each is its own subject with sequence 1.
"""
from __future__ import annotations

from erp_shared.events import Envelope, new_event

from .events import CREDIT_NOTE_ISSUED, CUSTOMER_PAYMENT_RECEIVED, INVOICE_ISSUED
from .models import CreditNote, CustomerPayment, Invoice

INVOICE_LINE_FIELDS = ("order_line_id", "item_id", "quantity", "unit_price", "discount_pct", "net_amount", "tax_rate",
                       "tax_amount")


def invoice_issued(invoice: Invoice) -> Envelope:
    data = {
        "invoice_id": invoice.id, "invoice_no": invoice.number, "customer_id": invoice.customer_id,
        "order_id": invoice.sales_order_id, "invoice_date": invoice.invoice_date, "due_date": invoice.due_date,
        "lines": [{"invoice_line_id": line.id, **{name: getattr(line, name) for name in INVOICE_LINE_FIELDS}}
                  for line in invoice.lines],
        "net_total": invoice.net_total, "tax_total": invoice.tax_total, "total": invoice.total_amount,
    }
    return new_event(INVOICE_ISSUED, data, subject=str(invoice.id), sequence=1)


def credit_note_issued(credit_note: CreditNote) -> Envelope:
    """Each line names the invoice line it credits (`invoice_line_id`), at that line's price and rates."""
    data = {
        "credit_note_id": credit_note.id, "credit_note_no": credit_note.number, "invoice_id": credit_note.invoice_id,
        "customer_id": credit_note.customer_id, "credit_date": credit_note.credit_date, "reason": credit_note.reason,
        "lines": [{"invoice_line_id": line.invoice_line_id,
                   **{name: getattr(line, name) for name in INVOICE_LINE_FIELDS}} for line in credit_note.lines],
        "net_total": credit_note.net_total, "tax_total": credit_note.tax_total, "total": credit_note.total_amount,
    }
    return new_event(CREDIT_NOTE_ISSUED, data, subject=str(credit_note.id), sequence=1)


def customer_payment_received(payment: CustomerPayment, invoice_numbers: dict) -> Envelope:
    data = {
        "payment_id": payment.id, "payment_no": payment.number, "customer_id": payment.customer_id,
        "received_at": payment.received_at, "amount": payment.amount, "reference": payment.reference,
        "allocations": [{"invoice_id": a.invoice_id, "invoice_no": invoice_numbers[a.invoice_id], "amount": a.amount}
                        for a in payment.allocations],
    }
    return new_event(CUSTOMER_PAYMENT_RECEIVED, data, subject=str(payment.id), sequence=1)
