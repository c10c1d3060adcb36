"""Request and response schemas of purchase planning and requisitions."""
from marshmallow import Schema, ValidationError, fields, validate, validates

from .ordering_schemas import TEXT, decimal_out, positive_quantity, price
from .requisitions import STATUSES


class SuggestionOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    on_hand = decimal_out()
    on_order = decimal_out()
    requisitioned = decimal_out()
    projected = decimal_out()
    reorder_level = decimal_out()
    reorder_quantity = decimal_out()
    suggested_quantity = decimal_out()


class RequisitionIn(Schema):
    item_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True)
    needed_by = fields.Date(allow_none=True, load_default=None)
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)


class RequisitionFilter(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    item_id = fields.UUID()
    purchase_order_id = fields.UUID()


class RequisitionOut(Schema):
    id = fields.UUID()
    number = fields.String()
    item_id = fields.UUID()
    quantity = decimal_out()
    needed_by = fields.Date(allow_none=True)
    origin = fields.String()
    status = fields.String()
    purchase_order_id = fields.UUID(allow_none=True)
    requested_by = fields.String()
    notes = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()


class FromRequisitionsIn(Schema):
    """Every item of the requisitions needs its price: an order line without one would be a guess."""
    supplier_id = fields.UUID(required=True)
    requisition_ids = fields.List(fields.UUID(), required=True, validate=validate.Length(min=1, max=200))
    unit_prices = fields.Dict(keys=fields.UUID(), values=price(), load_default=dict)
    order_date = fields.Date(load_default=None, metadata={"description": "defaults to today (UTC)"})
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)

    @validates("requisition_ids")
    def _each_once(self, value, **kwargs):
        if len(set(value)) != len(value):
            raise ValidationError("a requisition can be named only once")
