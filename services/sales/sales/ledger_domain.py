"""What a customer owes on a date: the ledger with its running balance, the open invoices and their ageing.
Pure functions over plain values; `ledger.py` reads them from sales' invoices, credit notes and payments,
dated the way finance dates the journal entries (invoice date; credit date; the payment's UTC day), so the
ledger agrees with the AR subledger to the cent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

ZERO = Decimal("0.00")
INVOICE, CREDIT_NOTE, PAYMENT = "invoice", "credit_note", "payment"
AGEING_BUCKETS = ("current", "1_30", "31_60", "61_90", "over_90")


@dataclass(frozen=True)
class LedgerEntry:
    entry_date: date
    kind: str               # invoice (the customer owes more) | credit_note, payment (less)
    document_id: UUID
    number: str
    reference: str | None
    amount: Decimal         # signed: + invoice, − credit note, − payment
    due_date: date | None = None


def running_ledger(entries: list[LedgerEntry]) -> list[tuple[LedgerEntry, Decimal]]:
    """Chronological, with the balance after each entry; on one day invoices come before the credit notes and
    payments that settle them, so settling on the day never shows a negative balance."""
    order = {INVOICE: 0, CREDIT_NOTE: 1, PAYMENT: 2}
    balance = ZERO
    ledger = []
    for entry in sorted(entries, key=lambda e: (e.entry_date, order[e.kind], e.number)):
        balance += entry.amount
        ledger.append((entry, balance))
    return ledger


@dataclass(frozen=True)
class DatedInvoice:
    invoice_id: UUID
    number: str
    invoice_date: date
    due_date: date
    total_amount: Decimal


@dataclass(frozen=True)
class DatedSettlement:
    """Part of an invoice taken off on a day: a payment's allocation to it, or a credit note against it."""
    invoice_id: UUID
    settled_on: date
    amount: Decimal


@dataclass(frozen=True)
class OpenItem:
    invoice_id: UUID
    number: str
    due_date: date
    open_amount: Decimal


def open_items(invoices: list[DatedInvoice], settlements: list[DatedSettlement], as_of: date) -> list[OpenItem]:
    """Invoices dated on or before `as_of`, less what payments and credit notes took off them on or before it."""
    settled: dict[UUID, Decimal] = {}
    for settlement in settlements:
        if settlement.settled_on <= as_of:
            settled[settlement.invoice_id] = settled.get(settlement.invoice_id, ZERO) + settlement.amount
    items = []
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.number)):
        open_amount = invoice.total_amount - settled.get(invoice.invoice_id, ZERO)
        if invoice.invoice_date <= as_of and open_amount != 0:
            items.append(OpenItem(invoice.invoice_id, invoice.number, invoice.due_date, open_amount))
    return items


def days_overdue(due_date: date, as_of: date) -> int:
    return (as_of - due_date).days


def ageing_bucket(days: int) -> str:
    """Days past the due date: not yet due (or due today) is current."""
    if days <= 0:
        return "current"
    if days <= 30:
        return "1_30"
    if days <= 60:
        return "31_60"
    if days <= 90:
        return "61_90"
    return "over_90"


def ageing(items: list[OpenItem], as_of: date) -> dict[str, Decimal]:
    buckets = {bucket: ZERO for bucket in AGEING_BUCKETS}
    for item in items:
        buckets[ageing_bucket(days_overdue(item.due_date, as_of))] += item.open_amount
    return buckets
