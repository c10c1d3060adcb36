"""Request and response schemas of purchasing settings and purchase orders."""
import re

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from erp_shared.web.fields import LIMIT, ExactDecimal, money

from .ordering_domain import STATUSES
from .ordering_queries import ORDER_SORTING

TEXT = validate.Length(max=2000)


def decimal_out() -> fields.Decimal:
    """Quantities and amounts go out as strings, never floats."""
    return fields.Decimal(as_string=True)


def positive_quantity(**kwargs) -> ExactDecimal:
    """Strictly more than zero, at most 4 decimal places (the column's scale)."""
    return ExactDecimal(max_places=4, validate=validate.Range(min=0, min_inclusive=False, max=LIMIT), **kwargs)


def price(**kwargs) -> ExactDecimal:
    return ExactDecimal(max_places=4, validate=validate.Range(min=0, max=LIMIT), **kwargs)


def percentage(**kwargs) -> ExactDecimal:
    return ExactDecimal(max_places=2, fixed=True, validate=validate.Range(min=0, max=100), **kwargs)


def reason(**kwargs) -> fields.String:
    return fields.String(validate=[validate.Length(min=1, max=1000),
                                   validate.Regexp(r"^\S(.*\S)?\Z", re.DOTALL, error="must not be blank or padded")],
                         **kwargs)


# A distributor's restocking order runs to hundreds of lines; the PDF and the console handle 500.
MAX_LINES = 500


class SettingsIn(Schema):
    approval_threshold = money(required=True)
    over_receipt_tolerance_pct = percentage(required=True)
    price_tolerance_pct = percentage(required=True)
    quantity_tolerance_pct = percentage(required=True)


class SettingsOut(Schema):
    approval_threshold = decimal_out()
    over_receipt_tolerance_pct = decimal_out()
    price_tolerance_pct = decimal_out()
    quantity_tolerance_pct = decimal_out()
    updated_at = fields.AwareDateTime()


class OrderLineIn(Schema):
    item_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True)
    unit_price = price(required=True)
    expected_date = fields.Date(allow_none=True, load_default=None)
    quality_standard = fields.String(allow_none=True, load_default=None, validate=TEXT)
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)


class OrderCreate(Schema):
    supplier_id = fields.UUID(required=True)
    order_date = fields.Date(load_default=None, metadata={"description": "defaults to today (UTC)"})
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)
    lines = fields.List(fields.Nested(OrderLineIn), required=True, validate=validate.Length(min=1, max=MAX_LINES))


class OrderUpdate(Schema):
    """Any header field and/or the whole set of lines (the lines given replace the old ones)."""
    supplier_id = fields.UUID()
    order_date = fields.Date()
    notes = fields.String(allow_none=True, validate=TEXT)
    lines = fields.List(fields.Nested(OrderLineIn), validate=validate.Length(min=1, max=MAX_LINES))

    @validates_schema
    def _something_to_change(self, data, **kwargs):
        if not data:
            raise ValidationError("name at least one of supplier_id, order_date, notes, lines", "_schema")


class OrderFilter(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    supplier_id = fields.UUID()
    number = fields.String(validate=validate.Length(min=1, max=30))
    item_id = fields.UUID()
    late = fields.Boolean(metadata={"description": "true: orders still expecting goods past the expected date"})
    sort = ORDER_SORTING.field()


class CancelIn(Schema):
    reason = reason(required=True)


class OrderLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    quantity = decimal_out()
    unit_price = decimal_out()
    line_amount = decimal_out()
    expected_date = fields.Date(allow_none=True)
    quality_standard = fields.String(allow_none=True)
    notes = fields.String(allow_none=True)
    quantity_received = decimal_out()
    quantity_accepted = decimal_out()
    quantity_rejected = decimal_out()
    quantity_invoiced = decimal_out()
    open_quantity = decimal_out()
    days_overdue = fields.Integer()


class OrderSummaryOut(Schema):
    id = fields.UUID()
    number = fields.String()
    status = fields.String()
    supplier_id = fields.UUID()
    supplier_code = fields.String()
    supplier_name = fields.String()
    order_date = fields.Date()
    notes = fields.String(allow_none=True)
    total_amount = decimal_out()
    created_by = fields.String()
    created_by_name = fields.String()
    submitted_at = fields.AwareDateTime(allow_none=True)
    approved_by = fields.String(allow_none=True)
    approved_by_name = fields.String(allow_none=True)
    approved_at = fields.AwareDateTime(allow_none=True)
    sent_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class OrderOut(OrderSummaryOut):
    lines = fields.List(fields.Nested(OrderLineOut))

