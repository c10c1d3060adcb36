from marshmallow import Schema, fields, validate

from erp_shared.web.fields import code, name

IBAN_SHAPE = r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$"
BIC_SHAPE = r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$"
PHONE_SHAPE = r"^\+?[0-9][0-9 ()./-]{2,39}$"


class CompactUpper(fields.String):
    """IBANs and BICs are printed in groups and any case; stored without spaces, upper-case, they compare equal."""

    def _deserialize(self, value, attr, data, **kwargs):
        return "".join(super()._deserialize(value, attr, data, **kwargs).split()).upper()


class SupplierCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    payment_terms_days = fields.Integer(load_default=30, validate=validate.Range(min=0, max=365))
    contact_name = fields.String(allow_none=True, validate=validate.Length(max=200))
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    phone = fields.String(allow_none=True, validate=validate.Regexp(
        PHONE_SHAPE, error="use digits, spaces and + ( ) . / - only"))
    bank_account_name = fields.String(allow_none=True, validate=validate.Length(max=200))
    bank_iban = CompactUpper(allow_none=True, validate=validate.Regexp(
        IBAN_SHAPE, error="an IBAN is 2 letters, 2 digits and up to 30 letters or digits"))
    bank_bic = CompactUpper(allow_none=True, validate=validate.Regexp(
        BIC_SHAPE, error="a BIC is 8 or 11 letters or digits, the first six letters"))


class SupplierUpdate(SupplierCreate):
    """Everything but the code may change; the code is how people and imports identify a supplier."""
    class Meta:
        exclude = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class SupplierOut(Schema):
    """Bank fields are absent, not null, for callers whose role may not see them."""
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    payment_terms_days = fields.Integer()
    contact_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    bank_account_name = fields.String(allow_none=True)
    bank_iban = fields.String(allow_none=True)
    bank_bic = fields.String(allow_none=True)
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class SupplierFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
