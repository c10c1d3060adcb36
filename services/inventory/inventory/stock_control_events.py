"""The events of transfers and cycle counts. A transfer is its own subject, its version the sequence (shipped,
then received); a count is posted once, so its sequence is its version at posting."""
from __future__ import annotations

from decimal import Decimal

from erp_shared.events import Envelope, new_event

from .count_domain import Adjustment
from .domain import MONEY_STEP
from .events import COUNT_POSTED, TRANSFER_RECEIVED, TRANSFER_SHIPPED
from .transfer_domain import ArrivedPart, ShippedPart


def _transfer(transfer) -> dict:
    return {"transfer_id": transfer.id, "transfer_no": transfer.number,
            "from_warehouse_id": transfer.from_warehouse_id, "to_warehouse_id": transfer.to_warehouse_id}


def transfer_shipped(transfer, parts: list[ShippedPart]) -> Envelope:
    return new_event(TRANSFER_SHIPPED, {
        **_transfer(transfer), "shipped_at": transfer.shipped_at,
        "lines": [{"transfer_line_id": p.line_id, "item_id": p.item_id, "batch_no": p.batch_key or None,
                   "quantity": p.quantity, "unit_cost": p.unit_cost, "value": p.value} for p in parts],
    }, subject=str(transfer.id), sequence=transfer.version)


def transfer_received(transfer, arrived: list[ArrivedPart]) -> Envelope:
    lines = [{"transfer_line_id": a.part.line_id, "item_id": a.part.item_id, "batch_no": a.part.batch_key or None,
              "quantity_shipped": a.part.quantity, "quantity_received": a.quantity_received,
              "quantity_lost": a.quantity_lost, "value_received": a.value_received, "value_lost": a.value_lost}
             for a in arrived]
    return new_event(TRANSFER_RECEIVED, {
        **_transfer(transfer), "received_at": transfer.received_at, "lines": lines,
        "total_loss": sum((a.value_lost for a in arrived), Decimal(0)).quantize(MONEY_STEP),
    }, subject=str(transfer.id), sequence=transfer.version)


def count_posted(count, adjustments: list[Adjustment]) -> Envelope:
    return new_event(COUNT_POSTED, {
        "count_id": count.id, "count_no": count.number, "warehouse_id": count.warehouse_id,
        "snapshot_at": count.snapshot_at, "posted_at": count.posted_at,
        "lines": [{"count_line_id": a.line.line_id, "item_id": a.line.item_id, "batch_no": a.line.batch_no,
                   "book_quantity": a.line.book_quantity, "counted_quantity": a.line.counted_quantity,
                   "variance": a.line.variance, "unit_cost": a.unit_cost, "value": a.value} for a in adjustments],
        "total_gain": count.total_gain, "total_loss": count.total_loss,
    }, subject=str(count.id), sequence=count.version)
