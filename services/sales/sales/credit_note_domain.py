"""Credit note rules: which invoice lines may be credited and by how much, what each credited line is worth,
and how the credit settles the invoice. Pure functions over plain values, unit-tested without I/O.

A credited line is priced with the invoice's own rule (`net_amount`, `tax_amount`: per line, to the cent,
half up). The credit that takes the last of a line's quantity takes the last of its net and tax instead, so
an invoice credited in parts gives back exactly what it billed: rounding never leaves a cent behind.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from erp_shared.errors import RuleViolation

from .billing_domain import PayableInvoice, invoice_status
from .ordering_domain import ZERO_MONEY, net_amount, order_totals, tax_amount, to_scale

ZERO_QUANTITY = Decimal("0.0000")


@dataclass(frozen=True)
class CreditableLine:
    """An invoice line and what earlier credit notes already took back from it."""
    invoice_line_id: UUID
    line_no: int
    order_line_id: UUID
    item_id: UUID
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    net_amount: Decimal
    tax_rate: Decimal
    tax_amount: Decimal
    credited_quantity: Decimal
    credited_net: Decimal
    credited_tax: Decimal

    @property
    def creditable_quantity(self) -> Decimal:
        return self.quantity - self.credited_quantity


@dataclass(frozen=True)
class CreditRequest:
    invoice_line_id: UUID
    quantity: Decimal


def check_credit_date(credit_date: date, invoice_date: date, today: date) -> None:
    """Finance books the credit note on its date: not before the revenue it takes back was booked, and not
    ahead of today."""
    if credit_date > today:
        raise RuleViolation(f"a credit note cannot be dated in the future ({credit_date})", field="credit_date")
    if credit_date < invoice_date:
        raise RuleViolation(f"the credit date {credit_date} is before the invoice date {invoice_date}",
                            field="credit_date")


def credited_amounts(line: CreditableLine, quantity: Decimal) -> tuple[Decimal, Decimal]:
    """Net and tax of crediting `quantity` of the line. The rest of the line takes the rest of its net and
    tax; a part is priced like the invoice line, but never above what is left of the line (parts each rounded
    up could otherwise add up to more than was billed)."""
    net_left = line.net_amount - line.credited_net
    tax_left = line.tax_amount - line.credited_tax
    if quantity == line.creditable_quantity:
        return net_left, tax_left
    net = min(net_amount(quantity, line.unit_price, line.discount_pct), net_left)
    return net, min(tax_amount(net, line.tax_rate), tax_left)


def _line_problem(request: CreditRequest, line: CreditableLine | None, invoice_number: str,
                  seen: set[UUID]) -> tuple[str, str] | None:
    """(field, message) of what is wrong with one requested line, if anything."""
    if request.invoice_line_id in seen:
        return "invoice_line_id", "the same invoice line is credited twice; credit it once with the sum"
    if line is None:
        return "invoice_line_id", f"{request.invoice_line_id} is not a line of invoice {invoice_number}"
    if request.quantity > line.creditable_quantity:
        return "quantity", (f"{request.quantity} is more than the {line.creditable_quantity} still creditable on "
                            f"line {line.line_no} of {invoice_number} (invoiced {line.quantity}, credited "
                            f"{line.credited_quantity})")
    return None


def credit_lines(invoice_number: str, lines: dict[UUID, CreditableLine],
                 requests: list[CreditRequest]) -> tuple[list[dict], dict[str, Decimal]]:
    """The credit note's lines (numbered 1..n, priced as the invoice lines) and totals. Every requested line
    names a line of this invoice, once, for at most what is still creditable on it; all refusals at once, by
    field. A credit worth nothing is refused: it would post an empty journal entry."""
    errors: dict[str, list[str]] = {}
    credited: list[dict] = []
    seen: set[UUID] = set()
    for index, request in enumerate(requests):
        line = lines.get(request.invoice_line_id)
        problem = _line_problem(request, line, invoice_number, seen)
        seen.add(request.invoice_line_id)
        if problem:
            errors[f"lines[{index}].{problem[0]}"] = [problem[1]]
            continue
        quantity = to_scale(request.quantity)
        net, tax = credited_amounts(line, quantity)
        credited.append({"line_no": len(credited) + 1, "invoice_line_id": line.invoice_line_id,
                         "order_line_id": line.order_line_id, "item_id": line.item_id, "quantity": quantity,
                         "unit_price": line.unit_price, "discount_pct": line.discount_pct, "net_amount": net,
                         "tax_rate": line.tax_rate, "tax_amount": tax})
    if errors:
        raise RuleViolation("; ".join(message for messages in errors.values() for message in messages),
                            errors=errors)
    totals = order_totals(credited)
    if totals["total_amount"] == ZERO_MONEY:
        raise RuleViolation("these quantities are worth 0.00; a credit note must take something back", field="lines")
    return credited, totals


def apply_credit(invoice: PayableInvoice, credit_total: Decimal) -> tuple[Decimal, str]:
    """The invoice's new credited amount and status: settled by payments and credits together, it is paid.
    A credit only lowers what is still owed; crediting more would mean paying money back to the customer,
    and refunding a paid invoice is not supported."""
    if credit_total > invoice.open_amount:
        raise RuleViolation(f"the credit of {credit_total} is more than the {invoice.open_amount} still open on "
                            f"{invoice.number}: refund a paid invoice is not supported", field="lines")
    credited = invoice.amount_credited + credit_total
    return credited, invoice_status(invoice.total_amount, invoice.amount_paid + credited)
