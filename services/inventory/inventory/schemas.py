from decimal import Decimal

from marshmallow import Schema, fields, validate

from erp_shared.events.schemas.inventory import ITEM_TYPES, VALUATION_METHODS
from erp_shared.web.fields import code, name, quantity

from .allocation import LINE_STATUSES
from .domain import RECEIPT
from .picking import DELIVERY
from .requisition_domain import MATERIAL_ISSUE, MATERIAL_RETURN
from .restocking import RETURN

MOVE_TYPES = (RECEIPT, DELIVERY, RETURN, MATERIAL_ISSUE, MATERIAL_RETURN)


class ItemCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    unit = fields.String(required=True, validate=validate.Length(min=1, max=20))
    item_type = fields.String(required=True, validate=validate.OneOf(ITEM_TYPES))
    reorder_level = quantity(required=False, load_default=Decimal(0))
    reorder_quantity = quantity(required=False, load_default=Decimal(0))
    valuation_method = fields.String(load_default="moving_average", validate=validate.OneOf(VALUATION_METHODS))


class ItemUpdate(ItemCreate):
    """Everything but the code may change; the code is how people and imports identify an item."""
    class Meta:
        exclude = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class ItemOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    unit = fields.String()
    item_type = fields.String()
    reorder_level = fields.Decimal(as_string=True)
    reorder_quantity = fields.Decimal(as_string=True)
    valuation_method = fields.String()
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class ItemFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
    item_type = fields.String(validate=validate.OneOf(ITEM_TYPES))


class WarehouseCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    address = fields.String(allow_none=True, validate=validate.Length(max=500))


class WarehouseUpdate(WarehouseCreate):
    class Meta:
        exclude = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class WarehouseOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    address = fields.String(allow_none=True)
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class WarehouseFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()


def _decimal() -> fields.Decimal:
    return fields.Decimal(as_string=True)


class StockFilter(Schema):
    item_id = fields.UUID()
    warehouse_id = fields.UUID()
    batch_no = fields.String(validate=validate.Length(max=60), metadata={"description": "empty: stock without a batch"})


class StockRowOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    batch_no = fields.String(allow_none=True)
    on_hand = _decimal()
    average_cost = _decimal()
    value = _decimal()
    reserved = fields.Decimal(as_string=True, metadata={
        "description": "still reserved for sales orders of the item in this warehouse (all batches)"})
    available = fields.Decimal(as_string=True, metadata={
        "description": "on hand in this warehouse (all batches) minus reserved: what a new order can reserve"})


class ValuationFilter(Schema):
    item_id = fields.UUID()


class ItemValuationOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    item_name = fields.String()
    unit = fields.String()
    on_hand = _decimal()
    stock_value = _decimal()
    average_cost = _decimal()
    movement_count = fields.Integer()


class StockValuationOut(Schema):
    items = fields.List(fields.Nested(ItemValuationOut))
    total_value = _decimal()


class StockMoveFilter(Schema):
    item_id = fields.UUID()
    warehouse_id = fields.UUID()
    source_document = fields.String(validate=validate.Length(max=40))
    move_type = fields.String(validate=validate.OneOf(MOVE_TYPES))


class StockMoveOut(Schema):
    id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String()
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    batch_no = fields.String(allow_none=True)
    quantity = _decimal()
    unit_cost = _decimal()
    value = _decimal()
    move_type = fields.String()
    source_document = fields.String()
    source_line_id = fields.UUID()
    delivery_line_id = fields.UUID(allow_none=True, metadata={
        "description": "a return: the delivery line its goods came back from"})
    source_event_id = fields.UUID()
    moved_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()


class ReservationFilter(Schema):
    order_id = fields.UUID()
    item_id = fields.UUID()
    warehouse_id = fields.UUID()
    status = fields.String(validate=validate.OneOf(LINE_STATUSES))


class ReservationOut(Schema):
    id = fields.UUID()
    order_line_id = fields.UUID()
    order_id = fields.UUID()
    order_no = fields.String()
    order_date = fields.Date()
    confirmed_at = fields.AwareDateTime()
    item_id = fields.UUID()
    item_code = fields.String()
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    quantity_requested = _decimal()
    quantity_reserved = _decimal()
    quantity_backordered = _decimal()
    quantity_issued = _decimal()
    status = fields.String()
    updated_at = fields.AwareDateTime()


class AvailabilityFilter(Schema):
    item_id = fields.UUID()
    warehouse_id = fields.UUID()


class AvailabilityOut(Schema):
    item_id = fields.UUID()
    item_code = fields.String()
    warehouse_id = fields.UUID()
    warehouse_code = fields.String()
    on_hand = _decimal()
    reserved = _decimal()
    backordered = _decimal()
    available = _decimal()
