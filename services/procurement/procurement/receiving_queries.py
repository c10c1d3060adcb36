"""Read side of receiving: goods receipts as people read them, and the late-deliveries report."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from erp_shared.db import Database
from erp_shared.errors import NotFound

from .models import GoodsReceipt, GoodsReceiptLine, PurchaseOrder, PurchaseOrderLine, Supplier, item_replica
from .ordering_domain import RECEIVABLE, days_overdue
from .ordering_queries import today
from .ordering_references import items_by_id, warehouses_by_id
from .ordering_store import get_order

HEADER_FIELDS = ("id", "number", "purchase_order_id", "supplier_id", "received_at", "received_by", "notes",
                 "total_accepted_amount", "created_at")
LINE_FIELDS = ("id", "po_line_id", "item_id", "warehouse_id", "batch_no", "quantity_received", "quantity_accepted",
               "quantity_rejected", "unit_price", "accepted_amount", "expected_date", "days_late")


@dataclass(frozen=True)
class ReceiptReferences:
    """The item and warehouse rows receipt lines are shown with, read once for any number of receipts."""
    items: dict
    warehouses: dict

    @classmethod
    def read(cls, session: Session, item_ids, warehouse_ids) -> "ReceiptReferences":
        return cls(items_by_id(session, item_ids), warehouses_by_id(session, warehouse_ids))

    @classmethod
    def of_lines(cls, session: Session, lines) -> "ReceiptReferences":
        lines = list(lines)
        return cls.read(session, (line.item_id for line in lines), (line.warehouse_id for line in lines))


def present_receipt(receipt: GoodsReceipt, po_number: str, references: ReceiptReferences) -> dict:
    lines = []
    for line in receipt.lines:
        item, warehouse = references.items.get(line.item_id), references.warehouses.get(line.warehouse_id)
        lines.append({**{name: getattr(line, name) for name in LINE_FIELDS},
                      "item_code": item.code if item else None, "item_name": item.name if item else None,
                      "warehouse_code": warehouse.code if warehouse else None})
    return {**{name: getattr(receipt, name) for name in HEADER_FIELDS}, "po_number": po_number,
            "late": any(line.days_late > 0 for line in receipt.lines), "lines": lines}


def _receipts(session: Session, conditions, page: int, page_size: int) -> tuple[list[dict], int]:
    total = session.execute(select(func.count()).select_from(GoodsReceipt).where(*conditions)).scalar_one()
    rows = session.execute(
        select(GoodsReceipt, PurchaseOrder.number)
        .join(PurchaseOrder, PurchaseOrder.id == GoodsReceipt.purchase_order_id)
        .where(*conditions).options(selectinload(GoodsReceipt.lines))
        .order_by(GoodsReceipt.number.desc()).offset((page - 1) * page_size).limit(page_size)).all()
    references = ReceiptReferences.of_lines(session, (line for receipt, _ in rows for line in receipt.lines))
    return [present_receipt(receipt, number, references) for receipt, number in rows], total


def late_receipt_exists():
    return exists().where(GoodsReceiptLine.receipt_id == GoodsReceipt.id, GoodsReceiptLine.days_late > 0)


def list_receipts(db: Database, filters: dict, page: int, page_size: int) -> tuple[list[dict], int]:
    conditions = []
    if "purchase_order_id" in filters:
        conditions.append(GoodsReceipt.purchase_order_id == filters["purchase_order_id"])
    if "late" in filters:
        conditions.append(late_receipt_exists() if filters["late"] else ~late_receipt_exists())
    with db.unit_of_work() as session:
        return _receipts(session, conditions, page, page_size)


def receipts_of_order(db: Database, order_id: uuid.UUID, page: int, page_size: int) -> tuple[list[dict], int]:
    with db.unit_of_work() as session:
        get_order(session, order_id)
        return _receipts(session, [GoodsReceipt.purchase_order_id == order_id], page, page_size)


def read_receipt(db: Database, receipt_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        receipt = session.get(GoodsReceipt, receipt_id)
        if receipt is None:
            raise NotFound(f"no goods receipt with id {receipt_id}")
        return present_receipt(receipt, session.get(PurchaseOrder, receipt.purchase_order_id).number,
                               ReceiptReferences.of_lines(session, receipt.lines))


def late_deliveries(db: Database, supplier_id: uuid.UUID | None = None, received_since: date | None = None) -> dict:
    """Open lines past their expected date (still expected) and receipt lines that arrived after it."""
    on = today()
    po, line, supplier = PurchaseOrder, PurchaseOrderLine, Supplier
    open_query = (select(po, line, supplier, item_replica.c.code, item_replica.c.name)
                  .join(line, line.purchase_order_id == po.id).join(supplier, supplier.id == po.supplier_id)
                  .outerjoin(item_replica, item_replica.c.id == line.item_id)
                  .where(po.status.in_(RECEIVABLE), line.expected_date < on, line.quantity_accepted < line.quantity)
                  .order_by(line.expected_date, po.number, line.line_no))
    grl, gr = GoodsReceiptLine, GoodsReceipt
    late_query = (select(grl, gr, po.number, line.line_no, supplier, item_replica.c.code, item_replica.c.name)
                  .join(gr, gr.id == grl.receipt_id).join(po, po.id == gr.purchase_order_id)
                  .join(line, line.id == grl.po_line_id).join(supplier, supplier.id == gr.supplier_id)
                  .outerjoin(item_replica, item_replica.c.id == grl.item_id)
                  .where(grl.days_late > 0).order_by(gr.received_at.desc(), gr.number, line.line_no))
    if supplier_id is not None:
        open_query = open_query.where(po.supplier_id == supplier_id)
        late_query = late_query.where(gr.supplier_id == supplier_id)
    if received_since is not None:
        late_query = late_query.where(func.date(func.timezone("UTC", gr.received_at)) >= received_since)
    with db.unit_of_work() as session:
        open_lines = [{
            "purchase_order_id": order.id, "po_number": order.number, "status": order.status,
            "supplier_id": sup.id, "supplier_name": sup.name, "po_line_id": row.id, "line_no": row.line_no,
            "item_id": row.item_id, "item_code": code, "item_name": name, "quantity": row.quantity,
            "quantity_accepted": row.quantity_accepted, "open_quantity": row.quantity - row.quantity_accepted,
            "expected_date": row.expected_date,
            "days_overdue": days_overdue(order.status, row.expected_date, row.quantity, row.quantity_accepted, on),
        } for order, row, sup, code, name in session.execute(open_query).all()]
        late_receipts = [{
            "receipt_id": receipt.id, "receipt_no": receipt.number, "received_at": receipt.received_at,
            "purchase_order_id": receipt.purchase_order_id, "po_number": number, "line_no": line_no,
            "supplier_id": sup.id, "supplier_name": sup.name, "po_line_id": row.po_line_id, "item_id": row.item_id,
            "item_code": code, "item_name": name, "quantity_received": row.quantity_received,
            "quantity_accepted": row.quantity_accepted, "expected_date": row.expected_date,
            "days_late": row.days_late,
        } for row, receipt, number, line_no, sup, code, name in session.execute(late_query).all()]
    return {"as_of": on, "open_lines": open_lines, "late_receipts": late_receipts}
