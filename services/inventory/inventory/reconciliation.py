"""The stock ledger against finance's inventory account (1200), without reading finance's database: a read
model of finance's journal entries that touch that account (`gl_stock_postings`, from finance.journal_posted.v1)
is compared with the ledger, period by period and source document by source document.

It fills only from the events finance publishes after the table exists, so entries posted before that show as
"not posted in the GL yet" until they are replayed.

Dating: a ledger row counts on the UTC day of `moved_at`, a GL entry on its `entry_date`. For every kind finance
posts from stock events the two agree, document and day (services/finance/finance/posting.py):

- receipt ↔ goods_receipt: inventory books procurement.goods_received under receipt_no at received_at;
  finance posts the same event under receipt_no on the UTC day of received_at (for total_accepted_amount).
- delivery ↔ delivery_cost: inventory books sales.goods_delivered under delivery_no at delivered_at and
  reports it on inventory.stock_issued (source_document = delivery_no, issued_at = delivered_at), which
  finance posts under source_document on the UTC day of issued_at.
- return ↔ return_cost: inventory books sales.goods_returned under return_no at returned_at and reports it on
  inventory.stock_returned (source_document = return_no, same returned_at), posted the same way.
- material_issue ↔ material_issue, material_return ↔ material_return: inventory books an issue (return) under
  its number at issued_at (returned_at) and publishes inventory.material_issued (material_returned) with the
  same number and instant, which finance posts under issue_no (return_no) on the UTC day of that instant.
- transfer_out / transfer_in / transfer_loss ↔ transfer_loss: booked under the transfer's number, out (into
  goods in transit, still stock) at shipped_at, in and loss at received_at; the out and in rows net to zero, so
  only the loss moves the stock value, and finance posts inventory.transfer_received's total_loss under
  transfer_no on the UTC day of received_at.
- count_adjustment ↔ count_adjustment: booked under the count's number at posted_at; finance posts
  inventory.count_posted's gains and losses (both on the account, so the entry's amount here is their net)
  under count_no on the UTC day of posted_at.

Where they can still differ, the explanations say so per document: a receipt whose total_accepted_amount is not
the sum of its lines' accepted amounts ("amounts differ"), a receipt inventory refused (dead-lettered here,
posted by finance: "posted in the GL without a stock movement"), an event finance has not consumed yet or
dead-lettered ("not posted in the GL yet"). A document whose rows net to zero in the ledger (a transfer between
warehouses) with nothing in the GL needs no explanation.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, cast, distinct, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.events import Envelope

from .models import GlStockPosting, StockMove
from .reconciling import DocumentFigures, amount_on_account, explain, inventory_account, status
from .reporting import ZERO_VALUE, Balance, end_of_day, start_of_day

ACCOUNT_CODE = inventory_account()      # ERP_INVENTORY_ACCOUNT_CODE, read once at start-up


def gl_postings_handler(account_code: str):
    """The consumer of finance.journal_posted.v1: keeps the entries that touch `account_code`, with their net
    debit on it; an entry delivered twice is kept once (its id is the key)."""
    def record_gl_posting(session: Session, event: Envelope, entry: dict) -> None:
        amount = amount_on_account(entry["lines"], account_code)
        if amount is None:
            return
        session.execute(pg_insert(GlStockPosting).values(
            entry_id=entry["entry_id"], entry_no=entry["entry_no"], kind=entry["kind"],
            source_document=entry["source_document"], source_event_id=entry["source_event_id"],
            entry_date=entry["entry_date"], amount=amount).on_conflict_do_nothing())
    return record_gl_posting


def _value(amount) -> Decimal:
    return Balance.of(0, amount).value


def stock_to_gl(session: Session, filters: dict, today: date, account_code: str,
                page: int, page_size: int) -> tuple[dict, int]:
    """Opening (before `date_from`), movement (`date_from` to `date_to`, UTC days, inclusive) and closing of
    the ledger's value and of the GL's inventory account, their differences, and one explanation per source
    document whose ledger value in the period is not its GL amount (paged)."""
    date_from, date_to = filters.get("date_from"), filters.get("date_to") or today
    ledger_period = [StockMove.moved_at < end_of_day(date_to)]
    gl_period = [GlStockPosting.entry_date <= date_to]
    if date_from:
        ledger_period.append(StockMove.moved_at >= start_of_day(date_from))
        gl_period.append(GlStockPosting.entry_date >= date_from)
        ledger_opening = _value(session.execute(select(func.sum(StockMove.value))
                                                .where(StockMove.moved_at < start_of_day(date_from))).scalar())
        gl_opening = _value(session.execute(select(func.sum(GlStockPosting.amount))
                                            .where(GlStockPosting.entry_date < date_from)).scalar())
    else:
        ledger_opening = gl_opening = ZERO_VALUE
    ledger_movement = _value(session.execute(select(func.sum(StockMove.value)).where(*ledger_period)).scalar())
    gl_movement = _value(session.execute(select(func.sum(GlStockPosting.amount)).where(*gl_period)).scalar())

    ledger = (select(StockMove.source_document.label("document"), func.sum(StockMove.value).label("value"),
                     cast(func.timezone("UTC", func.min(StockMove.moved_at)), Date).label("first_day"),
                     func.array_agg(distinct(StockMove.source_event_id)).label("source_event_ids"),
                     func.array_agg(distinct(StockMove.move_type)).label("move_types"))
              .where(*ledger_period).group_by(StockMove.source_document).subquery("ledger"))
    gl = (select(GlStockPosting.source_document.label("document"), func.sum(GlStockPosting.amount).label("amount"),
                 func.min(GlStockPosting.entry_date).label("first_day"),
                 func.array_agg(distinct(GlStockPosting.entry_no)).label("entry_nos"),
                 func.array_agg(distinct(GlStockPosting.kind)).label("kinds"))
          .where(*gl_period).group_by(GlStockPosting.source_document).subquery("gl"))
    document = func.coalesce(ledger.c.document, gl.c.document)
    query = (select(document.label("document"), func.least(ledger.c.first_day, gl.c.first_day).label("first_day"),
                    ledger.c.document.label("ledger_document"), ledger.c.value, ledger.c.source_event_ids,
                    ledger.c.move_types, gl.c.document.label("gl_document"), gl.c.amount, gl.c.entry_nos,
                    gl.c.kinds)
             .select_from(ledger.join(gl, ledger.c.document == gl.c.document, full=True))
             .where(func.coalesce(ledger.c.value, 0) != func.coalesce(gl.c.amount, 0))
             .order_by(func.least(ledger.c.first_day, gl.c.first_day), document))
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = session.execute(query.offset((page - 1) * page_size).limit(page_size)).all()
    explanations = []
    for row in rows:
        figures = DocumentFigures(row.document, None if row.ledger_document is None else _value(row.value),
                                  None if row.gl_document is None else _value(row.amount))
        explanations.append({
            "source_document": row.document, "first_date": row.first_day,
            "ledger_value": figures.ledger_value or ZERO_VALUE, "gl_amount": figures.gl_amount or ZERO_VALUE,
            "difference": figures.difference, "reason": explain(figures),
            "source_event_ids": sorted(row.source_event_ids or [], key=str),
            "move_types": sorted(row.move_types or []), "entry_nos": sorted(row.entry_nos or []),
            "gl_kinds": sorted(row.kinds or [])})

    ledger_figures = _three(ledger_opening, ledger_movement)
    gl_figures = _three(gl_opening, gl_movement)
    difference = {name: ledger_figures[name] - gl_figures[name] for name in ledger_figures}
    return {
        "date_from": date_from, "date_to": date_to, "account_code": account_code,
        "ledger": ledger_figures, "gl": gl_figures, "difference": difference,
        "status": status(difference.values(), total),
        "explanation_count": total, "explanations": explanations,
    }, total


def _three(opening, movement) -> dict:
    return {"opening": opening, "movement": movement, "closing": opening + movement}
