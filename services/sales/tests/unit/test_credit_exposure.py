"""Credit exposure without I/O: receivables + uninvoiced committed orders + this order, against the limit."""
from decimal import Decimal as D

import pytest

from sales.credit_domain import credit_check, uninvoiced_amount


@pytest.mark.parametrize("status,total,invoiced,counted", [
    ("draft", "100", "0", "0"), ("cancelled", "100", "0", "0"), ("invoiced", "100", "100", "0"),
    ("paid", "100", "100", "0"), ("credit_hold", "100", "0", "100"), ("confirmed", "100", "0", "100"),
    ("reserved", "100", "0", "100"), ("backordered", "100", "0", "100"),
    ("partially_delivered", "100", "40", "60"), ("delivered", "100", "100.01", "0"),
])
def test_what_an_order_adds_until_it_is_billed(status, total, invoiced, counted):
    assert uninvoiced_amount(status, D(total), D(invoiced)) == D(counted)


def test_exposure_adds_receivables_open_orders_and_this_order():
    check = credit_check(open_receivables=D("250.00"),
                         committed_orders=[("confirmed", D("100"), D("0")), ("draft", D("900"), D("0")),
                                           ("partially_delivered", D("300"), D("120"))],
                         this_order=D("70.00"), credit_limit=D("600.00"))
    assert (check.uninvoiced_orders, check.exposure) == (D("280.00"), D("600.00"))
    assert check.within_limit


def test_one_cent_over_the_limit_is_over():
    check = credit_check(open_receivables=D("0.00"), committed_orders=[], this_order=D("600.01"),
                         credit_limit=D("600.00"))
    assert not check.within_limit and check.exposure == D("600.01")


def test_a_zero_limit_allows_only_free_orders():
    assert credit_check(open_receivables=D(0), committed_orders=[], this_order=D("0.00"),
                        credit_limit=D("0.00")).within_limit
    assert not credit_check(open_receivables=D(0), committed_orders=[], this_order=D("0.01"),
                            credit_limit=D("0.00")).within_limit
