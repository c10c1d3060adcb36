"""Where an account sits in the chart: its number's first digit says what kind of account it is, and its type
says on which side its balance normally stands.

Reports group accounts by that digit (balance sheet 1-3, income statement 4-9), so a number outside its
type's range would put the balance in the wrong statement.
"""
from __future__ import annotations

import re
from decimal import Decimal

from erp_shared.errors import RuleViolation

ACCOUNT_CODE = re.compile(r"[0-9]{4}")

ACCOUNT_TYPE_BY_FIRST_DIGIT = {
    "1": "asset",
    "2": "liability",
    "3": "equity",
    "4": "revenue",
    **{digit: "expense" for digit in "56789"},
}


def account_type_for(code: str) -> str | None:
    """The type an account number belongs to, or None when it is not a four-digit number from 1000 up."""
    if not ACCOUNT_CODE.fullmatch(code):
        return None
    return ACCOUNT_TYPE_BY_FIRST_DIGIT.get(code[0])


def chart_position_errors(code: str, account_type: str) -> dict[str, list[str]]:
    """Field errors for a new account's number and type; empty when they agree."""
    if not ACCOUNT_CODE.fullmatch(code):
        return {"code": ["an account number is four digits, e.g. 1200"]}
    expected = account_type_for(code)
    if expected is None:
        return {"code": ["account numbers start with 1 to 9; 0xxx is not part of the chart"]}
    if expected != account_type:
        return {"account_type": [f"account {code} is in the {expected} range ({code[0]}xxx), "
                                 f"so its type must be {expected}, not {account_type}"]}
    return {}


def check_chart_position(code: str, account_type: str) -> None:
    errors = chart_position_errors(code, account_type)
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)


DEBIT_NORMAL_TYPES = frozenset({"asset", "expense"})


def normal_balance(account_type: str, debit: Decimal, credit: Decimal) -> Decimal:
    """An account's balance on the side it normally carries, so a healthy balance reads positive: assets and
    expenses debit minus credit; liabilities, equity and revenue credit minus debit. A contra account
    (accumulated depreciation) therefore reads negative, which is how a trial balance shows it."""
    return debit - credit if account_type in DEBIT_NORMAL_TYPES else credit - debit
