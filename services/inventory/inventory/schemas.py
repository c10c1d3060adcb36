from decimal import Decimal

from marshmallow import Schema, fields, validate

from erp_shared.events.schemas.inventory import ITEM_TYPES, VALUATION_METHODS
from erp_shared.web.fields import code, name, quantity


class ItemCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    unit = fields.String(required=True, validate=validate.Length(min=1, max=20))
    item_type = fields.String(required=True, validate=validate.OneOf(ITEM_TYPES))
    reorder_level = quantity(required=False, load_default=Decimal(0))
    reorder_quantity = quantity(required=False, load_default=Decimal(0))
    valuation_method = fields.String(load_default="moving_average", validate=validate.OneOf(VALUATION_METHODS))


class ItemUpdate(ItemCreate):
    """Everything but the code may change; the code is how people and imports identify an item."""
    class Meta:
        exclude = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class ItemOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    unit = fields.String()
    item_type = fields.String()
    reorder_level = fields.Decimal(as_string=True)
    reorder_quantity = fields.Decimal(as_string=True)
    valuation_method = fields.String()
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class ItemFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
    item_type = fields.String(validate=validate.OneOf(ITEM_TYPES))


class WarehouseCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    address = fields.String(allow_none=True, validate=validate.Length(max=500))


class WarehouseUpdate(WarehouseCreate):
    class Meta:
        exclude = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class WarehouseOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    address = fields.String(allow_none=True)
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class WarehouseFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
