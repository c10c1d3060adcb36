"""Query and response schemas of the analysis: gross margin, sales and the forecast. Amounts and quantities go
out as strings, never floats."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .analysis_domain import GROUPINGS, SALES_GROUPINGS
from .analysis_forecast import HOLT_LINEAR, NAIVE, SIMPLE_EXPONENTIAL_SMOOTHING
from .ordering_schemas import decimal_out

MAX_FORECAST_MONTHS = 24
MAX_HISTORY_MONTHS = 60


class PeriodQuery(Schema):
    date_from = fields.Date(load_default=None, metadata={"description": "first day included; none: from the start"})
    date_to = fields.Date(load_default=None, metadata={"description": "last day included; none: up to now"})

    @validates_schema
    def _from_before_to(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise ValidationError(f"must not be before date_from ({data['date_from']})", "date_to")


class GrossMarginQuery(PeriodQuery):
    group_by = fields.String(load_default="month", validate=validate.OneOf(GROUPINGS))


class SalesQuery(PeriodQuery):
    group_by = fields.String(load_default="month", validate=validate.OneOf(SALES_GROUPINGS))


class ForecastQuery(Schema):
    item_id = fields.UUID(load_default=None, metadata={"description": "one item; none: every item invoiced in the "
                                                                      "history window"})
    months = fields.Integer(load_default=3, validate=validate.Range(min=1, max=MAX_FORECAST_MONTHS),
                            metadata={"description": "months to forecast, starting with the month of as_of"})
    history = fields.Integer(load_default=12, validate=validate.Range(min=1, max=MAX_HISTORY_MONTHS),
                             metadata={"description": "whole months before the month of as_of to learn from"})
    as_of = fields.Date(load_default=None, metadata={"description": "defaults to today (UTC)"})


class MarginFiguresOut(Schema):
    revenue = decimal_out(metadata={"description": "invoiced net less credited net"})
    cogs = decimal_out(metadata={"description": "cost of the goods delivered less the cost of goods returned, as "
                                                "inventory reported them"})
    gross_margin = decimal_out()
    margin_pct = fields.Decimal(as_string=True, allow_none=True, metadata={"description": "null without revenue"})
    uncosted_lines = fields.Integer(metadata={"description": "delivery and return lines whose cost inventory "
                                                                "has not reported yet (counted as 0)"})


class MarginRowOut(MarginFiguresOut):
    key = fields.String(metadata={"description": "order, customer or item id, or YYYY-MM"})
    label = fields.String(allow_none=True)


class GrossMarginOut(Schema):
    group_by = fields.String()
    date_from = fields.Date(allow_none=True)
    date_to = fields.Date(allow_none=True)
    rows = fields.List(fields.Nested(MarginRowOut))
    totals = fields.Nested(MarginFiguresOut)


class SalesFiguresOut(Schema):
    net_sales = decimal_out(metadata={"description": "invoiced net less credited net"})
    quantity_invoiced = decimal_out()
    invoice_count = fields.Integer()


class SalesRowOut(SalesFiguresOut):
    key = fields.String(metadata={"description": "customer or item id, or YYYY-MM"})
    label = fields.String(allow_none=True)


class SalesOut(Schema):
    group_by = fields.String()
    date_from = fields.Date(allow_none=True)
    date_to = fields.Date(allow_none=True)
    rows = fields.List(fields.Nested(SalesRowOut))
    totals = fields.Nested(SalesFiguresOut)


class MonthQuantityOut(Schema):
    month = fields.String(metadata={"description": "YYYY-MM"})
    quantity = decimal_out()


class ItemForecastOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    method = fields.String(metadata={"enum": [HOLT_LINEAR, SIMPLE_EXPONENTIAL_SMOOTHING, NAIVE]})
    alpha = fields.Decimal(as_string=True, allow_none=True)
    beta = fields.Decimal(as_string=True, allow_none=True)
    history = fields.List(fields.Nested(MonthQuantityOut))
    forecast = fields.List(fields.Nested(MonthQuantityOut))


class ForecastOut(Schema):
    as_of = fields.Date()
    history_from = fields.String()
    history_to = fields.String()
    months = fields.Integer()
    items = fields.List(fields.Nested(ItemForecastOut))
