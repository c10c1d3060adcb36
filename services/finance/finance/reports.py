"""Ledger reports: the trial balance, and the AP subledger set beside its control account.

Both sum posted lines up to an `as_of` business date (all of them without one). Amounts come back quantized
to the cent, so an empty account reads "0.00" like any other.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .domain import normal_balance
from .journal import CENT, ZERO
from .models import Account, ApLedgerEntry, JournalEntry, JournalLine, supplier_replica
from .posting import DEFAULT_ACCOUNTS


def _cents(amount) -> Decimal:
    return Decimal(amount or 0).quantize(CENT)


def trial_balance(session: Session, as_of: date | None = None) -> dict:
    """Every account of the chart with what was posted to it; total debits equal total credits when the
    ledger is sound (each entry balanced before it was posted)."""
    posted = select(JournalLine.account_code, func.sum(JournalLine.debit).label("debit"),
                    func.sum(JournalLine.credit).label("credit")).join(JournalEntry)
    if as_of is not None:
        posted = posted.where(JournalEntry.entry_date <= as_of)
    posted = posted.group_by(JournalLine.account_code).subquery()
    rows = session.execute(
        select(Account.code, Account.name, Account.account_type, posted.c.debit, posted.c.credit)
        .outerjoin(posted, posted.c.account_code == Account.code).order_by(Account.code)).all()
    accounts = []
    for row in rows:
        debit, credit = _cents(row.debit), _cents(row.credit)
        accounts.append({"code": row.code, "name": row.name, "account_type": row.account_type, "debit": debit,
                         "credit": credit, "balance": normal_balance(row.account_type, debit, credit)})
    return {"as_of": as_of, "accounts": accounts,
            "total_debit": sum((a["debit"] for a in accounts), ZERO),
            "total_credit": sum((a["credit"] for a in accounts), ZERO)}


def ap_subledger(session: Session, supplier_id: UUID | None = None, as_of: date | None = None) -> dict:
    """What each supplier is owed, their total, and the payables control account's balance: the two agree
    because every control-account line is mirrored by one subledger row. With a supplier, the control
    balance is that of the control-account lines naming the supplier."""
    control = DEFAULT_ACCOUNTS.accounts_payable
    owed = select(ApLedgerEntry.supplier_id, func.sum(ApLedgerEntry.amount).label("balance"))
    control_balance = (select(func.sum(JournalLine.credit - JournalLine.debit)).join(JournalEntry)
                       .where(JournalLine.account_code == control))
    if supplier_id is not None:
        owed = owed.where(ApLedgerEntry.supplier_id == supplier_id)
        control_balance = control_balance.where(JournalLine.supplier_id == supplier_id)
    if as_of is not None:
        owed = owed.where(ApLedgerEntry.entry_date <= as_of)
        control_balance = control_balance.where(JournalEntry.entry_date <= as_of)
    owed = owed.group_by(ApLedgerEntry.supplier_id).subquery()
    rows = session.execute(
        select(owed.c.supplier_id, supplier_replica.c.code, supplier_replica.c.name, owed.c.balance)
        .outerjoin(supplier_replica, supplier_replica.c.id == owed.c.supplier_id)
        .order_by(supplier_replica.c.code.nulls_last(), owed.c.supplier_id)).all()
    suppliers = [{"supplier_id": row.supplier_id, "supplier_code": row.code, "supplier_name": row.name,
                  "balance": _cents(row.balance)} for row in rows]
    return {"as_of": as_of, "suppliers": suppliers, "total": sum((s["balance"] for s in suppliers), ZERO),
            "control_account": control,
            "control_account_balance": _cents(session.execute(control_balance).scalar_one())}
