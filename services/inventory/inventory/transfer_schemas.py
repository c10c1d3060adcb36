"""Request and response schemas of transfers between warehouses."""
from marshmallow import Schema, fields, validate

from erp_shared.web.fields import LIMIT, ExactDecimal

from .domain import BATCH_NO_LENGTH
from .transfer_domain import TRANSFER_STATUSES
from .transfer_queries import TRANSFER_SORTING

TEXT = validate.Length(max=2000)


def decimal_out(**kwargs) -> fields.Decimal:
    return fields.Decimal(as_string=True, **kwargs)


class TransferLineIn(Schema):
    item_id = fields.UUID(required=True)
    quantity = ExactDecimal(max_places=4, required=True,
                            validate=validate.Range(min=0, min_inclusive=False, max=LIMIT, max_inclusive=False))
    batch_no = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=BATCH_NO_LENGTH),
                             metadata={"description": "ship from this batch only; none: first received, first out"})


class TransferCreate(Schema):
    from_warehouse_id = fields.UUID(required=True)
    to_warehouse_id = fields.UUID(required=True, metadata={"description": "an active warehouse, not the source"})
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)
    lines = fields.List(fields.Nested(TransferLineIn), required=True, validate=validate.Length(min=1, max=200))


class ReceivedLineIn(Schema):
    transfer_line_id = fields.UUID(required=True)
    quantity_received = ExactDecimal(max_places=4, required=True,
                                     validate=validate.Range(min=0, max=LIMIT, max_inclusive=False),
                                     metadata={"description": "0 up to what was shipped; the rest is a loss"})


class TransferReceiveIn(Schema):
    lines = fields.List(fields.Nested(ReceivedLineIn), required=True, validate=validate.Length(min=1, max=200),
                        metadata={"description": "every line of the transfer, once"})


class TransferFilter(Schema):
    status = fields.String(validate=validate.OneOf(TRANSFER_STATUSES))
    warehouse_id = fields.UUID(metadata={"description": "leaving or reaching this warehouse"})
    from_warehouse_id = fields.UUID()
    to_warehouse_id = fields.UUID()
    sort = TRANSFER_SORTING.field()


class ShippedBatchOut(Schema):
    batch_no = fields.String(allow_none=True)
    quantity = decimal_out()
    unit_cost = decimal_out()
    value = decimal_out()
    quantity_received = decimal_out(allow_none=True)
    value_received = decimal_out(allow_none=True)
    value_lost = decimal_out(allow_none=True)


class TransferLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    batch_no = fields.String(allow_none=True)
    quantity = decimal_out()
    quantity_received = decimal_out(allow_none=True)
    quantity_lost = decimal_out(allow_none=True)
    shipped = fields.List(fields.Nested(ShippedBatchOut), metadata={
        "description": "the batches the line left the source from, once shipped"})


class TransferSummaryOut(Schema):
    id = fields.UUID()
    number = fields.String()
    status = fields.String()
    from_warehouse_id = fields.UUID()
    from_warehouse_code = fields.String(allow_none=True)
    to_warehouse_id = fields.UUID()
    to_warehouse_code = fields.String(allow_none=True)
    notes = fields.String(allow_none=True)
    created_by_name = fields.String()
    created_at = fields.AwareDateTime()
    shipped_by_name = fields.String(allow_none=True)
    shipped_at = fields.AwareDateTime(allow_none=True)
    received_by_name = fields.String(allow_none=True)
    received_at = fields.AwareDateTime(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)
    total_loss = decimal_out(allow_none=True)
    version = fields.Integer()
    line_count = fields.Integer()


class TransferOut(TransferSummaryOut):
    class Meta:
        exclude = ("line_count",)

    lines = fields.List(fields.Nested(TransferLineOut))
