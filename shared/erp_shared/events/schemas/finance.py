from marshmallow import Schema, fields, validate

from ..catalog import register_master_data

ACCOUNT_TYPES = ("asset", "liability", "equity", "revenue", "expense")


class AccountV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    account_type = fields.String(required=True, validate=validate.OneOf(ACCOUNT_TYPES))
    active = fields.Boolean(required=True)


register_master_data("finance", "account", AccountV1)
