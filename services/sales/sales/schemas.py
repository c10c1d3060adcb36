from marshmallow import Schema, fields, validate

from erp_shared.events.schemas.sales import CREDIT_RATINGS
from erp_shared.web.fields import code, money, name

PHONE_SHAPE = r"^\+?[0-9][0-9 ()./-]{2,39}$"


class CustomerCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    contact_name = fields.String(allow_none=True, validate=validate.Length(max=200))
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    phone = fields.String(allow_none=True, validate=validate.Regexp(
        PHONE_SHAPE, error="use digits, spaces and + ( ) . / - only"))
    address = fields.String(allow_none=True, validate=validate.Length(max=500))
    credit_rating = fields.String(load_default="B", validate=validate.OneOf(CREDIT_RATINGS))
    credit_limit = money(required=True)


class CustomerUpdate(CustomerCreate):
    """Everything but the code may change; the code is how people and imports identify a customer."""
    class Meta:
        exclude = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class CustomerOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    contact_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    credit_rating = fields.String()
    credit_limit = fields.Decimal(as_string=True)
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class CustomerFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
    credit_rating = fields.String(validate=validate.OneOf(CREDIT_RATINGS))
