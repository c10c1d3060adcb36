"""Ledger reports: the trial balance, the income statement, and the AP and AR subledgers each set beside its
control account.

Balances sum posted lines up to an `as_of` business date (all of them without one); the income statement sums
a period. Amounts come back quantized to the cent, so an empty account reads "0.00" like any other.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from .domain import normal_balance
from .journal import CENT, ZERO
from .models import (Account, ApLedgerEntry, ArLedgerEntry, JournalEntry, JournalLine, customer_replica,
                     supplier_replica)
from .posting import DEFAULT_ACCOUNTS


def _cents(amount) -> Decimal:
    return Decimal(amount or 0).quantize(CENT)


def _balances(session: Session, date_from: date | None = None, date_to: date | None = None) -> list[dict]:
    """Every account of the chart with its debits and credits posted between the two business dates
    (inclusive; open-ended where one is missing) and the balance on the side it normally carries."""
    posted = select(JournalLine.account_code, func.sum(JournalLine.debit).label("debit"),
                    func.sum(JournalLine.credit).label("credit")).join(JournalEntry)
    if date_from is not None:
        posted = posted.where(JournalEntry.entry_date >= date_from)
    if date_to is not None:
        posted = posted.where(JournalEntry.entry_date <= date_to)
    posted = posted.group_by(JournalLine.account_code).subquery()
    rows = session.execute(
        select(Account.code, Account.name, Account.account_type, posted.c.debit, posted.c.credit)
        .outerjoin(posted, posted.c.account_code == Account.code).order_by(Account.code)).all()
    accounts = []
    for row in rows:
        debit, credit = _cents(row.debit), _cents(row.credit)
        accounts.append({"code": row.code, "name": row.name, "account_type": row.account_type, "debit": debit,
                         "credit": credit, "balance": normal_balance(row.account_type, debit, credit)})
    return accounts


def trial_balance(session: Session, as_of: date | None = None) -> dict:
    """Every account of the chart with what was posted to it; total debits equal total credits when the
    ledger is sound (each entry balanced before it was posted)."""
    accounts = _balances(session, date_to=as_of)
    return {"as_of": as_of, "accounts": accounts,
            "total_debit": sum((a["debit"] for a in accounts), ZERO),
            "total_credit": sum((a["credit"] for a in accounts), ZERO)}


def income_statement(session: Session, date_from: date | None = None, date_to: date | None = None) -> dict:
    """The period's result from the journal. Revenue and cost of goods sold are the sales and COGS accounts
    alone, so the gross margin is the one the sales analysis computes from invoices and the cost inventory
    reported; every other revenue or expense account (price variance, stock adjustments, salaries, ...) sits
    below the gross margin."""
    return assemble_income_statement(_balances(session, date_from, date_to), date_from, date_to)


def assemble_income_statement(accounts: list[dict], date_from: date | None, date_to: date | None,
                              sales: str = DEFAULT_ACCOUNTS.sales,
                              cost_of_goods_sold: str = DEFAULT_ACCOUNTS.cost_of_goods_sold) -> dict:
    """Pure: the statement made of the period's balances (as `_balances` returns them)."""
    balance_of = {a["code"]: a["balance"] for a in accounts}
    revenue, cogs = balance_of.get(sales, ZERO), balance_of.get(cost_of_goods_sold, ZERO)

    def others(account_type: str) -> list[dict]:
        return [{"code": a["code"], "name": a["name"], "amount": a["balance"]} for a in accounts
                if a["account_type"] == account_type and a["code"] not in (sales, cost_of_goods_sold)]

    other_income, other_expenses = others("revenue"), others("expense")
    total_other_income = sum((a["amount"] for a in other_income), ZERO)
    total_other_expenses = sum((a["amount"] for a in other_expenses), ZERO)
    return {"date_from": date_from, "date_to": date_to,
            "revenue_account": sales, "revenue": revenue,
            "cost_of_goods_sold_account": cost_of_goods_sold, "cost_of_goods_sold": cogs,
            "gross_margin": revenue - cogs,
            "other_income": other_income, "total_other_income": total_other_income,
            "other_expenses": other_expenses, "total_other_expenses": total_other_expenses,
            "net_result": revenue - cogs + total_other_income - total_other_expenses}


def ap_subledger(session: Session, supplier_id: UUID | None = None, as_of: date | None = None) -> dict:
    """What each supplier is owed, their total, and the payables control account's balance: the two agree
    because every control-account line is mirrored by one subledger row. With a supplier, the control
    balance is that of the control-account lines naming the supplier."""
    return _subledger(session, ApLedgerEntry, "supplier", supplier_replica, DEFAULT_ACCOUNTS.accounts_payable,
                      control_sign=-1, party_id=supplier_id, as_of=as_of)


def ar_subledger(session: Session, customer_id: UUID | None = None, as_of: date | None = None) -> dict:
    """What each customer owes, their total, and the receivables control account's balance, which agree for
    the same reason as on the payables side."""
    return _subledger(session, ArLedgerEntry, "customer", customer_replica, DEFAULT_ACCOUNTS.accounts_receivable,
                      control_sign=1, party_id=customer_id, as_of=as_of)


def _subledger(session: Session, ledger, party: str, replica: Table, control: str, *, control_sign: int,
               party_id: UUID | None, as_of: date | None) -> dict:
    """`control_sign` reads the control account on its normal side: +1 debit − credit (receivables), −1 credit −
    debit (payables). Parties the read model does not know yet are listed without code and name."""
    party_column = getattr(ledger, f"{party}_id")
    line_party = getattr(JournalLine, f"{party}_id")
    open_balance = select(party_column.label("party_id"), func.sum(ledger.amount).label("balance"))
    control_balance = (select(func.sum((JournalLine.debit - JournalLine.credit) * control_sign)).join(JournalEntry)
                       .where(JournalLine.account_code == control))
    if party_id is not None:
        open_balance = open_balance.where(party_column == party_id)
        control_balance = control_balance.where(line_party == party_id)
    if as_of is not None:
        open_balance = open_balance.where(ledger.entry_date <= as_of)
        control_balance = control_balance.where(JournalEntry.entry_date <= as_of)
    open_balance = open_balance.group_by(party_column).subquery()
    rows = session.execute(
        select(open_balance.c.party_id, replica.c.code, replica.c.name, open_balance.c.balance)
        .outerjoin(replica, replica.c.id == open_balance.c.party_id)
        .order_by(replica.c.code.nulls_last(), open_balance.c.party_id)).all()
    parties = [{f"{party}_id": row.party_id, f"{party}_code": row.code, f"{party}_name": row.name,
                "balance": _cents(row.balance)} for row in rows]
    return {"as_of": as_of, f"{party}s": parties, "total": sum((p["balance"] for p in parties), ZERO),
            "control_account": control,
            "control_account_balance": _cents(session.execute(control_balance).scalar_one())}
