"""Request and response schemas of sales orders and their transitions."""
import re
from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from erp_shared.web.fields import LIMIT, ExactDecimal

from .ordering_domain import STATUSES
from .ordering_queries import ORDER_SORTING

TEXT = validate.Length(max=2000)


def decimal_out(**kwargs) -> fields.Decimal:
    """Quantities and amounts go out as strings, never floats."""
    return fields.Decimal(as_string=True, **kwargs)


def positive_quantity(**kwargs) -> ExactDecimal:
    """Strictly more than zero, at most 4 decimal places (the column's scale)."""
    return ExactDecimal(max_places=4, validate=validate.Range(min=0, min_inclusive=False, max=LIMIT), **kwargs)


def price(**kwargs) -> ExactDecimal:
    return ExactDecimal(max_places=4, validate=validate.Range(min=0, max=LIMIT), **kwargs)


def percentage(**kwargs) -> ExactDecimal:
    return ExactDecimal(max_places=2, fixed=True, validate=validate.Range(min=0, max=100), **kwargs)


def reason(max_length: int = 1000, **kwargs) -> fields.String:
    """Why something was done, as people will read it later: never blank, no stray spaces at the ends."""
    return fields.String(validate=[validate.Length(min=1, max=max_length),
                                   validate.Regexp(r"^\S(.*\S)?\Z", re.DOTALL, error="must not be blank or padded")],
                         **kwargs)


class OrderLineIn(Schema):
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True)
    unit_price = price(required=True)
    discount_pct = percentage(load_default=Decimal("0.00"), metadata={"description": "percent off the price"})
    tax_rate = percentage(load_default=Decimal("0.00"), metadata={"description": "percent of the net amount"})


class OrderCreate(Schema):
    customer_id = fields.UUID(required=True)
    order_date = fields.Date(load_default=None, metadata={"description": "defaults to today (UTC)"})
    requested_date = fields.Date(allow_none=True, load_default=None,
                                 metadata={"description": "when the customer wants the goods"})
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)
    lines = fields.List(fields.Nested(OrderLineIn), required=True, validate=validate.Length(min=1, max=200))


class OrderUpdate(Schema):
    """Any header field and/or the whole set of lines (the lines given replace the old ones)."""
    customer_id = fields.UUID()
    order_date = fields.Date()
    requested_date = fields.Date(allow_none=True)
    notes = fields.String(allow_none=True, validate=TEXT)
    lines = fields.List(fields.Nested(OrderLineIn), validate=validate.Length(min=1, max=200))

    @validates_schema
    def _something_to_change(self, data, **kwargs):
        if not data:
            raise ValidationError("name at least one of customer_id, order_date, requested_date, notes, lines",
                                  "_schema")


class OrderFilter(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    customer_id = fields.UUID()
    number = fields.String(validate=validate.Length(min=1, max=30))
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
    warehouse_id = fields.UUID()
    warehouse_code = fields.String(allow_none=True)
    quantity = decimal_out()
    unit_price = decimal_out()
    discount_pct = decimal_out()
    tax_rate = decimal_out()
    net_amount = decimal_out()
    tax_amount = decimal_out()
    quantity_reserved = decimal_out()
    quantity_backordered = decimal_out()
    quantity_issued = decimal_out()
    quantity_delivered = decimal_out()
    quantity_deliverable = decimal_out()
    quantity_invoiced = decimal_out()


class OrderSummaryOut(Schema):
    id = fields.UUID()
    number = fields.String()
    status = fields.String()
    customer_id = fields.UUID()
    customer_code = fields.String()
    customer_name = fields.String()
    order_date = fields.Date()
    requested_date = fields.Date(allow_none=True)
    notes = fields.String(allow_none=True)
    net_total = decimal_out()
    tax_total = decimal_out()
    total_amount = decimal_out()
    invoiced_amount = decimal_out()
    created_by = fields.String()
    created_by_name = fields.String()
    confirmed_by = fields.String(allow_none=True)
    confirmed_by_name = fields.String(allow_none=True)
    confirmed_at = fields.AwareDateTime(allow_none=True)
    credit_exposure = fields.Decimal(as_string=True, allow_none=True,
                                     metadata={"description": "exposure with this order, as checked on confirm"})
    credit_limit = fields.Decimal(as_string=True, allow_none=True)
    credit_released_by = fields.String(allow_none=True)
    credit_released_by_name = fields.String(allow_none=True)
    credit_released_at = fields.AwareDateTime(allow_none=True)
    reservation_requested_at = fields.AwareDateTime(allow_none=True)
    reservation_resends = fields.Integer()
    reservation_status = fields.String(allow_none=True)
    reservation_replied_at = fields.AwareDateTime(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class OrderOut(OrderSummaryOut):
    lines = fields.List(fields.Nested(OrderLineOut))
