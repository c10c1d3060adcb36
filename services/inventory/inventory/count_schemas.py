"""Request and response schemas of cycle counts and the count frequencies."""
from decimal import Decimal

from marshmallow import Schema, fields, validate

from erp_shared.web.fields import LIMIT, ExactDecimal

from .count_domain import CLASSES, COUNT_STATUSES, SCOPES

COST_LIMIT = Decimal("1e12")        # NUMERIC(18, 6) holds less than this


def decimal_out(**kwargs) -> fields.Decimal:
    return fields.Decimal(as_string=True, **kwargs)


class CountCreate(Schema):
    warehouse_id = fields.UUID(required=True)
    scope = fields.String(required=True, validate=validate.OneOf(SCOPES), metadata={
        "description": "all: everything the warehouse holds or has moved; abc: the items of the classes named "
                       "(by consumption value over the last 365 days); due: items whose last posted count here is "
                       "older than their class's frequency"})
    classes = fields.List(fields.String(validate=validate.OneOf(CLASSES)), load_default=None,
                          validate=validate.Length(min=1, max=3), metadata={"description": "scope abc only"})


class CountedLineIn(Schema):
    line_id = fields.UUID(required=True)
    counted_quantity = ExactDecimal(max_places=4, required=True,
                                    validate=validate.Range(min=0, max=LIMIT, max_inclusive=False))
    unit_cost = ExactDecimal(max_places=6, allow_none=True,
                             validate=validate.Range(min=0, max=COST_LIMIT, max_inclusive=False), metadata={
        "description": "what a unit is worth, for a gain of an item that has no cost yet"})


class CountsIn(Schema):
    lines = fields.List(fields.Nested(CountedLineIn), required=True, validate=validate.Length(min=1, max=1000))


class CountFilter(Schema):
    status = fields.String(validate=validate.OneOf(COUNT_STATUSES))
    warehouse_id = fields.UUID()
    scope = fields.String(validate=validate.OneOf(SCOPES))


class CountLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    batch_no = fields.String(allow_none=True)
    abc_class = fields.String()
    counted_quantity = decimal_out(allow_none=True)
    entered_unit_cost = decimal_out(allow_none=True)
    counted_by_name = fields.String(allow_none=True)
    counted_at = fields.AwareDateTime(allow_none=True)
    book_quantity = decimal_out(metadata={"description": "at the snapshot; only once the counts are submitted"})
    variance = decimal_out(allow_none=True, metadata={"description": "counted − book; once submitted"})
    unit_cost = decimal_out(allow_none=True, metadata={
        "description": "once submitted: the current average (for review); once posted: what it was posted at"})
    value = decimal_out(allow_none=True, metadata={"description": "signed like the variance; once submitted"})


class CountSummaryOut(Schema):
    id = fields.UUID()
    number = fields.String()
    status = fields.String()
    warehouse_id = fields.UUID()
    warehouse_code = fields.String(allow_none=True)
    scope = fields.String()
    classes = fields.List(fields.String())
    snapshot_at = fields.AwareDateTime()
    created_by_name = fields.String()
    created_at = fields.AwareDateTime()
    submitted_by_name = fields.String(allow_none=True)
    submitted_at = fields.AwareDateTime(allow_none=True)
    posted_by_name = fields.String(allow_none=True)
    posted_at = fields.AwareDateTime(allow_none=True)
    total_gain = decimal_out(allow_none=True)
    total_loss = decimal_out(allow_none=True)
    version = fields.Integer()
    line_count = fields.Integer()
    counted_count = fields.Integer()


class CountOut(CountSummaryOut):
    class Meta:
        exclude = ("line_count", "counted_count")

    lines = fields.List(fields.Nested(CountLineOut))


def frequency(**kwargs) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=3660), **kwargs)


class CountFrequenciesIn(Schema):
    """Days between counts of an item of each ABC class."""
    A = frequency(required=True)
    B = frequency(required=True)
    C = frequency(required=True)


class CountFrequenciesOut(Schema):
    A = fields.Integer()
    B = fields.Integer()
    C = fields.Integer()
    updated_at = fields.AwareDateTime()
