from marshmallow import Schema, fields, validate

from erp_shared.events.schemas.finance import ACCOUNT_TYPES
from erp_shared.web.fields import code, name


class AccountCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    account_type = fields.String(required=True, validate=validate.OneOf(ACCOUNT_TYPES))


class AccountUpdate(AccountCreate):
    """Only the name may change: postings already made under a number must keep their meaning."""
    class Meta:
        exclude = ("code", "account_type")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class AccountOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    account_type = fields.String()
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class AccountFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
    account_type = fields.String(validate=validate.OneOf(ACCOUNT_TYPES))
