"""Receiving goods against a purchase order: the receipt, the order's running totals and status, and the
`procurement.goods_received.v1` event that stocks the goods (inventory) and books GRNI (finance), all in one
transaction under the order's locks.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from erp_shared.events import new_event
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from .events import GOODS_RECEIVED
from .models import GoodsReceipt, GoodsReceiptLine, document_counters, outbox
from .ordering_settings import current_settings
from .ordering_store import lock_order
from .receiving_domain import book_receipt
from .receiving_queries import ReceiptReferences, present_receipt

EVENT_LINE_FIELDS = ("po_line_id", "item_id", "warehouse_id", "batch_no", "quantity_received", "quantity_accepted",
                     "quantity_rejected", "unit_price", "accepted_amount")


def goods_received_event(receipt: GoodsReceipt, order):
    """Subject is the order and sequence its version after the receipt, so consumers can order receipts."""
    data = {
        "receipt_id": receipt.id, "receipt_no": receipt.number, "purchase_order_id": order.id,
        "po_number": order.number, "supplier_id": receipt.supplier_id, "received_at": receipt.received_at,
        "lines": [{"receipt_line_id": line.id, **{name: getattr(line, name) for name in EVENT_LINE_FIELDS}}
                  for line in receipt.lines],
        "total_accepted_amount": receipt.total_accepted_amount,
    }
    return new_event(GOODS_RECEIVED, data, subject=str(order.id), sequence=order.version)


def receive_goods(session: Session, order_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """Runs inside `idempotent_create`'s unit of work, so a retried receipt is answered, not booked twice.
    Everything is read before the receipt takes its number: the counter row stays locked from then until
    commit, and every receipt waits for it."""
    order = lock_order(session, order_id)
    now = datetime.now(timezone.utc)
    received_at = (values.get("received_at") or now).astimezone(timezone.utc)
    item_of_line = {line.id: line.item_id for line in order.lines}
    references = ReceiptReferences.read(
        session, (item_of_line[line["po_line_id"]] for line in values["lines"] if line["po_line_id"] in item_of_line),
        (line["warehouse_id"] for line in values["lines"]))
    booked, total = book_receipt(
        order, values["lines"], tolerance_pct=current_settings(session).over_receipt_tolerance_pct,
        received_at=received_at, now=now,
        warehouses={warehouse_id: row.active for warehouse_id, row in references.warehouses.items()})
    with session.no_autoflush:
        number = next_number(session, document_counters, "GRN")
    receipt = GoodsReceipt(
        id=uuid.uuid4(), number=number, purchase_order_id=order.id,
        supplier_id=order.supplier_id, received_at=received_at, received_by=principal.username,
        notes=values.get("notes"), total_accepted_amount=total, created_at=now,
        lines=[GoodsReceiptLine(id=uuid.uuid4(), **line) for line in booked])
    session.add(receipt)
    session.flush()
    record_events(session, outbox, goods_received_event(receipt, order))
    return present_receipt(receipt, order.number, references)
