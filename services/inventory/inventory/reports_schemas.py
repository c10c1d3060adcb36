"""Request and response schemas of batches, the stock reports and the stock-to-GL reconciliation."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from erp_shared.events.schemas.inventory import ITEM_TYPES

from .reconciling import BALANCED, DIFFERENCES, REASONS
from .reporting import BUCKETS


def _decimal(description: str | None = None) -> fields.Decimal:
    return fields.Decimal(as_string=True, metadata={"description": description} if description else {})


class Period(Schema):
    date_from = fields.Date(metadata={"description": "first UTC day, inclusive; from the beginning if absent"})
    date_to = fields.Date(metadata={"description": "last UTC day, inclusive"})

    @validates_schema
    def _range_is_not_reversed(self, values, **kwargs):
        if "date_from" in values and "date_to" in values and values["date_from"] > values["date_to"]:
            raise ValidationError("date_to must not be before date_from", "date_to")


# --- batches ----------------------------------------------------------------------------------------------

class LotFilter(Schema):
    item_id = fields.UUID()
    warehouse_id = fields.UUID()
    include_empty = fields.Boolean(load_default=False, metadata={"description": "also batches with nothing left"})


class LotOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    batch_no = fields.String()
    on_hand = _decimal()
    value = _decimal("on hand at the item's moving average cost, as GET /stock values it")
    first_received_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "when the batch first came in by goods receipt (any warehouse); null if no receipt did"})
    receipt_no = fields.String(allow_none=True, metadata={"description": "the receipt that first booked it"})
    po_number = fields.String(allow_none=True)
    supplier_id = fields.UUID(allow_none=True)
    supplier_code = fields.String(allow_none=True)
    supplier_name = fields.String(allow_none=True)


class LotTraceQuery(Schema):
    item_id = fields.UUID(required=True, metadata={"description": "batch numbers are per item"})


class LotOriginOut(Schema):
    receipt_no = fields.String()
    po_number = fields.String(allow_none=True)
    supplier_id = fields.UUID(allow_none=True)
    supplier_code = fields.String(allow_none=True)
    supplier_name = fields.String(allow_none=True)
    received_at = fields.AwareDateTime()
    quantity = _decimal("accepted into this batch on the receipt")
    value = _decimal()


class LotMovementOut(Schema):
    moved_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    move_type = fields.String(metadata={"description": "any move type the ledger holds"})
    source_document = fields.String()
    source_event_id = fields.UUID()
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    quantity = _decimal("signed: + in, - out")
    unit_cost = _decimal()
    value = _decimal("signed like the quantity")
    running_quantity = _decimal("the batch's quantity over all warehouses after this movement")


class LotMoveTypeSummaryOut(Schema):
    move_type = fields.String()
    moves = fields.Integer()
    quantity = _decimal()
    value = _decimal()


class LotLocationOut(Schema):
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    on_hand = _decimal()


class LotTraceOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    batch_no = fields.String()
    origins = fields.List(fields.Nested(LotOriginOut), metadata={"description": "the receipts that booked it"})
    movements = fields.List(fields.Nested(LotMovementOut), metadata={"description": "every ledger row, in time "
                                                                                       "order"})
    summary = fields.List(fields.Nested(LotMoveTypeSummaryOut), metadata={"description": "per move type"})
    on_hand = _decimal("over all warehouses")
    locations = fields.List(fields.Nested(LotLocationOut), metadata={"description": "where it is now"})


# --- reports ----------------------------------------------------------------------------------------------

class StockOnHandQuery(Schema):
    as_of = fields.Date(metadata={"description": "up to the end of this UTC day; now if absent"})
    warehouse_id = fields.UUID()
    item_id = fields.UUID()


class StockOnHandRowOut(Schema):
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    quantity = _decimal()
    value = _decimal("the sum of the ledger's values at this place")


class WarehouseValueOut(Schema):
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    value = _decimal()


class StockOnHandOut(Schema):
    as_of = fields.Date(allow_none=True)
    rows = fields.List(fields.Nested(StockOnHandRowOut), metadata={"description": "this page's places"})
    warehouses = fields.List(fields.Nested(WarehouseValueOut), metadata={"description": "value per warehouse, "
                                                                                        "every page"})
    total_value = _decimal("every place asked for; without as_of and filters, GET /stock/valuation's total")


class MovementQuery(Period):
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID()


class MovementOut(Schema):
    id = fields.UUID()
    moved_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    move_type = fields.String()
    source_document = fields.String()
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    batch_no = fields.String(allow_none=True)
    quantity = _decimal()
    unit_cost = _decimal()
    value = _decimal()
    running_quantity = _decimal()
    running_value = _decimal()


class MovementHistoryOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    warehouse_id = fields.UUID(allow_none=True)
    date_from = fields.Date(allow_none=True)
    date_to = fields.Date(allow_none=True)
    opening_quantity = _decimal("before date_from")
    opening_value = _decimal()
    movements = fields.List(fields.Nested(MovementOut), metadata={"description": "this page's, in time order"})
    closing_quantity = _decimal("at the end of date_to")
    closing_value = _decimal()


class BelowReorderQuery(Schema):
    item_type = fields.String(validate=validate.OneOf(ITEM_TYPES))


class BelowReorderOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    item_type = fields.String()
    on_hand = _decimal("all warehouses")
    reserved = _decimal("for sales orders")
    backordered = _decimal()
    available = _decimal("on hand minus reserved")
    reorder_level = _decimal()
    reorder_quantity = _decimal()
    shortfall = _decimal("reorder level minus on hand")
    suggested_quantity = _decimal("the reorder quantity, or the shortfall if larger")


class AgeingQuery(Schema):
    as_of = fields.Date(metadata={"description": "age counted to, and stock as of the end of, this UTC day; "
                                                 "today if absent"})
    warehouse_id = fields.UUID()


class BucketOut(Schema):
    bucket = fields.String(validate=validate.OneOf(BUCKETS))
    quantity = _decimal()
    value = _decimal()


class AgeingItemOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    on_hand = _decimal()
    stock_value = _decimal()
    buckets = fields.List(fields.Nested(BucketOut), metadata={"description": "every bucket; values add up to "
                                                                            "stock_value"})


class AgeingOut(Schema):
    as_of = fields.Date()
    warehouse_id = fields.UUID(allow_none=True)
    bucket_names = fields.List(fields.String(), metadata={"description": "days since the batch's first receipt: "
                                                                         + ", ".join(BUCKETS)})
    items = fields.List(fields.Nested(AgeingItemOut), metadata={"description": "this page's items"})
    totals = fields.List(fields.Nested(BucketOut), metadata={"description": "every item"})
    total_value = _decimal()


# --- reconciliation ---------------------------------------------------------------------------------------

class ThreeFiguresOut(Schema):
    opening = _decimal("before date_from")
    movement = _decimal("date_from to date_to")
    closing = _decimal("at the end of date_to")


class ExplanationOut(Schema):
    source_document = fields.String()
    first_date = fields.Date(metadata={"description": "the first day either side has for it in the period"})
    ledger_value = _decimal()
    gl_amount = _decimal()
    difference = _decimal("ledger value minus GL amount")
    reason = fields.String(validate=validate.OneOf(REASONS))
    source_event_ids = fields.List(fields.UUID(), metadata={"description": "the events that booked the ledger rows"})
    move_types = fields.List(fields.String())
    entry_nos = fields.List(fields.String(), metadata={"description": "finance's journal entries"})
    gl_kinds = fields.List(fields.String())


class StockToGlOut(Schema):
    date_from = fields.Date(allow_none=True)
    date_to = fields.Date()
    account_code = fields.String(metadata={"description": "finance's inventory account"})
    ledger = fields.Nested(ThreeFiguresOut, metadata={"description": "the stock ledger's value"})
    gl = fields.Nested(ThreeFiguresOut, metadata={"description": "the account, from finance.journal_posted events"})
    difference = fields.Nested(ThreeFiguresOut, metadata={"description": "ledger minus GL"})
    status = fields.String(validate=validate.OneOf((BALANCED, DIFFERENCES)))
    explanation_count = fields.Integer()
    explanations = fields.List(fields.Nested(ExplanationOut), metadata={"description": "this page's"})
