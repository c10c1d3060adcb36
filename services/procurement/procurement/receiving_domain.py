"""Receiving rules: what a goods receipt may book against its purchase order, and what it changes there.

The order's lines carry running totals; the caller locks them before calling `book_receipt`, so the
over-receipt check here sees every receipt committed before it and none can slip past it concurrently.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from erp_shared.errors import RuleViolation

from .ordering_domain import (PARTIALLY_RECEIVED, RECEIVABLE, RECEIVED, line_amount, order_total, require_status,
                              to_scale)

CLOCK_SKEW = timedelta(minutes=5)  # a client clock slightly ahead of ours is not a receipt from the future


def most_acceptable(ordered: Decimal, tolerance_pct: Decimal) -> Decimal:
    """The accepted total a line may reach: the ordered quantity plus the over-receipt tolerance."""
    return ordered * (1 + tolerance_pct / 100)


def over_receipt(line, accepted_now: Decimal, tolerance_pct: Decimal) -> str | None:
    """Why accepting `accepted_now` more on `line` would over-receive, or None when it fits."""
    limit = most_acceptable(line.quantity, tolerance_pct)
    if line.quantity_accepted + accepted_now <= limit:
        return None
    open_quantity = max(line.quantity - line.quantity_accepted, Decimal(0))
    room = max(limit - line.quantity_accepted, Decimal(0))
    return (f"line {line.line_no} has {open_quantity.normalize():f} open (ordered {line.quantity.normalize():f}, "
            f"accepted {line.quantity_accepted.normalize():f}); accepting {accepted_now.normalize():f} would "
            f"over-receive: at most {room.normalize():f} more with the {tolerance_pct.normalize():f}% tolerance")


def days_late(received_on: date, expected: date | None) -> int:
    if expected is None or received_on <= expected:
        return 0
    return (received_on - expected).days


def check_received_at(received_at: datetime, now: datetime) -> None:
    if received_at > now + CLOCK_SKEW:
        raise RuleViolation(f"goods cannot be received in the future ({received_at.isoformat()})",
                            field="received_at")


def status_after_receipt(lines) -> str:
    """Received once every line has its ordered quantity accepted; rejected goods do not count."""
    return RECEIVED if all(line.quantity_accepted >= line.quantity for line in lines) else PARTIALLY_RECEIVED


def _line_errors(order, requests: list[dict], tolerance_pct: Decimal, warehouses: dict) -> dict[str, list[str]]:
    """Every refused field of every line at once, so a clerk fixes the whole receipt in one go."""
    lines = {line.id: line for line in order.lines}
    errors: dict[str, list[str]] = {}
    seen = set()
    for index, request in enumerate(requests):
        where = f"lines[{index}]"
        line = lines.get(request["po_line_id"])
        if line is None:
            errors[f"{where}.po_line_id"] = [f"{request['po_line_id']} is not a line of purchase order {order.number}"]
            continue
        if line.id in seen:
            errors[f"{where}.po_line_id"] = [f"line {line.line_no} is named twice in this receipt"]
            continue
        seen.add(line.id)
        active = warehouses.get(request["warehouse_id"])
        if active is None:
            errors[f"{where}.warehouse_id"] = [
                f"warehouse {request['warehouse_id']} is unknown here (not replicated yet?)"]
        elif not active:
            errors[f"{where}.warehouse_id"] = [f"warehouse {request['warehouse_id']} is inactive"]
        refused = over_receipt(line, request["quantity_accepted"], tolerance_pct)
        if refused:
            errors[f"{where}.quantity_accepted"] = [refused]
    return errors


def book_receipt(order, requests: list[dict], *, tolerance_pct: Decimal, received_at: datetime, now: datetime,
                 warehouses: dict) -> tuple[list[dict], Decimal]:
    """Check a receipt against the (locked) order, add it to the line totals and move the order on.

    `warehouses` maps warehouse id → active for the ids the receipt names. Returns the receipt lines to
    store (priced at the PO price) and their accepted total."""
    require_status(order, RECEIVABLE, "received against")
    check_received_at(received_at, now)
    errors = _line_errors(order, requests, tolerance_pct, warehouses)
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)
    received_on = received_at.astimezone(timezone.utc).date()
    lines = {line.id: line for line in order.lines}
    booked = []
    for request in requests:
        line = lines[request["po_line_id"]]
        received, accepted, rejected = (to_scale(request[name]) for name in (
            "quantity_received", "quantity_accepted", "quantity_rejected"))
        line.quantity_received += received
        line.quantity_accepted += accepted
        line.quantity_rejected += rejected
        booked.append({
            "po_line_id": line.id, "item_id": line.item_id, "warehouse_id": request["warehouse_id"],
            "batch_no": request.get("batch_no"), "quantity_received": received, "quantity_accepted": accepted,
            "quantity_rejected": rejected, "unit_price": line.unit_price,
            "accepted_amount": line_amount(accepted, line.unit_price),
            "expected_date": line.expected_date, "days_late": days_late(received_on, line.expected_date),
        })
    order.status = status_after_receipt(order.lines)
    order.version += 1
    order.updated_at = now
    return booked, order_total(line["accepted_amount"] for line in booked)
