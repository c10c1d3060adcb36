"""Sales order rules: line amounts, the lifecycle and who may move it on.

Pure code over the order object's attributes (no session, no Flask), so every rule is unit-tested without I/O.
Each transition checks the current status (409 when not allowed now), changes the order and bumps its
`version`, which is also the `sequence` of the events the order causes.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from erp_shared.errors import Conflict, RuleViolation

DRAFT = "draft"
CREDIT_HOLD = "credit_hold"
CONFIRMED = "confirmed"
RESERVED = "reserved"
PARTIALLY_RESERVED = "partially_reserved"
BACKORDERED = "backordered"
PARTIALLY_DELIVERED = "partially_delivered"
DELIVERED = "delivered"
INVOICED = "invoiced"
PAID = "paid"
CANCELLED = "cancelled"
STATUSES = (DRAFT, CREDIT_HOLD, CONFIRMED, RESERVED, PARTIALLY_RESERVED, BACKORDERED, PARTIALLY_DELIVERED,
            DELIVERED, INVOICED, PAID, CANCELLED)

# Waiting for, or holding, a reservation: inventory's reply decides which of these the order is in.
RESERVATION_STATUSES = (CONFIRMED, RESERVED, PARTIALLY_RESERVED, BACKORDERED)
# Once goods have left, nothing can be called back by cancelling: the order must be delivered or returned.
CANCELLABLE = (DRAFT, CREDIT_HOLD, *RESERVATION_STATUSES)
# Orders the customer owes or will owe for (credit exposure): everything agreed and not settled by invoices.
COMMITTED = (CREDIT_HOLD, *RESERVATION_STATUSES, PARTIALLY_DELIVERED, DELIVERED)

# Credit holds are released by someone who answers for receivables, not by whoever sold the order.
CREDIT_RELEASE_ROLES = frozenset({"accounting", "admin"})

MONEY_STEP = Decimal("0.01")
QUANTITY_STEP = Decimal("0.0001")  # quantities and unit prices: NUMERIC(18, 4)
PERCENT_STEP = Decimal("0.01")
AMOUNT_LIMIT = Decimal("1e16")  # NUMERIC(18, 2) holds less than this
ZERO_MONEY = Decimal("0.00")


class SegregationOfDuties(RuleViolation):
    title = "Segregation of duties"


def to_scale(value: Decimal, step: Decimal = QUANTITY_STEP) -> Decimal:
    """A value at the scale it is stored with, so what we answer equals what is read back later."""
    return value.quantize(step)


def net_amount(quantity: Decimal, unit_price: Decimal, discount_pct: Decimal) -> Decimal:
    """quantity × price × (1 − discount/100), rounded once to the cent, half up: the one rule for every
    revenue amount (order lines, invoice lines), so invoices add up to what the order promised."""
    return (quantity * unit_price * (1 - discount_pct / 100)).quantize(MONEY_STEP, ROUND_HALF_UP)


def tax_amount(net: Decimal, tax_rate: Decimal) -> Decimal:
    """Tax per line on the rounded net amount, to the cent, half up."""
    return (net * tax_rate / 100).quantize(MONEY_STEP, ROUND_HALF_UP)


def money_total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO_MONEY).quantize(MONEY_STEP)


def priced_lines(lines: list[dict], order_date: date,
                 requested_date: date | None) -> tuple[list[dict], dict[str, Decimal]]:
    """Lines numbered 1..n with net and tax amounts, and the order totals; refuses amounts the books cannot
    hold and a requested delivery before the order date."""
    errors: dict[str, list[str]] = {}
    if requested_date is not None and requested_date < order_date:
        errors["requested_date"] = [f"the requested date {requested_date} is before the order date {order_date}"]
    priced = []
    for index, line in enumerate(lines):
        quantity, price = to_scale(line["quantity"]), to_scale(line["unit_price"])
        discount, rate = to_scale(line["discount_pct"], PERCENT_STEP), to_scale(line["tax_rate"], PERCENT_STEP)
        net = net_amount(quantity, price, discount)
        tax = tax_amount(net, rate)
        if net + tax >= AMOUNT_LIMIT:
            errors[f"lines[{index}].unit_price"] = [f"the line amount {net + tax} is too large to book"]
        priced.append({**line, "line_no": index + 1, "quantity": quantity, "unit_price": price,
                       "discount_pct": discount, "tax_rate": rate, "net_amount": net, "tax_amount": tax})
    totals = order_totals(priced)
    if not errors and totals["total_amount"] >= AMOUNT_LIMIT:
        errors["lines"] = [f"the order total {totals['total_amount']} is too large to book"]
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)
    return priced, totals


def order_totals(lines: list[dict]) -> dict[str, Decimal]:
    """Totals are sums of the rounded line amounts, so they always equal what the lines show."""
    net = money_total(line["net_amount"] for line in lines)
    tax = money_total(line["tax_amount"] for line in lines)
    return {"net_total": net, "tax_total": tax, "total_amount": net + tax}


def require_status(order, allowed: tuple[str, ...], action: str) -> None:
    if order.status not in allowed:
        raise Conflict(f"sales order {order.number} is {order.status}; only a {' or '.join(allowed)} order "
                       f"can be {action}", field="status")


def changed(order, now: datetime) -> None:
    order.version += 1
    order.updated_at = now


def edit(order, now: datetime) -> None:
    """Header and lines change only before the customer's credit was checked against them."""
    require_status(order, (DRAFT,), "changed")
    changed(order, now)


