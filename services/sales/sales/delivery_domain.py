"""Delivery rules: what a delivery note may take from its order's reservation, and what it changes there.

The caller locks the order and its lines before calling `book_delivery`, so the limit checked here sees
every delivery note committed before it, and two clerks delivering the same line queue instead of both
taking the last reserved units.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from erp_shared.errors import RuleViolation

from .ordering_domain import (DELIVERED, PARTIALLY_DELIVERED, PARTIALLY_RESERVED, RESERVED, changed,
                              require_status, to_scale)

DELIVERABLE_STATUSES = (RESERVED, PARTIALLY_RESERVED, PARTIALLY_DELIVERED)
CLOCK_SKEW = timedelta(minutes=5)  # a client clock slightly ahead of ours is not a delivery from the future
NOTHING = Decimal("0.0000")


def deliverable_quantity(status: str, ordered: Decimal, reserved: Decimal, issued: Decimal,
                         delivered: Decimal) -> Decimal:
    """What may still leave on a line. Inventory's newest report splits what it found for the line into
    stock still reserved and stock already issued out of the reservation (reserved + issued is what the
    reservation covers); earlier delivery notes took `delivered` of that — counted here at once, while the
    issue they cause is reported later. Never more than is still open on the order; nothing while the order
    is not in a deliverable status."""
    if status not in DELIVERABLE_STATUSES:
        return NOTHING
    return max(min(reserved + issued, ordered) - delivered, NOTHING)


def check_delivered_at(delivered_at: datetime, now: datetime) -> None:
    if delivered_at > now + CLOCK_SKEW:
        raise RuleViolation(f"goods cannot be delivered in the future ({delivered_at.isoformat()})",
                            field="delivered_at")


def status_after_delivery(lines) -> str:
    return DELIVERED if all(line.quantity_delivered >= line.quantity for line in lines) else PARTIALLY_DELIVERED


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _line_errors(order, requests: list[dict]) -> dict[str, list[str]]:
    """Every refused field of every line at once, so a clerk fixes the whole note in one go."""
    lines = {line.id: line for line in order.lines}
    errors: dict[str, list[str]] = {}
    seen = set()
    for index, request in enumerate(requests):
        where = f"lines[{index}]"
        line = lines.get(request["order_line_id"])
        if line is None:
            errors[f"{where}.order_line_id"] = [
                f"{request['order_line_id']} is not a line of sales order {order.number}"]
            continue
        if line.id in seen:
            errors[f"{where}.order_line_id"] = [f"line {line.line_no} is named twice in this delivery"]
            continue
        seen.add(line.id)
        room = deliverable_quantity(order.status, line.quantity, line.quantity_reserved, line.quantity_issued,
                                    line.quantity_delivered)
        if request["quantity"] > room:
            errors[f"{where}.quantity"] = [
                f"line {line.line_no} has {_plain(room)} reserved and not yet delivered (reserved "
                f"{_plain(line.quantity_reserved + line.quantity_issued)}, delivered "
                f"{_plain(line.quantity_delivered)}); {_plain(request['quantity'])} cannot be delivered"]
    return errors


def book_delivery(order, requests: list[dict], *, delivered_at: datetime, now: datetime) -> list[dict]:
    """Check a delivery against the (locked) order, add it to the lines' delivered totals and move the order
    on. Returns the delivery lines to store."""
    require_status(order, DELIVERABLE_STATUSES, "delivered against")
    check_delivered_at(delivered_at, now)
    errors = _line_errors(order, requests)
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)
    lines = {line.id: line for line in order.lines}
    booked = []
    for line_no, request in enumerate(requests, start=1):
        line = lines[request["order_line_id"]]
        quantity = to_scale(request["quantity"])
        line.quantity_delivered += quantity
        booked.append({"line_no": line_no, "order_line_id": line.id, "item_id": line.item_id,
                       "warehouse_id": line.warehouse_id, "quantity": quantity})
    order.status = status_after_delivery(order.lines)
    changed(order, now)
    return booked


COST_STEP = Decimal("0.000001")  # unit costs: NUMERIC(18, 6), as inventory keeps its moving average


def issued_costs(issue_lines: list[dict]) -> dict:
    """Cost per delivery line from inventory's issue lines: a line issued from several batches comes as
    several issue lines, so their costs add up and the unit cost is their weighted average."""
    grouped: dict = {}
    for issued in issue_lines:
        grouped.setdefault(issued["source_line_id"], []).append(issued)
    costs = {}
    for line_id, parts in grouped.items():
        cost = sum((part["cost"] for part in parts), Decimal("0.00"))
        quantity = sum((part["quantity"] for part in parts), Decimal(0))
        if len(parts) == 1 or not quantity:
            unit_cost = parts[0]["unit_cost"]
        else:
            unit_cost = (cost / quantity).quantize(COST_STEP)
        costs[line_id] = (unit_cost, cost)
    return costs
