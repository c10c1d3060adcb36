"""Billing rules: what an invoice bills from its order's deliveries, how a customer's payment is spread over
invoices, and when invoices (settled by payments and credit notes together) and orders count as paid. Pure
functions over plain values and the (locked) order, unit-tested without I/O.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from erp_shared.errors import Conflict, RuleViolation

from .ordering_domain import (DELIVERED, INVOICED, PAID, PARTIALLY_DELIVERED, ZERO_MONEY, changed, net_amount,
                              order_totals, require_status, tax_amount)

OPEN = "open"
INVOICE_STATUSES = (OPEN, PAID)
INVOICEABLE = (PARTIALLY_DELIVERED, DELIVERED)
PAYMENT_TERMS_DAYS = 30  # customers carry no terms of their own yet


def due_date_for(invoice_date: date, due_date: date | None) -> date:
    if due_date is None:
        return invoice_date + timedelta(days=PAYMENT_TERMS_DAYS)
    if due_date < invoice_date:
        raise RuleViolation("the due date must not be before the invoice date", field="due_date")
    return due_date


def check_invoice_date(invoice_date: date, today: date) -> None:
    """Finance books the invoice on its date: a date ahead of today would post revenue not yet earned."""
    if invoice_date > today:
        raise RuleViolation(f"an invoice cannot be dated in the future ({invoice_date})", field="invoice_date")


def invoice_status(total_amount: Decimal, amount_settled: Decimal) -> str:
    """`amount_settled`: what payments and credit notes together took off the invoice."""
    return PAID if amount_settled >= total_amount else OPEN


def status_after_invoicing(order) -> str:
    """Invoiced once every ordered unit has been delivered and every delivered unit billed; an order still
    delivering keeps its status (it must still accept deliveries)."""
    if order.status == DELIVERED and all(line.quantity_invoiced >= line.quantity_delivered for line in order.lines):
        return INVOICED
    return order.status


def invoice_order(order, *, invoice_date: date, today: date, now: datetime) -> tuple[list[dict], dict]:
    """Bill what was delivered and not yet invoiced on the (locked) order, priced with the order line's price,
    discount and tax rate and rounded per line like the order. Returns the invoice lines and totals, and moves
    the lines' invoiced quantities and the order on."""
    require_status(order, INVOICEABLE, "invoiced")
    check_invoice_date(invoice_date, today)
    lines = []
    for line in order.lines:
        quantity = line.quantity_delivered - line.quantity_invoiced
        if quantity <= 0:
            continue
        net = net_amount(quantity, line.unit_price, line.discount_pct)
        lines.append({"line_no": len(lines) + 1, "order_line_id": line.id, "item_id": line.item_id,
                      "quantity": quantity, "unit_price": line.unit_price, "discount_pct": line.discount_pct,
                      "net_amount": net, "tax_rate": line.tax_rate, "tax_amount": tax_amount(net, line.tax_rate)})
        line.quantity_invoiced += quantity
    if not lines:
        raise Conflict(f"everything delivered on sales order {order.number} is invoiced already", field="status")
    totals = order_totals(lines)
    order.invoiced_amount += totals["total_amount"]
    order.status = status_after_invoicing(order)
    changed(order, now)
    return lines, totals


def order_settled(order_status: str, invoice_statuses: list[str]) -> bool:
    """An invoiced order is paid once every invoice on it is."""
    return order_status == INVOICED and all(status == PAID for status in invoice_statuses)


@dataclass(frozen=True)
class PayableInvoice:
    invoice_id: UUID
    number: str
    customer_id: UUID
    status: str
    invoice_date: date
    total_amount: Decimal
    amount_paid: Decimal
    amount_credited: Decimal

    @property
    def open_amount(self) -> Decimal:
        return self.total_amount - self.amount_paid - self.amount_credited


@dataclass(frozen=True)
class AllocationRequest:
    invoice_id: UUID
    amount: Decimal


def check_received_at(received_at: datetime, now: datetime) -> None:
    if received_at > now:
        raise RuleViolation("a payment cannot be recorded before it arrives: received_at is in the future",
                            field="received_at")


def _invoice_problem(invoice: PayableInvoice | None, invoice_id: UUID, customer_id: UUID, received_on: date,
                     seen: set[UUID]) -> str | None:
    if invoice_id in seen:
        return "the same invoice is allocated twice; allocate it once with the sum"
    if invoice is None:
        return f"no invoice with id {invoice_id}"
    if invoice.customer_id != customer_id:
        return f"{invoice.number} is another customer's invoice"
    if invoice.status != OPEN:
        return f"{invoice.number} is {invoice.status}; only an open invoice can be paid"
    if received_on < invoice.invoice_date:
        return f"{invoice.number} is dated {invoice.invoice_date}, after the payment"
    return None


def check_allocations(customer_id: UUID, amount: Decimal, received_on: date, allocations: list[AllocationRequest],
                      invoices: dict[UUID, PayableInvoice]) -> None:
    """Every allocation names an open invoice of this customer and at most what is open on it, and together
    they take the whole payment: the AR entry finance posts for the payment then matches the invoices it
    settles. All refusals at once, by field."""
    errors: dict[str, list[str]] = {}
    seen: set[UUID] = set()
    for index, allocation in enumerate(allocations):
        where = f"allocations[{index}]"
        invoice = invoices.get(allocation.invoice_id)
        problem = _invoice_problem(invoice, allocation.invoice_id, customer_id, received_on, seen)
        seen.add(allocation.invoice_id)
        if problem:
            errors[f"{where}.invoice_id"] = [problem]
        elif allocation.amount > invoice.open_amount:
            errors[f"{where}.amount"] = [f"{allocation.amount} is more than the {invoice.open_amount} "
                                         f"still open on {invoice.number}"]
    allocated = sum((a.amount for a in allocations), ZERO_MONEY)
    if allocated != amount:
        errors["amount"] = [f"the allocations add up to {allocated}, not to the payment's {amount}"]
    if errors:
        raise RuleViolation("; ".join(message for messages in errors.values() for message in messages),
                            errors=errors)


def settle(invoice: PayableInvoice, amount: Decimal) -> tuple[Decimal, str]:
    """The invoice's new paid amount and status: a partly paid (or partly credited) invoice stays open."""
    paid = invoice.amount_paid + amount
    return paid, invoice_status(invoice.total_amount, paid + invoice.amount_credited)
