"""How often each ABC class is due for a count: one row of inventory settings, tuned through the API."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.db import Database

from .models import InventorySettings

COLUMNS = {"A": "count_frequency_a_days", "B": "count_frequency_b_days", "C": "count_frequency_c_days"}


def current_settings(session: Session, *, for_update: bool = False) -> InventorySettings:
    """The migration seeds the row; should it ever be missing, the model's defaults stand in for it."""
    query = select(InventorySettings).where(InventorySettings.id == 1)
    if for_update:
        query = query.with_for_update()
    settings = session.execute(query).scalar_one_or_none()
    if settings is None:
        session.execute(pg_insert(InventorySettings).values(id=1).on_conflict_do_nothing())
        settings = session.execute(query).scalar_one()
    return settings


def count_frequencies(session: Session) -> dict[str, int]:
    settings = current_settings(session)
    return {abc_class: getattr(settings, column) for abc_class, column in COLUMNS.items()}


def _present(settings: InventorySettings) -> dict:
    return {**{abc_class: getattr(settings, column) for abc_class, column in COLUMNS.items()},
            "updated_at": settings.updated_at}


def read_count_frequencies(db: Database) -> dict:
    with db.unit_of_work() as session:
        return _present(current_settings(session))


def change_count_frequencies(db: Database, values: dict) -> dict:
    with db.unit_of_work() as session:
        settings = current_settings(session, for_update=True)
        for abc_class, column in COLUMNS.items():
            setattr(settings, column, values[abc_class])
        settings.updated_at = datetime.now(timezone.utc)
        session.flush()
        return _present(settings)
