"""Read side of credit notes: one, and an invoice's."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from erp_shared.db import Database
from erp_shared.errors import NotFound

from .models import CreditNote, Customer, Invoice
from .ordering_references import items_by_id

CREDIT_NOTE_FIELDS = ("id", "number", "invoice_id", "customer_id", "credit_date", "reason", "net_total", "tax_total",
                      "total_amount", "issued_by", "created_at")
CREDIT_NOTE_LINE_FIELDS = ("id", "line_no", "invoice_line_id", "order_line_id", "item_id", "quantity", "unit_price",
                           "discount_pct", "net_amount", "tax_rate", "tax_amount")


def present_credit_note(session: Session, credit_note: CreditNote) -> dict:
    items = items_by_id(session, (line.item_id for line in credit_note.lines))
    customer = session.get(Customer, credit_note.customer_id)
    lines = [{**{name: getattr(line, name) for name in CREDIT_NOTE_LINE_FIELDS},
              "item_code": items[line.item_id].code if line.item_id in items else None,
              "item_name": items[line.item_id].name if line.item_id in items else None} for line in credit_note.lines]
    return {**{name: getattr(credit_note, name) for name in CREDIT_NOTE_FIELDS},
            "invoice_number": session.get(Invoice, credit_note.invoice_id).number,
            "customer_code": customer.code, "customer_name": customer.name, "lines": lines}


def read_credit_note(db: Database, credit_note_id: uuid.UUID) -> dict:
    with db.unit_of_work() as session:
        credit_note = session.get(CreditNote, credit_note_id)
        if credit_note is None:
            raise NotFound(f"no credit note with id {credit_note_id}")
        return present_credit_note(session, credit_note)


def credit_notes_of_invoice(db: Database, invoice_id: uuid.UUID, page: int,
                            page_size: int) -> tuple[list[dict], int]:
    """Oldest first; 404 for an unknown invoice."""
    with db.unit_of_work() as session:
        if session.get(Invoice, invoice_id) is None:
            raise NotFound(f"no invoice with id {invoice_id}")
        condition = CreditNote.invoice_id == invoice_id
        total = session.execute(select(func.count()).select_from(CreditNote).where(condition)).scalar_one()
        credit_notes = session.execute(select(CreditNote).where(condition).options(selectinload(CreditNote.lines))
                                       .order_by(CreditNote.number).offset((page - 1) * page_size)
                                       .limit(page_size)).scalars()
        return [present_credit_note(session, credit_note) for credit_note in credit_notes], total
