import pytest

from erp_shared.web.auth import Principal

from procurement.domain import BANK_FIELDS, may_see_bank_details, redact_bank_details

SUPPLIER = {"code": "SUP-1", "name": "Acme Steel", "bank_account_name": "Acme Steel GmbH",
            "bank_iban": "DE89370400440532013000", "bank_bic": "COBADEFF370"}


def principal(*roles):
    return Principal(subject="s-1", username="someone", roles=frozenset(roles))


@pytest.mark.parametrize("roles", [("accounting",), ("purchasing",), ("admin",), ("viewer", "accounting")])
def test_those_who_buy_or_pay_see_bank_details(roles):
    assert may_see_bank_details(principal(*roles))
    assert redact_bank_details(dict(SUPPLIER), principal(*roles)) == SUPPLIER


@pytest.mark.parametrize("roles", [(), ("warehouse",), ("sales",), ("viewer", "hr")])
def test_everyone_else_gets_the_supplier_without_bank_fields(roles):
    redacted = redact_bank_details(dict(SUPPLIER), principal(*roles))
    assert not may_see_bank_details(principal(*roles))
    assert redacted == {"code": "SUP-1", "name": "Acme Steel"}
    assert not set(BANK_FIELDS) & set(redacted)
