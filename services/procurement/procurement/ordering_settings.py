"""The purchasing policy numbers (approval threshold, tolerances): one row, tuned through the API."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.db import Database

from .models import ProcurementSettings

FIELDS = ("approval_threshold", "over_receipt_tolerance_pct", "price_tolerance_pct", "quantity_tolerance_pct")


def current_settings(session: Session, *, for_update: bool = False) -> ProcurementSettings:
    """The migration seeds the row; should it ever be missing, the model's defaults stand in for it."""
    query = select(ProcurementSettings).where(ProcurementSettings.id == 1)
    if for_update:
        query = query.with_for_update()
    settings = session.execute(query).scalar_one_or_none()
    if settings is None:
        session.execute(pg_insert(ProcurementSettings).values(id=1).on_conflict_do_nothing())
        settings = session.execute(query).scalar_one()
    return settings


def present(settings: ProcurementSettings) -> dict:
    return {**{name: getattr(settings, name) for name in FIELDS}, "updated_at": settings.updated_at}


def read_settings(db: Database) -> dict:
    with db.unit_of_work() as session:
        return present(current_settings(session))


def change_settings(db: Database, values: dict) -> dict:
    with db.unit_of_work() as session:
        settings = current_settings(session, for_update=True)
        for name in FIELDS:
            setattr(settings, name, values[name])
        settings.updated_at = datetime.now(timezone.utc)
        session.flush()
        return present(settings)
