"""Rules of a work center's capacity: the hours it can work in one day, as scheduling counts them."""
from __future__ import annotations

from decimal import Decimal

from erp_shared.errors import RuleViolation

HOURS_IN_A_DAY = Decimal(24)
CAPACITY_PLACES = 4  # the column's scale: a finer value would be rounded silently by the database
CAPACITY_STEP = Decimal(1).scaleb(-CAPACITY_PLACES)


def capacity_problem(hours: Decimal) -> str | None:
    """Why `hours` cannot be a daily capacity, or None when it can."""
    if not hours.is_finite():
        return "capacity must be a number of hours"
    if hours <= 0:
        return "a work center needs some capacity: more than 0 hours per day"
    if hours > HOURS_IN_A_DAY:
        return f"a day has {HOURS_IN_A_DAY} hours; capacity cannot exceed them"
    if hours.quantize(CAPACITY_STEP) != hours:
        return f"capacity is kept to {CAPACITY_PLACES} decimal places"
    return None


def check_capacity(hours: Decimal) -> None:
    problem = capacity_problem(hours)
    if problem:
        raise RuleViolation(problem, field="capacity_hours_per_day")
