"""Return rules: when goods may come back, how much of each delivery line, and what the returned cost per
line is. Pure code over the delivery line objects' attributes, unit-tested without I/O.

The caller locks the delivery and its lines before calling `book_return`, so the limit checked here sees
every return committed before it, and two clerks returning the same line queue instead of both taking back
the last delivered units.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from erp_shared.errors import RuleViolation

from .delivery_domain import CLOCK_SKEW, issued_costs
from .ordering_domain import to_scale

NOTHING = Decimal("0.0000")


def returnable_quantity(delivered: Decimal, returned: Decimal) -> Decimal:
    """What may still come back on a delivery line: what left on it less what earlier returns took back."""
    return max(delivered - returned, NOTHING)


def check_returned_at(returned_at: datetime, delivered_at: datetime, now: datetime) -> None:
    """Goods come back after they left, and not later than now (a client clock slightly ahead of ours is
    allowed, as for deliveries)."""
    if returned_at > now + CLOCK_SKEW:
        raise RuleViolation(f"goods cannot be returned in the future ({returned_at.isoformat()})",
                            field="returned_at")
    if returned_at < delivered_at:
        raise RuleViolation(f"the return time {returned_at.isoformat()} is before the goods were delivered "
                            f"({delivered_at.isoformat()})", field="returned_at")


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _line_errors(delivery_number: str, lines: dict, requests: list[dict]) -> dict[str, list[str]]:
    """Every refused field of every line at once, so a clerk fixes the whole return in one go."""
    errors: dict[str, list[str]] = {}
    seen = set()
    for index, request in enumerate(requests):
        where = f"lines[{index}]"
        line = lines.get(request["delivery_line_id"])
        if line is None:
            errors[f"{where}.delivery_line_id"] = [
                f"{request['delivery_line_id']} is not a line of delivery note {delivery_number}"]
            continue
        if line.id in seen:
            errors[f"{where}.delivery_line_id"] = [f"line {line.line_no} is named twice in this return; "
                                                   "return it once with the sum"]
            continue
        seen.add(line.id)
        room = returnable_quantity(line.quantity, line.quantity_returned)
        if request["quantity"] > room:
            errors[f"{where}.quantity"] = [
                f"line {line.line_no} of {delivery_number} has {_plain(room)} left to return (delivered "
                f"{_plain(line.quantity)}, returned {_plain(line.quantity_returned)}); "
                f"{_plain(request['quantity'])} cannot be returned"]
    return errors


def book_return(delivery, requests: list[dict], *, returned_at: datetime, now: datetime) -> list[dict]:
    """Check a return against the (locked) delivery and add it to the lines' returned totals. Returns the
    return lines to store, each with the item and warehouse the goods left from."""
    check_returned_at(returned_at, delivery.delivered_at, now)
    lines = {line.id: line for line in delivery.lines}
    errors = _line_errors(delivery.number, lines, requests)
    if errors:
        raise RuleViolation("; ".join(message for messages in errors.values() for message in messages),
                            errors=errors)
    booked = []
    for line_no, request in enumerate(requests, start=1):
        line = lines[request["delivery_line_id"]]
        quantity = to_scale(request["quantity"])
        line.quantity_returned += quantity
        booked.append({"line_no": line_no, "delivery_line_id": line.id, "order_line_id": line.order_line_id,
                       "item_id": line.item_id, "warehouse_id": line.warehouse_id, "quantity": quantity,
                       "returned_at": returned_at})
    return booked


def returned_costs(returned_lines: list[dict]) -> dict:
    """Cost per return line from inventory's report: goods issued from several batches come back as several
    lines, so they are added up exactly as an issue's are."""
    return issued_costs(returned_lines)
