from marshmallow import Schema, fields

from ..catalog import register_master_data


class SupplierV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    payment_terms_days = fields.Integer(required=True)
    contact_name = fields.String(allow_none=True, load_default=None)
    email = fields.String(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None)
    # Finance pays suppliers, so the bank details travel to it; other consumers must not store them.
    bank_account_name = fields.String(allow_none=True, load_default=None)
    bank_iban = fields.String(allow_none=True, load_default=None)
    bank_bic = fields.String(allow_none=True, load_default=None)
    active = fields.Boolean(required=True)


register_master_data("procurement", "supplier", SupplierV1)
