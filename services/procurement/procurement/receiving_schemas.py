"""Request and response schemas of goods receipts and the late-deliveries report."""
from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from erp_shared.web.fields import quantity

from .ordering_schemas import MAX_LINES, TEXT, decimal_out, positive_quantity


class ReceiptLineIn(Schema):
    po_line_id = fields.UUID(required=True)
    quantity_received = positive_quantity(required=True)
    quantity_accepted = quantity(required=True)
    quantity_rejected = quantity(required=False, load_default=Decimal(0))
    batch_no = fields.String(allow_none=True, load_default=None, validate=validate.Length(min=1, max=60))
    warehouse_id = fields.UUID(required=True)

    @validates_schema
    def _received_is_accepted_plus_rejected(self, data, **kwargs):
        if {"quantity_received", "quantity_accepted", "quantity_rejected"} - set(data):
            return
        if data["quantity_received"] != data["quantity_accepted"] + data["quantity_rejected"]:
            raise ValidationError(
                f"received {data['quantity_received']} must equal accepted {data['quantity_accepted']} + "
                f"rejected {data['quantity_rejected']}", "quantity_received")


class ReceiptIn(Schema):
    received_at = fields.AwareDateTime(load_default=None, metadata={"description": "defaults to now"})
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)
    lines = fields.List(fields.Nested(ReceiptLineIn), required=True, validate=validate.Length(min=1, max=MAX_LINES))


class ReceiptFilter(Schema):
    purchase_order_id = fields.UUID()
    late = fields.Boolean(metadata={"description": "true: receipts with a line received after its expected date"})


class ReceiptLineOut(Schema):
    id = fields.UUID()
    po_line_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    warehouse_id = fields.UUID()
    warehouse_code = fields.String(allow_none=True)
    batch_no = fields.String(allow_none=True)
    quantity_received = decimal_out()
    quantity_accepted = decimal_out()
    quantity_rejected = decimal_out()
    unit_price = decimal_out()
    accepted_amount = decimal_out()
    expected_date = fields.Date(allow_none=True)
    days_late = fields.Integer()


class ReceiptOut(Schema):
    id = fields.UUID()
    number = fields.String()
    purchase_order_id = fields.UUID()
    po_number = fields.String()
    supplier_id = fields.UUID()
    received_at = fields.AwareDateTime()
    received_by = fields.String()
    notes = fields.String(allow_none=True)
    total_accepted_amount = decimal_out()
    late = fields.Boolean()
    created_at = fields.AwareDateTime()
    lines = fields.List(fields.Nested(ReceiptLineOut))


class LateDeliveriesQuery(Schema):
    supplier_id = fields.UUID()
    received_since = fields.Date(metadata={"description": "late receipts received on or after this date"})


class OverdueLineOut(Schema):
    purchase_order_id = fields.UUID()
    po_number = fields.String()
    status = fields.String()
    supplier_id = fields.UUID()
    supplier_name = fields.String()
    po_line_id = fields.UUID()
    line_no = fields.Integer()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    quantity = decimal_out()
    quantity_accepted = decimal_out()
    open_quantity = decimal_out()
    expected_date = fields.Date()
    days_overdue = fields.Integer()


class LateReceiptLineOut(Schema):
    receipt_id = fields.UUID()
    receipt_no = fields.String()
    received_at = fields.AwareDateTime()
    purchase_order_id = fields.UUID()
    po_number = fields.String()
    line_no = fields.Integer()
    supplier_id = fields.UUID()
    supplier_name = fields.String()
    po_line_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    quantity_received = decimal_out()
    quantity_accepted = decimal_out()
    expected_date = fields.Date()
    days_late = fields.Integer()


class LateDeliveriesOut(Schema):
    as_of = fields.Date()
    open_lines = fields.List(fields.Nested(OverdueLineOut))
    late_receipts = fields.List(fields.Nested(LateReceiptLineOut))
