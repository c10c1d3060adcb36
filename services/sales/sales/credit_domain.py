"""Credit exposure: what a customer owes plus what they have been promised and not yet billed for.

Pure arithmetic, unit-tested without I/O; `credit.py` gathers the figures under the customer's row lock.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from .ordering_domain import COMMITTED, ZERO_MONEY, money_total


@dataclass(frozen=True)
class CreditCheck:
    open_receivables: Decimal
    uninvoiced_orders: Decimal
    this_order: Decimal
    credit_limit: Decimal

    @property
    def exposure(self) -> Decimal:
        return self.open_receivables + self.uninvoiced_orders + self.this_order

    @property
    def within_limit(self) -> bool:
        """Reaching the limit exactly is still within it; one cent more is not."""
        return self.exposure <= self.credit_limit


def uninvoiced_amount(status: str, total_amount: Decimal, invoiced_amount: Decimal) -> Decimal:
    """What an order adds to exposure until it is billed: its total less what invoices already took over
    (those count as receivables instead, so nothing is counted twice). Drafts and cancelled orders promise
    nothing."""
    if status not in COMMITTED:
        return ZERO_MONEY
    return max(total_amount - invoiced_amount, ZERO_MONEY)


def credit_check(*, open_receivables: Decimal, committed_orders: Iterable[tuple[str, Decimal, Decimal]],
                 this_order: Decimal, credit_limit: Decimal) -> CreditCheck:
    """`committed_orders`: (status, total, invoiced) of the customer's other orders."""
    uninvoiced = money_total(uninvoiced_amount(*order) for order in committed_orders)
    return CreditCheck(open_receivables, uninvoiced, this_order, credit_limit)
