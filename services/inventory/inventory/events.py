"""The stock events inventory publishes (its master-data events are built in masterdata.py)."""
from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from erp_shared.events import Envelope, new_event

from .domain import MONEY_STEP, Valuation

STOCK_LEVEL_CHANGED = "inventory.stock_level_changed.v1"
STOCK_RESERVED = "inventory.stock_reserved.v1"
STOCK_ISSUED = "inventory.stock_issued.v1"
STOCK_RETURNED = "inventory.stock_returned.v1"
MATERIAL_ISSUED = "inventory.material_issued.v1"
MATERIAL_RETURNED = "inventory.material_returned.v1"
TRANSFER_SHIPPED = "inventory.transfer_shipped.v1"
TRANSFER_RECEIVED = "inventory.transfer_received.v1"
COUNT_POSTED = "inventory.count_posted.v1"
PUBLISHES = frozenset({STOCK_LEVEL_CHANGED, STOCK_RESERVED, STOCK_ISSUED, STOCK_RETURNED,
                       MATERIAL_ISSUED, MATERIAL_RETURNED,
                       TRANSFER_SHIPPED, TRANSFER_RECEIVED, COUNT_POSTED})  # and masterdata.py's


def stock_level_changed(item_id: uuid.UUID, valuation: Valuation) -> Envelope:
    """The item's stock over all warehouses; the movement count is the sequence, so a consumer keeps the newest."""
    return new_event(STOCK_LEVEL_CHANGED, {
        "item_id": item_id,
        "on_hand": valuation.on_hand,
        "stock_value": valuation.stock_value,
        "average_cost": valuation.average_cost,
    }, subject=str(item_id), sequence=valuation.movement_count)


def stock_reserved(order_id: uuid.UUID, status: str, version: int, lines) -> Envelope:
    """The order's whole reservation, never a delta: the version is the sequence, so sales keeps the newest
    state whatever order the events arrive in. `lines` are reservation rows, in order line order."""
    return new_event(STOCK_RESERVED, {
        "order_id": order_id,
        "status": status,
        "lines": [{"order_line_id": line.order_line_id, "item_id": line.item_id, "warehouse_id": line.warehouse_id,
                   "quantity_requested": line.quantity_requested, "quantity_reserved": line.quantity_reserved,
                   "quantity_backordered": line.quantity_backordered, "quantity_issued": line.quantity_issued}
                  for line in lines],
    }, subject=str(order_id), sequence=version)


def stock_issued(delivery: dict, issued_at: datetime, parts) -> Envelope:
    """A delivery's issue at cost, one line per batch a delivery line came from; the total is what finance
    credits to 1200 and debits to COGS. A delivery is issued once, so its sequence is always 1."""
    return new_event(STOCK_ISSUED, {
        "purpose": "delivery",
        "source_document": delivery["delivery_no"],
        "source_id": delivery["delivery_id"],
        "order_id": delivery["order_id"],
        "issued_at": issued_at,
        "lines": [{"source_line_id": part.line.delivery_line_id, "item_id": part.line.item_id,
                   "warehouse_id": part.line.warehouse_id, "batch_no": part.batch_key or None,
                   "quantity": part.quantity, "unit_cost": part.unit_cost, "cost": part.cost} for part in parts],
        "total_cost": sum((part.cost for part in parts), Decimal(0)).quantize(MONEY_STEP),
    }, subject=str(delivery["delivery_id"]), sequence=1)


def stock_returned(goods_return: dict, parts) -> Envelope:
    """A customer return taken back at issue cost, one line per batch a return line went into; the total is
    what finance debits to 1200 and credits to COGS. A return is booked once, so its sequence is always 1."""
    return new_event(STOCK_RETURNED, {
        "source_document": goods_return["return_no"],
        "source_id": goods_return["return_id"],
        "order_id": goods_return["order_id"],
        "returned_at": goods_return["returned_at"],
        "lines": [{"source_line_id": part.line.return_line_id, "delivery_line_id": part.line.delivery_line_id,
                   "item_id": part.line.item_id, "warehouse_id": part.line.warehouse_id,
                   "batch_no": part.batch_key or None, "quantity": part.quantity, "unit_cost": part.unit_cost,
                   "cost": part.cost} for part in parts],
        "total_cost": sum((part.cost for part in parts), Decimal(0)).quantize(MONEY_STEP),
    }, subject=str(goods_return["return_id"]), sequence=1)


def _total(parts) -> Decimal:
    return sum((part.cost for part in parts), Decimal(0)).quantize(MONEY_STEP)


def material_issued(issue, requisition, parts) -> Envelope:
    """A material issue at cost, one line per batch an issue line came from; the total is what finance debits
    to the department's expense account and credits to 1200. An issue never changes, so its sequence is 1."""
    return new_event(MATERIAL_ISSUED, {
        "issue_id": issue.id, "issue_no": issue.number, "requisition_id": requisition.id,
        "requisition_no": requisition.number, "department_id": requisition.department_id,
        "employee_id": requisition.requested_by, "issued_at": issue.issued_at,
        "lines": [{"issue_line_id": part.line.issue_line_id, "requisition_line_id": part.line.requisition_line_id,
                   "item_id": part.line.item_id, "warehouse_id": part.line.warehouse_id,
                   "batch_no": part.batch_key or None, "quantity": part.quantity, "unit_cost": part.unit_cost,
                   "cost": part.cost} for part in parts],
        "total_cost": _total(parts),
    }, subject=str(issue.id), sequence=1)


def material_returned(material_return, issue, requisition, parts) -> Envelope:
    """Unused material taken back at its issue cost, one line per batch a return line went into; finance
    reverses the issue's posting for that much. A return never changes, so its sequence is 1."""
    return new_event(MATERIAL_RETURNED, {
        "return_id": material_return.id, "return_no": material_return.number, "issue_id": issue.id,
        "issue_no": issue.number, "requisition_no": requisition.number, "department_id": requisition.department_id,
        "returned_at": material_return.returned_at,
        "lines": [{"return_line_id": part.return_line_id, "issue_line_id": part.issue_line_id,
                   "item_id": part.item_id, "warehouse_id": part.warehouse_id, "batch_no": part.batch_key or None,
                   "quantity": part.quantity, "unit_cost": part.unit_cost, "cost": part.cost} for part in parts],
        "total_cost": _total(parts),
    }, subject=str(material_return.id), sequence=1)
