"""Reconciling the stock ledger with finance's inventory account: what an entry put on that account, and why a
source document's ledger value and GL amount differ. Pure: no session, no Flask.

Both sides are dated the same way, so a period compares like with like: a ledger row counts on the UTC day of
`moved_at`, and finance dates each entry it posts from a stock event by the UTC day of the same instant, under
the same document number (see reconciliation.py for the list, kind by kind).
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .domain import MONEY_STEP

ACCOUNT_SETTING = "ERP_INVENTORY_ACCOUNT_CODE"
DEFAULT_ACCOUNT = "1200"

NOT_POSTED = "not posted in the GL yet"
GL_ONLY = "posted in the GL without a stock movement"
AMOUNTS_DIFFER = "amounts differ"
REASONS = (NOT_POSTED, GL_ONLY, AMOUNTS_DIFFER)

BALANCED, DIFFERENCES = "balanced", "differences"


def inventory_account(environ: Mapping[str, str] = os.environ) -> str:
    """The GL account finance keeps the stock on: `ERP_INVENTORY_ACCOUNT_CODE`, 1200 (the seeded chart's) if
    unset. Read once at start-up, like the rest of the settings, so a bad value fails fast."""
    code = (environ.get(ACCOUNT_SETTING) or DEFAULT_ACCOUNT).strip()
    if not code or len(code) > 20 or any(c.isspace() for c in code):
        raise ValueError(f"{ACCOUNT_SETTING} must be an account code (1 to 20 characters, no spaces), got {code!r}")
    return code


def amount_on_account(lines: Iterable[Mapping], account_code: str) -> Decimal | None:
    """The entry's net debit (Σ debit − credit) on the account, to the cent; None if no line touches it."""
    touching = [line for line in lines if line["account_code"] == account_code]
    if not touching:
        return None
    return sum((Decimal(line["debit"]) - Decimal(line["credit"]) for line in touching),
               Decimal(0)).quantize(MONEY_STEP)


def reason(has_ledger_rows: bool, has_gl_entries: bool) -> str:
    """Why a document's figures differ, from which side has anything for it in the period."""
    if has_ledger_rows and not has_gl_entries:
        return NOT_POSTED
    if has_gl_entries and not has_ledger_rows:
        return GL_ONLY
    if has_ledger_rows and has_gl_entries:
        return AMOUNTS_DIFFER
    raise ValueError("a document with neither ledger rows nor GL entries has nothing to explain")


@dataclass(frozen=True)
class DocumentFigures:
    """One source document's figures in the period: the ledger side (None: no rows) and the GL side (None: no
    entries)."""
    document: str
    ledger_value: Decimal | None
    gl_amount: Decimal | None

    @property
    def difference(self) -> Decimal:
        return ((self.ledger_value or Decimal(0)) - (self.gl_amount or Decimal(0))).quantize(MONEY_STEP)


def explain(figures: DocumentFigures) -> str | None:
    """The reason a document needs explaining, or None when its ledger value equals its GL amount (a transfer
    that nets to zero with nothing in the GL needs none)."""
    if figures.difference == 0:
        return None
    return reason(figures.ledger_value is not None, figures.gl_amount is not None)


def status(differences: Iterable[Decimal], explanation_count: int) -> str:
    return BALANCED if explanation_count == 0 and all(d == 0 for d in differences) else DIFFERENCES
