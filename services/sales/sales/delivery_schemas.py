"""Request and response schemas of delivery notes."""
from marshmallow import Schema, fields, validate

from .delivery_queries import DELIVERY_SORTING
from .ordering_schemas import TEXT, decimal_out, positive_quantity


class DeliveryLineIn(Schema):
    order_line_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True)


class DeliveryFilter(Schema):
    customer_id = fields.UUID()
    number = fields.String(validate=validate.Length(min=1, max=30))
    sort = DELIVERY_SORTING.field()


class DeliveryIn(Schema):
    delivered_at = fields.AwareDateTime(load_default=None, metadata={"description": "defaults to now"})
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)
    lines = fields.List(fields.Nested(DeliveryLineIn), required=True, validate=validate.Length(min=1, max=200))


class DeliveryLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    order_line_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    warehouse_id = fields.UUID()
    warehouse_code = fields.String(allow_none=True)
    quantity = decimal_out()
    quantity_returned = decimal_out(metadata={"description": "taken back by returns against this note"})
    unit_cost = fields.Decimal(as_string=True, allow_none=True,
                               metadata={"description": "moving-average cost inventory issued at; null until known"})
    cost = fields.Decimal(as_string=True, allow_none=True)


class DeliveryOut(Schema):
    id = fields.UUID()
    number = fields.String()
    sales_order_id = fields.UUID()
    order_number = fields.String()
    customer_id = fields.UUID()
    customer_code = fields.String()
    customer_name = fields.String()
    customer_address = fields.String(allow_none=True)
    delivered_at = fields.AwareDateTime()
    delivered_by = fields.String()
    notes = fields.String(allow_none=True)
    total_cost = fields.Decimal(as_string=True, allow_none=True,
                                metadata={"description": "null until inventory reported the cost of every line"})
    created_at = fields.AwareDateTime()
    lines = fields.List(fields.Nested(DeliveryLineOut))
