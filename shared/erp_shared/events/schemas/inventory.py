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
