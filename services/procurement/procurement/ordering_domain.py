"""Purchase order rules: amounts, the lifecycle, approval above a threshold and segregation of duties.

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
SUBMITTED = "submitted"
APPROVED = "approved"
SENT = "sent"
PARTIALLY_RECEIVED = "partially_received"
RECEIVED = "received"
CLOSED = "closed"
CANCELLED = "cancelled"
STATUSES = (DRAFT, SUBMITTED, APPROVED, SENT, PARTIALLY_RECEIVED, RECEIVED, CLOSED, CANCELLED)

RECEIVABLE = (APPROVED, SENT, PARTIALLY_RECEIVED)
# Quantities still coming: planning counts them as on order. Drafts and orders awaiting approval count too,
# or converting requisitions into a draft would make their need vanish and be suggested a second time.
ON_ORDER = (DRAFT, SUBMITTED, APPROVED, SENT, PARTIALLY_RECEIVED)
CANCELLABLE = (DRAFT, SUBMITTED, APPROVED, SENT)
CLOSABLE = (PARTIALLY_RECEIVED, RECEIVED)

AUTO_APPROVER = "auto"
MONEY_STEP = Decimal("0.01")
QUANTITY_STEP = Decimal("0.0001")  # quantities and unit prices: NUMERIC(18, 4)
AMOUNT_LIMIT = Decimal("1e16")  # NUMERIC(18, 2) holds less than this


class SegregationOfDuties(RuleViolation):
    title = "Segregation of duties"


def to_scale(value: Decimal) -> Decimal:
    """A quantity or price at the scale it is stored with, so what we answer equals what is read back later
    (the schemas have already refused values with more places)."""
    return value.quantize(QUANTITY_STEP)


def line_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """The one rounding rule for every amount derived from a PO price: quantity × price, to the cent, half up."""
    return (quantity * unit_price).quantize(MONEY_STEP, ROUND_HALF_UP)


def order_total(amounts: Iterable[Decimal]) -> Decimal:
    """The sum of the rounded line amounts, so the total always equals what the lines show."""
    return sum(amounts, Decimal("0.00")).quantize(MONEY_STEP)


def priced_lines(lines: list[dict], order_date: date) -> tuple[list[dict], Decimal]:
    """Lines numbered 1..n with their amounts, and the order total; refuses amounts the books cannot hold
    and delivery dates before the order was placed."""
    errors: dict[str, list[str]] = {}
    priced = []
    for index, line in enumerate(lines):
        amount = line_amount(line["quantity"], line["unit_price"])
        if amount >= AMOUNT_LIMIT:
            errors[f"lines[{index}].unit_price"] = [f"quantity × unit price {amount} is too large to book"]
        expected = line.get("expected_date")
        if expected is not None and expected < order_date:
            errors[f"lines[{index}].expected_date"] = [
                f"the expected delivery {expected} is before the order date {order_date}"]
        priced.append({**line, "quantity": to_scale(line["quantity"]), "unit_price": to_scale(line["unit_price"]),
                       "line_no": index + 1, "line_amount": amount})
    total = order_total(line["line_amount"] for line in priced)
    if not errors and total >= AMOUNT_LIMIT:
        errors["lines"] = [f"the order total {total} is too large to book"]
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)
    return priced, total


def require_status(order, allowed: tuple[str, ...], action: str) -> None:
    if order.status not in allowed:
        raise Conflict(f"purchase order {order.number} is {order.status}; only a {' or '.join(allowed)} order "
                       f"can be {action}", field="status")


def _changed(order, now: datetime) -> None:
    order.version += 1
    order.updated_at = now


def edit(order, now: datetime) -> None:
    """Header and lines change only while nobody has been asked to approve them."""
    require_status(order, (DRAFT,), "changed")
    _changed(order, now)


def submit(order, *, approval_threshold: Decimal, now: datetime) -> None:
    """Up to the threshold an order needs no second person: it is approved on submission, by "auto"."""
    require_status(order, (DRAFT,), "submitted")
    order.status = SUBMITTED
    order.submitted_at = now
    if order.total_amount <= approval_threshold:
        _approve(order, AUTO_APPROVER, AUTO_APPROVER, now)
    _changed(order, now)


def check_segregation_of_duties(order, approver_id: str) -> None:
    if approver_id == order.created_by:
        raise SegregationOfDuties(
            "segregation of duties: the person who created a purchase order cannot approve it",
            field="approved_by")


def approve(order, *, approver_id: str, approver_name: str, now: datetime) -> None:
    require_status(order, (SUBMITTED,), "approved")
    check_segregation_of_duties(order, approver_id)
    _approve(order, approver_id, approver_name, now)
    _changed(order, now)


def _approve(order, approver_id: str, approver_name: str, now: datetime) -> None:
    order.status = APPROVED
    order.approved_by = approver_id
    order.approved_by_name = approver_name
    order.approved_at = now


def send(order, now: datetime) -> None:
    require_status(order, (APPROVED,), "sent")
    order.status = SENT
    order.sent_at = now
    _changed(order, now)


def cancel(order, *, reason: str, now: datetime) -> None:
    """Once goods arrived (even only rejected ones, which make an order partially received) the order is
    history: it is closed short instead."""
    if order.status in CLOSABLE:
        raise Conflict(f"purchase order {order.number} is {order.status}: it has receipts, so close it instead "
                       "of cancelling", field="status")
    require_status(order, CANCELLABLE, "cancelled")
    order.status = CANCELLED
    order.cancelled_at = now
    order.cancel_reason = reason
    _changed(order, now)


def close(order, now: datetime) -> None:
    """Closing short: what is still open will not be delivered and can no longer be received."""
    require_status(order, CLOSABLE, "closed")
    order.status = CLOSED
    order.closed_at = now
    _changed(order, now)


def open_quantity(status: str, quantity: Decimal, accepted: Decimal) -> Decimal:
    """What may still arrive on a line: nothing once the order is closed or cancelled."""
    if status not in ON_ORDER:
        return Decimal("0.0000")
    return max(quantity - accepted, Decimal("0.0000"))


def days_overdue(status: str, expected: date | None, quantity: Decimal, accepted: Decimal, today: date) -> int:
    """Days an open line is past its expected date (0 when on time, fully accepted or no longer open)."""
    if status not in RECEIVABLE or expected is None or accepted >= quantity or expected >= today:
        return 0
    return (today - expected).days