def request_reservation(order, now: datetime) -> None:
    """The order goes to inventory: the saga starts, and its timeout counts from now."""
    order.status = CONFIRMED
    order.reservation_requested_at = now
    order.reservation_sent_at = now
    order.reservation_resends = 0


def confirm(order, *, within_credit: bool, exposure: Decimal, credit_limit: Decimal, confirmer_id: str,
            confirmer_name: str, now: datetime) -> bool:
    """Draft only. Returns whether a reservation is to be requested: not when the credit check failed (the
    order waits in credit_hold for someone else to release it)."""
    require_status(order, (DRAFT,), "confirmed")
    order.confirmed_by, order.confirmed_by_name, order.confirmed_at = confirmer_id, confirmer_name, now
    order.credit_exposure, order.credit_limit = exposure, credit_limit
    if within_credit:
        request_reservation(order, now)
    else:
        order.status = CREDIT_HOLD
    changed(order, now)
    return within_credit


def check_credit_releaser(order, releaser_id: str, releaser_roles: frozenset[str]) -> None:
    """Segregation of duties: the hold is lifted by someone answering for receivables (accounting, or an
    admin), and never by the person who confirmed the order over the limit."""
    if not releaser_roles & CREDIT_RELEASE_ROLES:
        raise SegregationOfDuties(
            "segregation of duties: a credit hold is released by accounting (or an admin), not by sales",
            field="credit_released_by")
    if releaser_id == order.confirmed_by:
        raise SegregationOfDuties(
            "segregation of duties: the person who confirmed an order over the credit limit cannot release it",
            field="credit_released_by")


def release_credit(order, *, releaser_id: str, releaser_name: str, releaser_roles: frozenset[str],
                   now: datetime) -> None:
    require_status(order, (CREDIT_HOLD,), "released from credit hold")
    check_credit_releaser(order, releaser_id, releaser_roles)
    order.credit_released_by, order.credit_released_by_name, order.credit_released_at = (
        releaser_id, releaser_name, now)
    request_reservation(order, now)
    changed(order, now)


def cancel(order, *, reason: str, now: datetime) -> bool:
    """Returns whether inventory must be told (it was asked to reserve), so it releases what it holds."""
    if order.status in (PARTIALLY_DELIVERED, DELIVERED, INVOICED, PAID):
        raise Conflict(f"sales order {order.number} is {order.status}: goods have left, so it can no longer be "
                       "cancelled", field="status")
    require_status(order, CANCELLABLE, "cancelled")
    order.status = CANCELLED
    order.cancelled_at = now
    order.cancel_reason = reason
    changed(order, now)
    return order.reservation_requested_at is not None
