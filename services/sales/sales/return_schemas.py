"""Request and response schemas of returns of delivered goods."""
from marshmallow import Schema, fields, validate

from .ordering_schemas import decimal_out, positive_quantity, reason


class ReturnLineIn(Schema):
    delivery_line_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True, metadata={"description": "at most what was delivered on the line "
                                                                         "and not yet returned"})


class ReturnIn(Schema):
    returned_at = fields.AwareDateTime(load_default=None, metadata={"description": "defaults to now; not before the "
                                                                                   "delivery"})
    reason = reason(max_length=500, required=True)
    lines = fields.List(fields.Nested(ReturnLineIn), required=True, validate=validate.Length(min=1, max=200))


class ReturnLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    delivery_line_id = fields.UUID()
    order_line_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    warehouse_id = fields.UUID()
    warehouse_code = fields.String(allow_none=True)
    quantity = decimal_out()
    unit_cost = fields.Decimal(as_string=True, allow_none=True,
                               metadata={"description": "the cost inventory took the goods back at; null until known"})
    cost = fields.Decimal(as_string=True, allow_none=True)


class ReturnOut(Schema):
    id = fields.UUID()
    number = fields.String()
    delivery_id = fields.UUID()
    delivery_number = fields.String()
    sales_order_id = fields.UUID()
    order_number = fields.String()
    customer_id = fields.UUID()
    customer_code = fields.String()
    customer_name = fields.String()
    returned_at = fields.AwareDateTime()
    reason = fields.String()
    returned_by = fields.String()
    total_cost = fields.Decimal(as_string=True, allow_none=True,
                                metadata={"description": "null until inventory reported the cost of every line"})
    created_at = fields.AwareDateTime()
    lines = fields.List(fields.Nested(ReturnLineOut))
