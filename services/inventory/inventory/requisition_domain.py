"""Material requisition rules: the lifecycle, segregation of duties on approval, and how much of each line may
still be issued or come back. Pure code over the requisition and line objects' attributes (no session, no
Flask), so every rule is unit-tested without I/O.

pending_approval → approved → partially_issued → issued; pending_approval → rejected; pending_approval or
approved → cancelled (nothing issued yet). A line's remaining quantity is what was asked for less what was
issued: material that came back unused was not needed, so it does not reopen the line.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from erp_shared.errors import Conflict, DomainError, RuleViolation

from .domain import BATCH_NO_LENGTH, QUANTITY_STEP, Movement, exact

PENDING_APPROVAL = "pending_approval"
APPROVED = "approved"
PARTIALLY_ISSUED = "partially_issued"
ISSUED = "issued"
REJECTED = "rejected"
CANCELLED = "cancelled"
STATUSES = (PENDING_APPROVAL, APPROVED, PARTIALLY_ISSUED, ISSUED, REJECTED, CANCELLED)
ISSUABLE = (APPROVED, PARTIALLY_ISSUED)
CANCELLABLE = (PENDING_APPROVAL, APPROVED)

MATERIAL_ISSUE = "material_issue"       # stock_moves.move_type of both
MATERIAL_RETURN = "material_return"
NOTHING = Decimal("0.0000")
NO_COST = Decimal("0.00")


class SegregationOfDuties(DomainError):
    """Whoever asked for the material cannot also approve or reject the request: a second person must."""
    status = 403
    title = "Segregation of duties"


def plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


# --- creating -------------------------------------------------------------------------------------------------

def requisition_lines(lines: list[dict]) -> list[dict]:
    """The lines numbered 1..n at the ledger's scale; each place (item, warehouse, batch) is named once, so
    what is asked for there is one figure. Every refused line is named at once (`lines[i].field`)."""
    errors: dict[str, list[str]] = {}
    seen: dict[tuple, int] = {}
    result = []
    for index, line in enumerate(lines):
        where = f"lines[{index}]"
        quantity = line["quantity"]
        if quantity <= 0 or quantity != quantity.quantize(QUANTITY_STEP):
            errors[f"{where}.quantity"] = [f"a quantity is positive with at most 4 decimal places, not {quantity}"]
        batch_no = (line.get("batch_no") or "").strip() or None
        if batch_no is not None and len(batch_no) > BATCH_NO_LENGTH:
            errors[f"{where}.batch_no"] = [f"a batch number has at most {BATCH_NO_LENGTH} characters"]
        place = (line["item_id"], line["warehouse_id"], batch_no)
        if place in seen:
            errors[f"{where}.item_id"] = [f"line {index + 1} asks for the same item, warehouse and batch as line "
                                          f"{seen[place] + 1}; ask once with the sum"]
        seen.setdefault(place, index)
        result.append({"line_no": index + 1, "item_id": line["item_id"], "warehouse_id": line["warehouse_id"],
                       "batch_no": batch_no, "quantity": quantity})
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)
    return [{**line, "quantity": line["quantity"].quantize(QUANTITY_STEP)} for line in result]


# --- lifecycle ------------------------------------------------------------------------------------------------

def require_status(requisition, allowed: tuple[str, ...], action: str) -> None:
    if requisition.status not in allowed:
        raise Conflict(f"material requisition {requisition.number} is {requisition.status}; only a "
                       f"{' or '.join(allowed)} requisition can be {action}", field="status")


def changed(requisition, now: datetime) -> None:
    requisition.version += 1
    requisition.updated_at = now


def check_segregation_of_duties(requisition, person: str, action: str) -> None:
    if person == requisition.created_by:
        raise SegregationOfDuties(f"segregation of duties: the person who created material requisition "
                                  f"{requisition.number} cannot {action} it", field="decided_by")


def approve(requisition, *, approver_id: str, approver_name: str, now: datetime) -> None:
    require_status(requisition, (PENDING_APPROVAL,), "approved")
    check_segregation_of_duties(requisition, approver_id, "approve")
    requisition.status = APPROVED
    requisition.decided_by, requisition.decided_by_name, requisition.decided_at = approver_id, approver_name, now
    changed(requisition, now)


def reject(requisition, *, approver_id: str, approver_name: str, reason: str, now: datetime) -> None:
    require_status(requisition, (PENDING_APPROVAL,), "rejected")
    check_segregation_of_duties(requisition, approver_id, "reject")
    requisition.status = REJECTED
    requisition.decided_by, requisition.decided_by_name, requisition.decided_at = approver_id, approver_name, now
    requisition.reject_reason = reason
    changed(requisition, now)


class NotTheRequester(DomainError):
    """A change only the person who raised the requisition (or the warehouse) may make."""
    status = 403
    title = "Forbidden"


def check_may_cancel(requisition, person: str, *, storekeeper: bool) -> None:
    """Whoever asked may withdraw the request, and the warehouse may turn it down; nobody else."""
    if person != requisition.created_by and not storekeeper:
        raise NotTheRequester(f"only the person who created material requisition {requisition.number} or the "
                              "warehouse can cancel it", field="cancelled_by")


def cancel(requisition, *, by_name: str, reason: str | None, now: datetime) -> None:
    """Only before anything was issued: once material has left, the requisition is history."""
    if requisition.status == PARTIALLY_ISSUED:
        raise Conflict(f"material requisition {requisition.number} is partially issued; what was issued stays "
                       "issued, so it can no longer be cancelled", field="status")
    require_status(requisition, CANCELLABLE, "cancelled")
    requisition.status = CANCELLED
    requisition.cancelled_by_name, requisition.cancelled_at, requisition.cancel_reason = by_name, now, reason
    changed(requisition, now)


def remaining(line) -> Decimal:
    """What may still be issued on a line."""
    return line.quantity - line.quantity_issued


def status_after_issue(lines) -> str:
    return ISSUED if all(remaining(line) == 0 for line in lines) else PARTIALLY_ISSUED


# --- issuing --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class IssueLine:
    """An issue line to cost and book: the ledger books it under its own id (`source_line_id`)."""
    issue_line_id: uuid.UUID
    requisition_line_id: uuid.UUID
    item_id: uuid.UUID
    warehouse_id: uuid.UUID
    batch_no: str | None            # the batch it must come from; None: first received, first out
    quantity: Decimal

    @property
    def source_line_id(self) -> uuid.UUID:
        return self.issue_line_id


def plan_issue(requisition, requests: list[dict], *, now: datetime, new_id=uuid.uuid4) -> list[IssueLine]:
    """Check an issue against the (locked) requisition and add it to the lines' issued totals; returns the
    issue lines to book, in the order asked. A line names a batch if the requisition line did not (the same
    one if it did); each line is named once and takes at most what remains on it."""
    require_status(requisition, ISSUABLE, "issued")
    lines = {line.id: line for line in requisition.lines}
    errors: dict[str, list[str]] = {}
    seen = set()
    planned = []
    for index, request in enumerate(requests):
        where = f"lines[{index}]"
        line = lines.get(request["requisition_line_id"])
        if line is None:
            errors[f"{where}.requisition_line_id"] = [
                f"{request['requisition_line_id']} is not a line of material requisition {requisition.number}"]
            continue
        if line.id in seen:
            errors[f"{where}.requisition_line_id"] = [f"line {line.line_no} is named twice in this issue; "
                                                      "issue it once with the sum"]
            continue
        seen.add(line.id)
        quantity = exact(request["quantity"], QUANTITY_STEP, "quantity")
        room = remaining(line)
        if quantity <= 0:
            errors[f"{where}.quantity"] = [f"a quantity is positive, not {plain(quantity)}"]
        elif quantity > room:
            errors[f"{where}.quantity"] = [
                f"line {line.line_no} of {requisition.number} has {plain(room)} left to issue (requested "
                f"{plain(line.quantity)}, issued {plain(line.quantity_issued)}); {plain(quantity)} cannot be issued"]
        batch_no = (request.get("batch_no") or "").strip() or None
        if line.batch_no and batch_no and batch_no != line.batch_no:
            errors[f"{where}.batch_no"] = [f"line {line.line_no} asks for batch {line.batch_no}, not {batch_no}"]
        planned.append(IssueLine(new_id(), line.id, line.item_id, line.warehouse_id, line.batch_no or batch_no,
                                 quantity))
    if errors:
        raise RuleViolation("; ".join(message for messages in errors.values() for message in messages),
                            errors=errors)
    for issue_line in planned:
        lines[issue_line.requisition_line_id].quantity_issued += issue_line.quantity
    requisition.status = status_after_issue(requisition.lines)
    changed(requisition, now)
    return planned


# --- returning ------------------------------------------------------------------------------------------------

def returnable(issue_line) -> Decimal:
    """What of an issue line may still come back: what it issued less what came back already."""
    return issue_line.quantity - issue_line.quantity_returned


def plan_return(issue_number: str, issue_lines: dict, requests: list[dict]) -> list[tuple[object, Decimal]]:
    """Check a return against the (locked) issue lines: each named once, each at most what it issued and has
    not come back yet. Returns (issue line, quantity) in the order asked."""
    errors: dict[str, list[str]] = {}
    seen = set()
    planned = []
    for index, request in enumerate(requests):
        where = f"lines[{index}]"
        line = issue_lines.get(request["issue_line_id"])
        if line is None:
            errors[f"{where}.issue_line_id"] = [f"{request['issue_line_id']} is not a line of material issue "
                                                f"{issue_number}"]
            continue
        if line.id in seen:
            errors[f"{where}.issue_line_id"] = [f"line {line.line_no} is named twice in this return; "
                                                "return it once with the sum"]
            continue
        seen.add(line.id)
        quantity = exact(request["quantity"], QUANTITY_STEP, "quantity")
        room = returnable(line)
        if quantity <= 0:
            errors[f"{where}.quantity"] = [f"a quantity is positive, not {plain(quantity)}"]
        elif quantity > room:
            errors[f"{where}.quantity"] = [
                f"line {line.line_no} of {issue_number} has {plain(room)} left to return (issued "
                f"{plain(line.quantity)}, returned {plain(line.quantity_returned)}); {plain(quantity)} cannot "
                "be returned"]
        planned.append((line, quantity))
    if errors:
        raise RuleViolation("; ".join(message for messages in errors.values() for message in messages),
                            errors=errors)
    return planned


@dataclass(frozen=True)
class ReturnedPart:
    """One batch's share of a return line, at the cost that batch was issued at."""
    return_line_id: uuid.UUID
    issue_line_id: uuid.UUID
    item_id: uuid.UUID
    warehouse_id: uuid.UUID
    batch_key: str
    quantity: Decimal
    unit_cost: Decimal
    cost: Decimal

    @property
    def movement(self) -> Movement:
        return Movement(item_id=self.item_id, warehouse_id=self.warehouse_id, batch_no=self.batch_key or None,
                        quantity=self.quantity, unit_cost=self.unit_cost, value=self.cost,
                        source_line_id=self.return_line_id)
