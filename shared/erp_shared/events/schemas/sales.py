from marshmallow import Schema, fields, validate

from ..catalog import register_master_data

CREDIT_RATINGS = ("A", "B", "C", "D")


class CustomerV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    contact_name = fields.String(allow_none=True, load_default=None)
    email = fields.String(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None)
    address = fields.String(allow_none=True, load_default=None)
    credit_rating = fields.String(required=True, validate=validate.OneOf(CREDIT_RATINGS))
    credit_limit = fields.Decimal(required=True, as_string=True)
    active = fields.Boolean(required=True)


register_master_data("sales", "customer", CustomerV1)
