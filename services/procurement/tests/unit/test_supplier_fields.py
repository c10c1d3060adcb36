import pytest
from marshmallow import ValidationError

from procurement.schemas import SupplierCreate, SupplierUpdate


def load(**values):
    return SupplierCreate().load({"code": "SUP-1", "name": "Acme Steel", **values})


def test_iban_and_bic_are_stored_compact_and_upper_case():
    supplier = load(bank_iban="de89 3704 0044 0532 0130 00", bank_bic="cobadeff")
    assert supplier["bank_iban"] == "DE89370400440532013000"
    assert supplier["bank_bic"] == "COBADEFF"


def test_payment_terms_default_to_thirty_days():
    assert load()["payment_terms_days"] == 30


@pytest.mark.parametrize("field,value", [
    ("bank_iban", "1289370400440532013000"),          # country must be letters
    ("bank_iban", "DEXX370400440532013000"),          # check digits must be digits
    ("bank_iban", "DE89" + "1" * 31),                 # longer than 34
    ("bank_iban", "DE89-3704"),
    ("bank_bic", "COBADEF"),                          # 7 characters
    ("bank_bic", "COBADEFFXX"),                       # 10 characters
    ("bank_bic", "C0BADEFF"),                         # bank code must be letters
    ("payment_terms_days", 366),
    ("payment_terms_days", -1),
    ("email", "not-an-email"),
    ("phone", "call me"),
])
def test_bad_shapes_are_refused_by_field(field, value):
    with pytest.raises(ValidationError) as refused:
        load(**{field: value})
    assert set(refused.value.messages) == {field}


def test_update_leaves_out_what_was_not_sent_and_never_changes_the_code():
    assert SupplierUpdate().load({"name": "Acme Steel AG"}) == {"name": "Acme Steel AG"}
    with pytest.raises(ValidationError) as refused:
        SupplierUpdate().load({"code": "OTHER"})
    assert "code" in refused.value.messages
