from marshmallow import Schema, fields, validate

from ..catalog import catalog, register_master_data

ITEM_TYPES = ("raw_material", "finished_good", "service")
VALUATION_METHODS = ("moving_average", "fifo")


class ItemV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    unit = fields.String(required=True)
    item_type = fields.String(required=True, validate=validate.OneOf(ITEM_TYPES))
    reorder_level = fields.Decimal(required=True, as_string=True)
    reorder_quantity = fields.Decimal(required=True, as_string=True)
    valuation_method = fields.String(required=True, validate=validate.OneOf(VALUATION_METHODS))
    active = fields.Boolean(required=True)


class WarehouseV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    address = fields.String(allow_none=True, load_default=None)
    active = fields.Boolean(required=True)


register_master_data("inventory", "item", ItemV1)
register_master_data("inventory", "warehouse", WarehouseV1)


@catalog.register("inventory.stock_level_changed.v1")
class StockLevelChangedV1(Schema):
    """An item's stock across all warehouses after a movement; `sequence` is the item's movement count, so a
    consumer's projection keeps only the newest (purchase planning compares it with the reorder level)."""
    item_id = fields.UUID(required=True)
    on_hand = fields.Decimal(required=True, as_string=True)
    stock_value = fields.Decimal(required=True, as_string=True)
    average_cost = fields.Decimal(required=True, as_string=True)


class ReservationLineV1(Schema):
    order_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    quantity_requested = fields.Decimal(required=True, as_string=True)
    quantity_reserved = fields.Decimal(required=True, as_string=True)     # cumulative, still reserved
    quantity_backordered = fields.Decimal(required=True, as_string=True)  # waiting for stock
    quantity_issued = fields.Decimal(required=True, as_string=True)       # delivered out of the reservation


@catalog.register("inventory.stock_reserved.v1")
class StockReservedV1(Schema):
    """The order's whole reservation after any change (request, a receipt filling a backorder, an issue,
    a release); `sequence` is the reservation's version, so the order keeps only the newest state."""
    order_id = fields.UUID(required=True)
    status = fields.String(required=True, validate=validate.OneOf(("reserved", "partially_reserved", "backordered",
                                                                    "released")))
    lines = fields.List(fields.Nested(ReservationLineV1), required=True)


class IssueLineV1(Schema):
    source_line_id = fields.UUID(required=True)    # e.g. the delivery line
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    batch_no = fields.String(allow_none=True, load_default=None)
    quantity = fields.Decimal(required=True, as_string=True)
    unit_cost = fields.Decimal(required=True, as_string=True)   # moving average at the time of issue
    cost = fields.Decimal(required=True, as_string=True)        # exact share of the stock value, 2 dp


@catalog.register("inventory.stock_issued.v1")
class StockIssuedV1(Schema):
    """Stock left the warehouse at cost. `purpose` tells finance what to debit: a delivery → 5000 COGS."""
    purpose = fields.String(required=True, validate=validate.OneOf(("delivery",)))
    source_document = fields.String(required=True)   # the delivery note number
    source_id = fields.UUID(required=True)           # the delivery id
    order_id = fields.UUID(allow_none=True, load_default=None)
    issued_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(IssueLineV1), required=True)
    total_cost = fields.Decimal(required=True, as_string=True)


class ReturnedLineV1(Schema):
    source_line_id = fields.UUID(required=True)     # the return line
    delivery_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    batch_no = fields.String(allow_none=True, load_default=None)
    quantity = fields.Decimal(required=True, as_string=True)
    unit_cost = fields.Decimal(required=True, as_string=True)   # the cost the goods were issued at
    cost = fields.Decimal(required=True, as_string=True)        # 2 dp; returning a whole issue gives back its cost


@catalog.register("inventory.stock_returned.v1")
class StockReturnedV1(Schema):
    """Returned goods re-entered stock at their issue cost: finance posts Dr 1200 / Cr 5000."""
    source_document = fields.String(required=True)   # the return number
    source_id = fields.UUID(required=True)           # the return id
    order_id = fields.UUID(allow_none=True, load_default=None)
    returned_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(ReturnedLineV1), required=True)
    total_cost = fields.Decimal(required=True, as_string=True)
