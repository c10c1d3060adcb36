import importlib

import pytest

from erp_shared.errors import RuleViolation
from erp_shared.events.schemas.finance import ACCOUNT_TYPES
from finance.domain import account_type_for, chart_position_errors, check_chart_position


@pytest.mark.parametrize("code, account_type", [
    ("1000", "asset"), ("1999", "asset"), ("2100", "liability"), ("3100", "equity"), ("4000", "revenue"),
    ("5000", "expense"), ("6100", "expense"), ("7000", "expense"), ("8450", "expense"), ("9999", "expense"),
])
def test_the_first_digit_decides_the_type(code, account_type):
    assert account_type_for(code) == account_type
    assert chart_position_errors(code, account_type) == {}
    check_chart_position(code, account_type)


@pytest.mark.parametrize("code", ["120", "12000", "12a0", "", " 120", "1200 ", "1200\n", "١٢٠٠", "0999"])
def test_an_account_number_is_four_digits_from_1000_up(code):
    assert account_type_for(code) is None
    errors = chart_position_errors(code, "asset")
    assert list(errors) == ["code"]


@pytest.mark.parametrize("code, wrong", [("1200", "expense"), ("2000", "asset"), ("4000", "equity"),
                                         ("6000", "revenue"), ("3000", "liability")])
def test_a_type_outside_its_range_names_the_account_type(code, wrong):
    errors = chart_position_errors(code, wrong)
    assert list(errors) == ["account_type"]
    assert account_type_for(code) in errors["account_type"][0]
    with pytest.raises(RuleViolation) as raised:
        check_chart_position(code, wrong)
    assert raised.value.status == 422 and raised.value.errors == errors


def test_every_type_has_a_range():
    assert {account_type_for(f"{digit}000") for digit in "123456789"} == set(ACCOUNT_TYPES)


def test_the_seeded_chart_obeys_the_rule():
    seed = importlib.import_module("finance.migrations.versions.0002_seed_chart_of_accounts")
    assert len(seed.DEFAULT_CHART) == 18
    for code, _, account_type in seed.DEFAULT_CHART:
        assert chart_position_errors(code, account_type) == {}, code
