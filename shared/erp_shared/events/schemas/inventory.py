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


class MaterialIssuedLineV1(Schema):
    """One batch's share of a material issue line (an issue line taken from two batches is two lines)."""
    issue_line_id = fields.UUID(required=True)
    requisition_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    batch_no = fields.String(allow_none=True, load_default=None)
    quantity = fields.Decimal(required=True, as_string=True)
    unit_cost = fields.Decimal(required=True, as_string=True)   # moving average at the time of issue
    cost = fields.Decimal(required=True, as_string=True)        # exact share of the stock value, 2 dp


@catalog.register("inventory.material_issued.v1")
class MaterialIssuedV1(Schema):
    """Stock issued against an approved material requisition for a department's own use, at cost: finance
    posts Dr the department's expense account / Cr 1200."""
    issue_id = fields.UUID(required=True)
    issue_no = fields.String(required=True)
    requisition_id = fields.UUID(required=True)
    requisition_no = fields.String(required=True)
    department_id = fields.UUID(required=True)
    employee_id = fields.UUID(required=True)          # who asked for the material
    issued_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(MaterialIssuedLineV1), required=True, validate=validate.Length(min=1))
    total_cost = fields.Decimal(required=True, as_string=True)


class MaterialReturnedLineV1(Schema):
    """One batch's share of a return line, at the cost it was issued at."""
    return_line_id = fields.UUID(required=True)
    issue_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    batch_no = fields.String(allow_none=True, load_default=None)
    quantity = fields.Decimal(required=True, as_string=True)
    unit_cost = fields.Decimal(required=True, as_string=True)
    cost = fields.Decimal(required=True, as_string=True)        # returning a whole issue line gives back its cost


@catalog.register("inventory.material_returned.v1")
class MaterialReturnedV1(Schema):
    """Unused material came back into stock at its issue cost: finance posts Dr 1200 / Cr the expense account
    the issue was posted to."""
    return_id = fields.UUID(required=True)
    return_no = fields.String(required=True)
    issue_id = fields.UUID(required=True)
    issue_no = fields.String(required=True)
    requisition_no = fields.String(required=True)
    department_id = fields.UUID(required=True)
    returned_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(MaterialReturnedLineV1), required=True, validate=validate.Length(min=1))
    total_cost = fields.Decimal(required=True, as_string=True)


# --- Transfers between warehouses and cycle counts ----------------------------------------------------------

class TransferShippedLineV1(Schema):
    """One batch's share of a transfer line as it left the source (a line shipped from two batches is two)."""
    transfer_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    batch_no = fields.String(allow_none=True, load_default=None)
    quantity = fields.Decimal(required=True, as_string=True)
    unit_cost = fields.Decimal(required=True, as_string=True)   # moving average at shipping
    value = fields.Decimal(required=True, as_string=True)       # exact share of the stock value, 2 dp


@catalog.register("inventory.transfer_shipped.v1")
class TransferShippedV1(Schema):
    """Stock left the source into transit, still owned and valued: the item's stock value is unchanged, so
    finance posts nothing."""
    transfer_id = fields.UUID(required=True)
    transfer_no = fields.String(required=True)
    from_warehouse_id = fields.UUID(required=True)
    to_warehouse_id = fields.UUID(required=True)
    shipped_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(TransferShippedLineV1), required=True, validate=validate.Length(min=1))


class TransferReceivedLineV1(Schema):
    """One shipped batch on arrival: what arrived and what was lost, valued at the value it was shipped at."""
    transfer_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    batch_no = fields.String(allow_none=True, load_default=None)
    quantity_shipped = fields.Decimal(required=True, as_string=True)
    quantity_received = fields.Decimal(required=True, as_string=True)
    quantity_lost = fields.Decimal(required=True, as_string=True)
    value_received = fields.Decimal(required=True, as_string=True)
    value_lost = fields.Decimal(required=True, as_string=True)


@catalog.register("inventory.transfer_received.v1")
class TransferReceivedV1(Schema):
    """The transfer arrived and is closed; what did not arrive left stock as a loss: finance posts
    Dr 5100 Inventory adjustments / Cr 1200 for `total_loss` (nothing when it is zero)."""
    transfer_id = fields.UUID(required=True)
    transfer_no = fields.String(required=True)
    from_warehouse_id = fields.UUID(required=True)
    to_warehouse_id = fields.UUID(required=True)
    received_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(TransferReceivedLineV1), required=True, validate=validate.Length(min=1))
    total_loss = fields.Decimal(required=True, as_string=True)


class CountPostedLineV1(Schema):
    """One item and batch of a posted count; variance = counted − book at the snapshot, `value` is signed like
    it (a gain positive, a loss negative)."""
    count_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    batch_no = fields.String(allow_none=True, load_default=None)
    book_quantity = fields.Decimal(required=True, as_string=True)
    counted_quantity = fields.Decimal(required=True, as_string=True)
    variance = fields.Decimal(required=True, as_string=True)
    unit_cost = fields.Decimal(required=True, as_string=True)
    value = fields.Decimal(required=True, as_string=True)


@catalog.register("inventory.count_posted.v1")
class CountPostedV1(Schema):
    """A cycle count adjusted stock by its variances: finance posts the gains Dr 1200 / Cr 5100 and the losses
    Dr 5100 / Cr 1200 in one entry (both totals are positive amounts; nothing when both are zero)."""
    count_id = fields.UUID(required=True)
    count_no = fields.String(required=True)
    warehouse_id = fields.UUID(required=True)
    snapshot_at = fields.AwareDateTime(required=True)
    posted_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(CountPostedLineV1), required=True, validate=validate.Length(min=1))
    total_gain = fields.Decimal(required=True, as_string=True)
    total_loss = fields.Decimal(required=True, as_string=True)
