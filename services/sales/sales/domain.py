"""Sales' rules that need no database."""
from __future__ import annotations

from decimal import Decimal

from erp_shared.errors import RuleViolation

CASH_ONLY_RATING = "D"


def check_credit_terms(credit_rating: str, credit_limit: Decimal) -> None:
    """A D rating means the customer pays up front: any credit limit would grant what the rating refuses."""
    if credit_rating == CASH_ONLY_RATING and credit_limit != 0:
        raise RuleViolation(f"a customer rated {CASH_ONLY_RATING} must have a credit limit of 0, "
                            f"not {credit_limit}", field="credit_limit")
