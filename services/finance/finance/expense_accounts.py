"""Where a department's material consumption is posted: the expense account set for it (finance owns the chart,
so the setting lives here), or 6200 Materials consumed when none is set; and, for a return of unused material,
the account its issue was actually posted to, so the return reverses exactly what the issue booked even if
the setting changed in between."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.errors import NotFound, RuleViolation
from erp_shared.web.auth import Principal

from .models import Account, DepartmentExpenseAccount, JournalEntry, JournalLine, department_replica
from .posting import DEFAULT_ACCOUNTS

MATERIAL_ISSUE = "material_issue"


def account_for_department(session: Session, department_id: uuid.UUID) -> str:
    code = session.execute(select(DepartmentExpenseAccount.account_code).where(
        DepartmentExpenseAccount.department_id == department_id)).scalar_one_or_none()
    return code or DEFAULT_ACCOUNTS.materials_consumed


def account_of_issue(session: Session, issue_no: str) -> str | None:
    """The expense account the material issue's entry debited, or None when it is not posted (yet)."""
    return session.execute(
        select(JournalLine.account_code).join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .where(JournalEntry.kind == MATERIAL_ISSUE, JournalEntry.source_document == issue_no, JournalLine.debit > 0)
        .order_by(JournalLine.line_no).limit(1)).scalar_one_or_none()


def account_for_return(session: Session, department_id: uuid.UUID, issue_no: str) -> str:
    return account_of_issue(session, issue_no) or account_for_department(session, department_id)


def _row(department, setting: DepartmentExpenseAccount | None, account_name: str | None) -> dict:
    return {"department_id": department.id, "department_code": department.code,
            "department_name": department.name,
            "account_code": setting.account_code if setting else DEFAULT_ACCOUNTS.materials_consumed,
            "account_name": account_name, "is_default": setting is None,
            "updated_at": setting.updated_at if setting else None,
            "updated_by": setting.updated_by if setting else None}


def list_department_accounts(session: Session, page: int, page_size: int) -> tuple[list[dict], int]:
    """Every department finance knows, by code, with the account its consumption posts to (the default where
    none is set)."""
    effective = func.coalesce(DepartmentExpenseAccount.account_code, DEFAULT_ACCOUNTS.materials_consumed)
    query = (select(department_replica.c.id, department_replica.c.code, department_replica.c.name,
                    DepartmentExpenseAccount, Account.name.label("account_name"))
             .outerjoin(DepartmentExpenseAccount, DepartmentExpenseAccount.department_id == department_replica.c.id)
             .outerjoin(Account, Account.code == effective)
             .order_by(department_replica.c.code, department_replica.c.id))
    total = session.execute(select(func.count()).select_from(department_replica)).scalar_one()
    rows = session.execute(query.offset((page - 1) * page_size).limit(page_size)).all()
    return [_row(row, row.DepartmentExpenseAccount, row.account_name) for row in rows], total


def _require_expense_account(session: Session, code: str) -> Account:
    account = session.execute(select(Account).where(Account.code == code)).scalar_one_or_none()
    if account is None:
        raise RuleViolation(f"account {code} is not in the chart of accounts", field="account_code")
    if not account.active:
        raise RuleViolation(f"account {code} is inactive", field="account_code")
    if account.account_type != "expense":
        raise RuleViolation(f"account {code} ({account.name}) is {account.account_type}; material consumption "
                            "posts to an expense account", field="account_code")
    return account


def set_department_account(session: Session, department_id: uuid.UUID, account_code: str,
                           principal: Principal) -> dict:
    """Postings from now on use the new account; entries already posted keep theirs (and so do the returns
    that reverse them)."""
    department = session.execute(select(department_replica).where(department_replica.c.id == department_id)).first()
    if department is None:
        raise NotFound(f"department {department_id} is unknown here (not replicated from HR yet?)",
                       field="department_id")
    account = _require_expense_account(session, account_code)
    statement = pg_insert(DepartmentExpenseAccount).values(
        department_id=department_id, account_code=account.code, updated_at=datetime.now(timezone.utc),
        updated_by=principal.username)
    session.execute(statement.on_conflict_do_update(
        index_elements=[DepartmentExpenseAccount.department_id],
        set_={"account_code": statement.excluded.account_code, "updated_at": statement.excluded.updated_at,
              "updated_by": statement.excluded.updated_by}))
    setting = session.get(DepartmentExpenseAccount, department_id, populate_existing=True)
    return _row(department, setting, account.name)
