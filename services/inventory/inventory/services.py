"""Goods receipts: accepted goods enter the stock ledger at the value procurement put on them, and the stock
that came in fills the open backorders at the places it reached, in the same transaction."""
from __future__ import annotations

from sqlalchemy.orm import Session

from erp_shared.events import Envelope
from erp_shared.messaging.outbox import record_events

from . import domain, lots, reservations
from .events import stock_level_changed
from .ledger import Source, book_movements, require_known_places
from .models import outbox


def book_goods_receipt(session: Session, event: Envelope, receipt: dict) -> None:
    """Lines already booked are skipped; backorders are filled while the items' valuation locks taken by the
    booking are still held, so no reservation can slip in between the stock arriving and its allocation."""
    source = Source(domain.RECEIPT, domain.source_document(receipt["receipt_no"]), event.id, receipt["received_at"])
    lots.record_receipt_origin(session, receipt)
    movements = domain.receipt_movements(receipt["lines"])
    require_known_places(session, movements)
    valuations = book_movements(session, source, movements)
    record_events(session, outbox, *(stock_level_changed(item_id, valuations[item_id])
                                     for item_id in sorted(valuations)))
    reservations.fill_backorders(session, {(m.item_id, m.warehouse_id) for m in movements
                                           if m.item_id in valuations})
