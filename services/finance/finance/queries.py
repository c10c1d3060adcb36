"""Read side: the journal, and the read models finance keeps of other services' master data (see handlers.py)
with who may see which of their columns."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from erp_shared.errors import NotFound
from erp_shared.web.read_models import ReadModel
from erp_shared.web.sorting import Sorting

from .models import (JournalEntry, JournalLine, customer_replica, department_replica, employee_replica, item_replica,
                     supplier_replica, warehouse_replica)

# Supplier bank details reach finance so it can pay suppliers; only those who pay (and admins) see them.
BANK_DETAILS = frozenset({"bank_account_name", "bank_iban", "bank_bic"})
BANK_DETAIL_READERS = ("accounting",)

READ_MODELS = {
    "items": ReadModel(item_replica),
    "warehouses": ReadModel(warehouse_replica),
    "suppliers": ReadModel(supplier_replica, restricted_columns=BANK_DETAILS, restricted_to=BANK_DETAIL_READERS),
    "customers": ReadModel(customer_replica),
    "departments": ReadModel(department_replica),
    "employees": ReadModel(employee_replica, code_column="employee_no", name_column="full_name"),
}


JOURNAL_SORTING = Sorting(
    {name: getattr(JournalEntry, name) for name in ("entry_date", "entry_no", "kind", "source_document",
                                                    "posted_at")},
    tie_breaker=JournalEntry.id, default=(JournalEntry.entry_date.desc(), JournalEntry.entry_no.desc()))


def find_journal_entries(session: Session, filters: dict, *, page: int, page_size: int
                         ) -> tuple[list[JournalEntry], int]:
    """Entries with their lines, newest business date first (the entry number breaks ties) unless `sort` says
    otherwise, and the total."""
    query = select(JournalEntry)
    if "source_document" in filters:
        query = query.where(JournalEntry.source_document == filters["source_document"])
    if "kind" in filters:
        query = query.where(JournalEntry.kind == filters["kind"])
    if "account_code" in filters:
        query = query.where(JournalEntry.id.in_(
            select(JournalLine.entry_id).where(JournalLine.account_code == filters["account_code"])))
    if "date_from" in filters:
        query = query.where(JournalEntry.entry_date >= filters["date_from"])
    if "date_to" in filters:
        query = query.where(JournalEntry.entry_date <= filters["date_to"])
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    entries = session.execute(
        query.options(selectinload(JournalEntry.lines))
        .order_by(*JOURNAL_SORTING.order_by(filters.get("sort")))
        .offset((page - 1) * page_size).limit(page_size)).scalars().all()
    return list(entries), total


def get_journal_entry(session: Session, entry_id: UUID) -> JournalEntry:
    entry = session.execute(select(JournalEntry).options(selectinload(JournalEntry.lines))
                            .where(JournalEntry.id == entry_id)).scalar_one_or_none()
    if entry is None:
        raise NotFound(f"no journal entry with id {entry_id}")
    return entry
