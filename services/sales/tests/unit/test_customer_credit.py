from decimal import Decimal

import pytest
from marshmallow import ValidationError

from erp_shared.errors import RuleViolation

from sales.domain import check_credit_terms
from sales.schemas import CustomerCreate


@pytest.mark.parametrize("rating,limit", [("A", "250000"), ("B", "0"), ("C", "10.50"), ("D", "0"), ("D", "0.00")])
def test_credit_terms_that_hold(rating, limit):
    check_credit_terms(rating, Decimal(limit))


@pytest.mark.parametrize("limit", ["0.01", "5000"])
def test_a_d_rated_customer_gets_no_credit(limit):
    with pytest.raises(RuleViolation) as refused:
        check_credit_terms("D", Decimal(limit))
    assert set(refused.value.errors) == {"credit_limit"}
    assert refused.value.status == 422


def load(**values):
    return CustomerCreate().load({"code": "C-1", "name": "Globex", "credit_limit": "1000", **values})


def test_rating_defaults_to_b_and_the_limit_is_an_exact_decimal():
    customer = load(credit_limit="1000.10")
    assert customer["credit_rating"] == "B" and customer["credit_limit"] == Decimal("1000.10")


@pytest.mark.parametrize("field,value", [
    ("credit_limit", "-1"), ("credit_limit", "10.005"), ("credit_limit", "NaN"), ("credit_limit", "abc"),
    ("credit_rating", "E"), ("credit_rating", "a"), ("email", "nobody"),
])
def test_bad_shapes_are_refused_by_field(field, value):
    with pytest.raises(ValidationError) as refused:
        load(**{field: value})
    assert set(refused.value.messages) == {field}


def test_the_credit_limit_is_required():
    with pytest.raises(ValidationError) as refused:
        CustomerCreate().load({"code": "C-1", "name": "Globex"})
    assert set(refused.value.messages) == {"credit_limit"}


def test_the_limit_is_kept_to_the_cent_in_one_written_form():
    assert str(load(credit_limit="30000")["credit_limit"]) == "30000.00"
    assert str(load(credit_limit="12.5000")["credit_limit"]) == "12.50"
