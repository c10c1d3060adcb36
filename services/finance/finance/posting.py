"""Posting rules for procure-to-pay (DESIGN.md §4): each procurement event, as loaded through the catalog,
becomes the journal entry that records it, or None when it moves no money.

Pure functions: no session, no clock. The amounts are procurement's (quantity × PO price for a receipt,
the matched amounts for an invoice), so finance never recomputes a price.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from .journal import ProposedEntry, credit, debit, without_zero_lines


@dataclass(frozen=True)
class PostingAccounts:
    """The accounts these events post to; the defaults are the seeded chart's, another chart passes its own."""
    cash: str = "1000"
    inventory: str = "1200"
    accounts_payable: str = "2000"
    grni: str = "2100"
    price_variance: str = "5200"


DEFAULT_ACCOUNTS = PostingAccounts()


def business_date(moment: datetime) -> date:
    """The day an instant falls on in UTC, the one clock every service's timestamps share."""
    return moment.astimezone(timezone.utc).date()


def _entry_or_nothing(**fields) -> ProposedEntry | None:
    lines = without_zero_lines(*fields.pop("lines"))
    return ProposedEntry(lines=lines, **fields) if lines else None


def goods_received(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """Accepted stock enters inventory at the PO price; until the invoice comes it is owed as GRNI."""
    amount = data["total_accepted_amount"]
    po = data["po_number"]
    return _entry_or_nothing(
        kind="goods_receipt", source_document=data["receipt_no"], entry_date=business_date(data["received_at"]),
        description=f"Goods received {data['receipt_no']} on {po}", supplier_id=data["supplier_id"],
        lines=(debit(accounts.inventory, amount, memo=f"stock accepted on {po}"),
               credit(accounts.grni, amount, memo=f"received, not yet invoiced, on {po}")))


def supplier_invoice_posted(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """The invoice clears the GRNI its receipts built up and becomes a payable; the difference between the
    supplier's price and the PO price goes to purchase price variance (a debit when the supplier charged more)."""
    po, supplier = data["po_number"], data["supplier_id"]
    variance = data["price_variance"]
    variance_line = (debit(accounts.price_variance, variance, memo=f"invoiced above PO price on {po}")
                     if variance > 0 else
                     credit(accounts.price_variance, -variance, memo=f"invoiced below PO price on {po}"))
    return _entry_or_nothing(
        kind="supplier_invoice", source_document=data["invoice_no"], entry_date=data["invoice_date"],
        description=f"Supplier invoice {data['invoice_no']} (supplier ref {data['supplier_invoice_ref']}) on {po}",
        supplier_id=supplier,
        lines=(debit(accounts.grni, data["grni_amount"], memo=f"receipts invoiced on {po}"),
               variance_line,
               credit(accounts.accounts_payable, data["total_amount"], supplier_id=supplier,
                      memo=f"supplier invoice {data['supplier_invoice_ref']}")))


def supplier_payment_made(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """A payment settles what the supplier is owed, out of cash."""
    reference = data.get("reference")
    paid = ", ".join(allocation["invoice_no"] for allocation in data["allocations"])
    return _entry_or_nothing(
        kind="supplier_payment", source_document=data["payment_no"], entry_date=business_date(data["paid_at"]),
        description=f"Supplier payment {data['payment_no']}" + (f" (ref {reference})" if reference else ""),
        supplier_id=data["supplier_id"],
        lines=(debit(accounts.accounts_payable, data["amount"], supplier_id=data["supplier_id"],
                     memo=f"paid {paid}" if paid else None),
               credit(accounts.cash, data["amount"], memo=reference)))
