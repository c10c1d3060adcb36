from decimal import Decimal

import pytest

from erp_shared.errors import RuleViolation
from manufacturing.domain import capacity_problem, check_capacity


@pytest.mark.parametrize("hours", ["0.0001", "1", "7.5", "16", "23.9999", "24", "24.0000", "8.50000"])
def test_a_capacity_within_one_day_is_accepted(hours):
    assert capacity_problem(Decimal(hours)) is None
    check_capacity(Decimal(hours))


@pytest.mark.parametrize("hours, reason", [
    ("0", "more than 0"), ("-1", "more than 0"), ("24.0001", "24 hours"), ("25", "24 hours"),
    ("7.12345", "4 decimal places"), ("NaN", "number of hours"), ("Infinity", "number of hours"),
])
def test_a_capacity_outside_one_day_is_refused_naming_the_field(hours, reason):
    assert reason in capacity_problem(Decimal(hours))
    with pytest.raises(RuleViolation) as raised:
        check_capacity(Decimal(hours))
    assert raised.value.status == 422 and list(raised.value.errors) == ["capacity_hours_per_day"]
