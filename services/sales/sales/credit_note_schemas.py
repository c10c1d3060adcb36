"""Request and response schemas of credit notes."""
from marshmallow import Schema, fields, validate

from .ordering_schemas import decimal_out, positive_quantity, reason


class CreditNoteLineIn(Schema):
    invoice_line_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True, metadata={"description": "at most what is invoiced and not yet "
                                                                         "credited on the line"})


class CreditNoteIn(Schema):
    credit_date = fields.Date(load_default=None, metadata={"description": "defaults to today (UTC); not before the "
                                                                          "invoice date"})
    reason = reason(max_length=500, required=True)
    lines = fields.List(fields.Nested(CreditNoteLineIn), required=True, validate=validate.Length(min=1, max=200))


class CreditNoteLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    invoice_line_id = fields.UUID()
    order_line_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    quantity = decimal_out()
    unit_price = decimal_out()
    discount_pct = decimal_out()
    net_amount = decimal_out()
    tax_rate = decimal_out()
    tax_amount = decimal_out()


class CreditNoteOut(Schema):
    id = fields.UUID()
    number = fields.String()
    invoice_id = fields.UUID()
    invoice_number = fields.String()
    customer_id = fields.UUID()
    customer_code = fields.String()
    customer_name = fields.String()
    credit_date = fields.Date()
    reason = fields.String()
    net_total = decimal_out()
    tax_total = decimal_out()
    total_amount = decimal_out()
    issued_by = fields.String()
    created_at = fields.AwareDateTime()
    lines = fields.List(fields.Nested(CreditNoteLineOut))
