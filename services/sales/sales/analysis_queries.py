"""Read side of the analysis: per-group sums of invoice, credit note, delivery and return lines in a period, the
groups' labels, and the monthly invoiced quantities the forecast learns from.

Sums are taken in SQL (a row per group, not per line) and merged by analysis_domain. Each report reads in one
REPEATABLE READ snapshot, so a document committed halfway through cannot be in one sum and missing from another.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, cast, func, literal_column, select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.errors import NotFound

from . import analysis_domain as domain
from .analysis_forecast import item_forecast
from .analysis_months import Window, add_months, label
from .models import (CreditNote, CreditNoteLine, Customer, Delivery, DeliveryLine, GoodsReturn, GoodsReturnLine,
                     Invoice, InvoiceLine, SalesOrder, item_replica)

SNAPSHOT = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
MONTH_FORMAT = literal_column("'YYYY-MM'")  # inline, so SELECT and GROUP BY hold the very same expression


@dataclass(frozen=True)
class Period:
    date_from: date | None = None
    date_to: date | None = None

    def conditions(self, day) -> list:
        return ([day >= self.date_from] if self.date_from else []) + ([day <= self.date_to] if self.date_to else [])


def delivered_on():
    """The UTC day goods left, in SQL: the day inventory's issue (and finance's 5000 entry) is dated."""
    return cast(func.timezone("UTC", Delivery.delivered_at), Date)


def returned_on():
    """The UTC day goods came back: the day inventory's return (and finance's 5000 credit) is dated."""
    return cast(func.timezone("UTC", GoodsReturnLine.returned_at), Date)


def _month(day):
    return func.to_char(day, MONTH_FORMAT)


def _invoice_key(group_by: str):
    return {"order": Invoice.sales_order_id, "customer": Invoice.customer_id, "item": InvoiceLine.item_id,
            "month": _month(Invoice.invoice_date)}[group_by].label("key")


def _credit_key(group_by: str):
    return {"order": Invoice.sales_order_id, "customer": CreditNote.customer_id, "item": CreditNoteLine.item_id,
            "month": _month(CreditNote.credit_date)}[group_by].label("key")


def _delivery_key(group_by: str):
    return {"order": Delivery.sales_order_id, "customer": Delivery.customer_id, "item": DeliveryLine.item_id,
            "month": _month(delivered_on())}[group_by].label("key")


def _return_key(group_by: str):
    return {"order": GoodsReturn.sales_order_id, "customer": GoodsReturn.customer_id, "item": GoodsReturnLine.item_id,
            "month": _month(returned_on())}[group_by].label("key")


def _snapshot(session: Session) -> None:
    session.connection(execution_options=SNAPSHOT)


def invoiced(session: Session, group_by: str, period: Period) -> list[domain.InvoicedPart]:
    key = _invoice_key(group_by)
    rows = session.execute(
        select(key, Invoice.id, func.sum(InvoiceLine.net_amount), func.sum(InvoiceLine.quantity))
        .select_from(InvoiceLine).join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(*period.conditions(Invoice.invoice_date)).group_by(key, Invoice.id)).all()
    return [domain.InvoicedPart(str(row[0]), row[1], row[2], row[3]) for row in rows]


def credited(session: Session, group_by: str, period: Period) -> list[domain.Part]:
    key = _credit_key(group_by)
    rows = session.execute(
        select(key, func.sum(CreditNoteLine.net_amount))
        .select_from(CreditNoteLine).join(CreditNote, CreditNote.id == CreditNoteLine.credit_note_id)
        .join(Invoice, Invoice.id == CreditNote.invoice_id)
        .where(*period.conditions(CreditNote.credit_date)).group_by(key)).all()
    return [domain.Part(str(row[0]), row[1]) for row in rows]


def issued(session: Session, group_by: str, period: Period) -> list[domain.CostPart]:
    key = _delivery_key(group_by)
    rows = session.execute(
        select(key, func.coalesce(func.sum(DeliveryLine.cost), 0), func.count().filter(DeliveryLine.cost.is_(None)))
        .select_from(DeliveryLine).join(Delivery, Delivery.id == DeliveryLine.delivery_id)
        .where(*period.conditions(delivered_on())).group_by(key)).all()
    return [domain.CostPart(str(row[0]), row[1], row[2]) for row in rows]


def returned(session: Session, group_by: str, period: Period) -> list[domain.CostPart]:
    key = _return_key(group_by)
    rows = session.execute(
        select(key, func.coalesce(func.sum(GoodsReturnLine.cost), 0),
               func.count().filter(GoodsReturnLine.cost.is_(None)))
        .select_from(GoodsReturnLine).join(GoodsReturn, GoodsReturn.id == GoodsReturnLine.return_id)
        .where(*period.conditions(returned_on())).group_by(key)).all()
    return [domain.CostPart(str(row[0]), row[1], row[2]) for row in rows]


def labels(session: Session, group_by: str, keys: set[str]) -> dict[str, str | None]:
    """Order number; customer code and name; item code and name from the read model (none while an item is
    not replicated yet); the month itself."""
    if group_by == "month" or not keys:
        return {key: key for key in keys}
    ids = [uuid.UUID(key) for key in keys]
    if group_by == "order":
        rows = session.execute(select(SalesOrder.id, SalesOrder.number).where(SalesOrder.id.in_(ids))).all()
        return {str(row.id): row.number for row in rows}
    table = Customer.__table__ if group_by == "customer" else item_replica
    rows = session.execute(select(table.c.id, table.c.code, table.c.name).where(table.c.id.in_(ids))).all()
    return {str(row.id): f"{row.code} {row.name}" for row in rows}


def gross_margin(db: Database, group_by: str, period: Period) -> dict:
    with db.unit_of_work() as session:
        _snapshot(session)
        revenue, credits = invoiced(session, group_by, period), credited(session, group_by, period)
        costs, takebacks = issued(session, group_by, period), returned(session, group_by, period)
        names = labels(session, group_by, {part.key for part in (*revenue, *credits, *costs, *takebacks)})
    parts = [domain.Part(part.key, part.net) for part in revenue]
    return {"group_by": group_by, "date_from": period.date_from, "date_to": period.date_to,
            **domain.gross_margin_report(parts, credits, costs, takebacks, names)}


def sales(db: Database, group_by: str, period: Period) -> dict:
    with db.unit_of_work() as session:
        _snapshot(session)
        revenue, credits = invoiced(session, group_by, period), credited(session, group_by, period)
        names = labels(session, group_by, {part.key for part in (*revenue, *credits)})
    return {"group_by": group_by, "date_from": period.date_from, "date_to": period.date_to,
            **domain.sales_report(revenue, credits, names)}


def _monthly_quantities(session: Session, window: Window, item_id: uuid.UUID | None) -> dict[uuid.UUID, dict]:
    month = _month(Invoice.invoice_date)
    only = [InvoiceLine.item_id == item_id] if item_id else []
    rows = session.execute(
        select(InvoiceLine.item_id, month, func.sum(InvoiceLine.quantity))
        .select_from(InvoiceLine).join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(Invoice.invoice_date >= window.start, Invoice.invoice_date < window.end, *only)
        .group_by(InvoiceLine.item_id, month)).all()
    sold: dict[uuid.UUID, dict] = {}
    for item, month_label, quantity in rows:
        sold.setdefault(item, {})[date.fromisoformat(f"{month_label}-01")] = quantity
    return sold


def _first_sales(session: Session, item_ids: set[uuid.UUID]) -> dict[uuid.UUID, date]:
    if not item_ids:
        return {}
    return dict(session.execute(
        select(InvoiceLine.item_id, func.min(Invoice.invoice_date))
        .select_from(InvoiceLine).join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(InvoiceLine.item_id.in_(item_ids)).group_by(InvoiceLine.item_id)).all())


def sales_forecast(db: Database, item_id: uuid.UUID | None, months: int, history: int, as_of: date) -> dict:
    """One item (404 if the read model does not know it), or every item invoiced within the window."""
    window = Window.before(as_of, history)
    with db.unit_of_work() as session:
        _snapshot(session)
        if item_id and session.execute(select(item_replica.c.id).where(item_replica.c.id == item_id)).first() is None:
            raise NotFound(f"no item with id {item_id}")
        sold = _monthly_quantities(session, window, item_id)
        item_ids = {item_id} if item_id else set(sold)
        first_sales = _first_sales(session, item_ids)
        items = {row.id: row for row in session.execute(
            select(item_replica).where(item_replica.c.id.in_(item_ids))).all()} if item_ids else {}
    forecasts = [{"item_id": item, "item_code": items[item].code if item in items else None,
                  "item_name": items[item].name if item in items else None,
                  **item_forecast(window, first_sales.get(item), sold.get(item, {}), months)} for item in item_ids]
    forecasts.sort(key=lambda entry: (entry["item_code"] is None, entry["item_code"] or "", str(entry["item_id"])))
    return {"as_of": as_of, "history_from": label(window.start), "history_to": label(add_months(window.end, -1)),
            "months": months, "items": forecasts}
