"""Posting rules (DESIGN.md §4): each business event, as loaded through the catalog, becomes the journal entry
that records it, or None when it moves no money.

Pure functions: no session, no clock. The amounts are the producer's (procurement's quantity × PO price and
matched invoice amounts, inventory's cost of what it issued, sales' invoice totals), so finance never
recomputes a price or a cost.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from erp_shared.errors import PermanentEventError

from .journal import InvalidJournalEntry, ProposedEntry, credit, debit, without_zero_lines


@dataclass(frozen=True)
class PostingAccounts:
    """The accounts these events post to; the defaults are the seeded chart's, another chart passes its own."""
    cash: str = "1000"
    accounts_receivable: str = "1100"
    inventory: str = "1200"
    accounts_payable: str = "2000"
    grni: str = "2100"
    sales_tax: str = "2200"
    sales: str = "4000"
    cost_of_goods_sold: str = "5000"
    inventory_adjustments: str = "5100"
    price_variance: str = "5200"
    materials_consumed: str = "6200"    # a department's expense account when none is set for it


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


def stock_issued(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """Stock delivered to a customer leaves inventory at the cost inventory reported and becomes the cost of
    the goods sold. Another purpose would need another debit account; until a rule names it, such an event is
    refused for good rather than guessed at."""
    if data["purpose"] != "delivery":
        raise PermanentEventError(f"stock issued for {data['purpose']!r} ({data['source_document']}): "
                                  f"finance has no posting rule for that purpose")
    cost, delivery = data["total_cost"], data["source_document"]
    return _entry_or_nothing(
        kind="delivery_cost", source_document=delivery, entry_date=business_date(data["issued_at"]),
        description=f"Cost of goods delivered on {delivery}",
        lines=(debit(accounts.cost_of_goods_sold, cost, memo=f"delivered on {delivery}"),
               credit(accounts.inventory, cost, memo=f"issued for {delivery}")))


def stock_returned(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """Goods a customer sent back re-enter inventory at the cost they left at, so the cost of goods sold
    falls by exactly what the delivery had posted for them."""
    cost, document = data["total_cost"], data["source_document"]
    return _entry_or_nothing(
        kind="return_cost", source_document=document, entry_date=business_date(data["returned_at"]),
        description=f"Cost of goods returned on {document}",
        lines=(debit(accounts.inventory, cost, memo=f"returned on {document}"),
               credit(accounts.cost_of_goods_sold, cost, memo=f"returned on {document}")))


def material_issued(data: dict, expense_account: str,
                    accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """Material a department takes out of stock for its own use is consumed: it leaves inventory at the cost
    inventory reported and becomes an expense of that department (`expense_account`, resolved by the caller
    from the department's setting)."""
    cost, issue, requisition = data["total_cost"], data["issue_no"], data["requisition_no"]
    return _entry_or_nothing(
        kind="material_issue", source_document=issue, entry_date=business_date(data["issued_at"]),
        description=f"Materials issued on {issue} against requisition {requisition}",
        lines=(debit(expense_account, cost, memo=f"materials consumed: requisition {requisition}, issue {issue}"),
               credit(accounts.inventory, cost, memo=f"issued on {issue} against requisition {requisition}")))


def material_returned(data: dict, expense_account: str,
                      accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """Unused material comes back into inventory at the cost it left at, and the expense the issue posted
    (to `expense_account`, the one the issue used) falls by as much."""
    cost, document, issue = data["total_cost"], data["return_no"], data["issue_no"]
    requisition = data["requisition_no"]
    return _entry_or_nothing(
        kind="material_return", source_document=document, entry_date=business_date(data["returned_at"]),
        description=f"Unused material returned on {document} from issue {issue} (requisition {requisition})",
        lines=(debit(accounts.inventory, cost, memo=f"returned on {document} from issue {issue}"),
               credit(expense_account, cost, memo=f"unused material of requisition {requisition}, "
                                                  f"issue {issue}, returned on {document}")))


def _require_total_of_net_and_tax(data: dict, document: str) -> None:
    """Sales states net, tax and total separately; if they disagree no entry can say which one is right."""
    if data["total"] != data["net_total"] + data["tax_total"]:
        raise InvalidJournalEntry(f"{document}: total {data['total']} ≠ net {data['net_total']} + "
                                  f"tax {data['tax_total']}")


def invoice_issued(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """The customer owes the invoice total; the net is earned as sales and the tax is owed to the tax office."""
    invoice_no, customer = data["invoice_no"], data["customer_id"]
    _require_total_of_net_and_tax(data, invoice_no)
    return _entry_or_nothing(
        kind="customer_invoice", source_document=invoice_no, entry_date=data["invoice_date"],
        description=f"Customer invoice {invoice_no}, due {data['due_date'].isoformat()}", customer_id=customer,
        lines=(debit(accounts.accounts_receivable, data["total"], customer_id=customer, memo=f"invoice {invoice_no}"),
               credit(accounts.sales, data["net_total"], memo=f"invoice {invoice_no}"),
               credit(accounts.sales_tax, data["tax_total"], memo=f"tax on invoice {invoice_no}")))


def credit_note_issued(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """A credit note takes back revenue and tax of (part of) an invoice, and the customer owes that much less."""
    credit_note_no, customer = data["credit_note_no"], data["customer_id"]
    _require_total_of_net_and_tax(data, credit_note_no)
    return _entry_or_nothing(
        kind="credit_note", source_document=credit_note_no, entry_date=data["credit_date"],
        description=f"Credit note {credit_note_no}: {data['reason']}", customer_id=customer,
        lines=(debit(accounts.sales, data["net_total"], memo=f"credit note {credit_note_no}"),
               debit(accounts.sales_tax, data["tax_total"], memo=f"tax on credit note {credit_note_no}"),
               credit(accounts.accounts_receivable, data["total"], customer_id=customer,
                      memo=f"credit note {credit_note_no}")))


def customer_payment_received(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """Cash comes in and settles what the customer owes."""
    reference, customer = data.get("reference"), data["customer_id"]
    paid = ", ".join(allocation["invoice_no"] for allocation in data["allocations"])
    return _entry_or_nothing(
        kind="customer_payment", source_document=data["payment_no"], entry_date=business_date(data["received_at"]),
        description=f"Customer payment {data['payment_no']}" + (f" (ref {reference})" if reference else ""),
        customer_id=customer,
        lines=(debit(accounts.cash, data["amount"], memo=reference),
               credit(accounts.accounts_receivable, data["amount"], customer_id=customer,
                      memo=f"paid {paid}" if paid else None)))


def transfer_received(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """Goods lost between two warehouses leave inventory at the value they were shipped at and are an inventory
    adjustment. What arrived only changed place, so a transfer that lost nothing moves no money (and shipping,
    into goods in transit that are still owned, never does)."""
    loss, transfer = data["total_loss"], data["transfer_no"]
    return _entry_or_nothing(
        kind="transfer_loss", source_document=transfer, entry_date=business_date(data["received_at"]),
        description=f"Goods lost in transit on transfer {transfer}",
        lines=(debit(accounts.inventory_adjustments, loss, memo=f"lost in transit on {transfer}"),
               credit(accounts.inventory, loss, memo=f"not received on {transfer}")))


def count_posted(data: dict, accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> ProposedEntry | None:
    """A stock count's gains come into inventory and its losses leave it, against inventory adjustments, in
    one entry per count; the gains and losses are not netted, so both stay visible on the accounts. A count
    that found the books right moves no money."""
    gain, loss, count = data["total_gain"], data["total_loss"], data["count_no"]
    return _entry_or_nothing(
        kind="count_adjustment", source_document=count, entry_date=business_date(data["posted_at"]),
        description=f"Stock count {count}: found {gain} more and {loss} less than the books",
        lines=(debit(accounts.inventory, gain, memo=f"count gains on {count}"),
               credit(accounts.inventory_adjustments, gain, memo=f"count gains on {count}"),
               debit(accounts.inventory_adjustments, loss, memo=f"count losses on {count}"),
               credit(accounts.inventory, loss, memo=f"count losses on {count}")))
