"""Payables rules that need no database: an invoice's life, how a payment is spread over invoices, and what
a supplier is owed on a date (ledger, open items, ageing). Pure functions over plain values.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from erp_shared.errors import Conflict, RuleViolation

ZERO = Decimal("0.00")

EXCEPTION, POSTED, REJECTED, PAID = "exception", "posted", "rejected", "paid"
INVOICE_STATUSES = (EXCEPTION, POSTED, REJECTED, PAID)
OWING_STATUSES = (POSTED, PAID)  # posted once: finance has the payable, whatever was paid since
INVOICEABLE_PO_STATUSES = ("approved", "sent", "partially_received", "received", "closed")

INVOICE, PAYMENT = "invoice", "payment"
AGEING_BUCKETS = ("current", "1_30", "31_60", "61_90", "over_90")


# --- invoices -------------------------------------------------------------------------------------------

def due_date_for(invoice_date: date, due_date: date | None, payment_terms_days: int) -> date:
    """The supplier's terms decide when nothing else is said; a due date before the invoice is a typing error."""
    if due_date is None:
        return invoice_date + timedelta(days=payment_terms_days)
    if due_date < invoice_date:
        raise RuleViolation("the due date must not be before the invoice date", field="due_date")
    return due_date


def require_invoiceable(po_status: str) -> None:
    """Only an order the supplier was committed to can be invoiced; drafts and cancelled orders cannot."""
    if po_status not in INVOICEABLE_PO_STATUSES:
        raise RuleViolation(f"a purchase order in status {po_status} cannot be invoiced "
                            f"(it must be one of {', '.join(INVOICEABLE_PO_STATUSES)})", field="purchase_order_id")


def require_exception(status: str, action: str) -> None:
    if status != EXCEPTION:
        raise Conflict(f"only an invoice waiting in the exceptions list can be {action}; this one is {status}")


def require_other_approver(entered_by: str, approver: str) -> None:
    """Segregation of duties: whoever keyed the invoice in may not wave its exceptions through."""
    if entered_by == approver:
        raise RuleViolation("an invoice exception must be approved by someone other than who entered the invoice")


def open_amount(status: str, total_amount: Decimal, amount_paid: Decimal) -> Decimal:
    """Nothing is owed on an invoice until it is posted (an exception may still be rejected)."""
    return total_amount - amount_paid if status in OWING_STATUSES else ZERO


# --- payments -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PayableInvoice:
    invoice_id: UUID
    number: str
    supplier_id: UUID
    status: str
    invoice_date: date
    total_amount: Decimal
    amount_paid: Decimal

    @property
    def open_amount(self) -> Decimal:
        return self.total_amount - self.amount_paid


@dataclass(frozen=True)
class AllocationRequest:
    invoice_id: UUID
    amount: Decimal


def require_not_future(paid_at: datetime, now: datetime) -> None:
    if paid_at > now:
        raise RuleViolation("a payment cannot be recorded before it is made: paid_at is in the future",
                            field="paid_at")


def check_allocations(supplier_id: UUID, amount: Decimal, paid_on: date, allocations: list[AllocationRequest],
                      invoices: dict[UUID, PayableInvoice]) -> None:
    """A payment settles posted invoices of its own supplier, never more than is open on each, and every cent
    of it is allocated (so the AP ledger and the cash book move by the same amount). All problems at once."""
    errors: dict[str, list[str]] = {}
    seen: set[UUID] = set()
    for index, allocation in enumerate(allocations):
        where = f"allocations[{index}]"
        invoice = invoices.get(allocation.invoice_id)
        problem = _invoice_problem(invoice, allocation.invoice_id, supplier_id, paid_on, seen)
        seen.add(allocation.invoice_id)
        if problem:
            errors[f"{where}.invoice_id"] = [problem]
        elif allocation.amount > invoice.open_amount:
            errors[f"{where}.amount"] = [f"{allocation.amount} is more than the {invoice.open_amount} "
                                         f"still open on {invoice.number}"]
    allocated = sum((a.amount for a in allocations), ZERO)
    if allocated != amount:
        errors["amount"] = [f"the allocations add up to {allocated}, not to the payment's {amount}"]
    if errors:
        raise RuleViolation("; ".join(message for messages in errors.values() for message in messages),
                            errors=errors)


def _invoice_problem(invoice: PayableInvoice | None, invoice_id: UUID, supplier_id: UUID, paid_on: date,
                     seen: set[UUID]) -> str | None:
    if invoice_id in seen:
        return "the same invoice is allocated twice; allocate it once with the sum"
    if invoice is None:
        return f"no supplier invoice with id {invoice_id}"
    if invoice.supplier_id != supplier_id:
        return f"{invoice.number} is another supplier's invoice"
    if invoice.status != POSTED:
        return f"{invoice.number} is {invoice.status}; only a posted invoice with an open amount can be paid"
    if paid_on < invoice.invoice_date:
        return f"{invoice.number} is dated {invoice.invoice_date}, after the payment"
    return None


@dataclass(frozen=True)
class Settlement:
    amount_paid: Decimal
    status: str


def settle(invoice: PayableInvoice, amount: Decimal) -> Settlement:
    """A partly paid invoice stays posted (open amount = total − paid); fully paid, it leaves the open items."""
    paid = invoice.amount_paid + amount
    return Settlement(paid, PAID if paid == invoice.total_amount else POSTED)


# --- what is owed on a date -----------------------------------------------------------------------------

@dataclass(frozen=True)
class LedgerEntry:
    entry_date: date
    kind: str             # invoice (the supplier is owed more) | payment (less)
    document_id: UUID
    number: str
    reference: str | None
    amount: Decimal       # signed: + invoice, − payment
    due_date: date | None = None


def running_ledger(entries: list[LedgerEntry]) -> list[tuple[LedgerEntry, Decimal]]:
    """Chronological, with the balance after each entry; on one day invoices come before the payments that
    settle them, so the balance never dips below zero for an ordinary pay-on-the-day."""
    order = {INVOICE: 0, PAYMENT: 1}
    balance = ZERO
    ledger = []
    for entry in sorted(entries, key=lambda e: (e.entry_date, order[e.kind], e.number)):
        balance += entry.amount
        ledger.append((entry, balance))
    return ledger


@dataclass(frozen=True)
class OpenItem:
    invoice_id: UUID
    number: str
    due_date: date
    open_amount: Decimal


@dataclass(frozen=True)
class DatedInvoice:
    invoice_id: UUID
    number: str
    invoice_date: date
    due_date: date
    total_amount: Decimal


@dataclass(frozen=True)
class DatedAllocation:
    invoice_id: UUID
    paid_on: date
    amount: Decimal


def open_items(invoices: list[DatedInvoice], allocations: list[DatedAllocation], as_of: date) -> list[OpenItem]:
    """Invoices dated on or before `as_of`, less what payments made on or before it allocated to them."""
    paid: dict[UUID, Decimal] = {}
    for allocation in allocations:
        if allocation.paid_on <= as_of:
            paid[allocation.invoice_id] = paid.get(allocation.invoice_id, ZERO) + allocation.amount
    items = []
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.number)):
        open_amount = invoice.total_amount - paid.get(invoice.invoice_id, ZERO)
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
