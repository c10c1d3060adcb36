from marshmallow import Schema, fields, validate

from ..catalog import catalog, register_master_data

CREDIT_RATINGS = ("A", "B", "C", "D")


class CustomerV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    contact_name = fields.String(allow_none=True, load_default=None)
    email = fields.String(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None)
    address = fields.String(allow_none=True, load_default=None)
    credit_rating = fields.String(required=True, validate=validate.OneOf(CREDIT_RATINGS))
    credit_limit = fields.Decimal(required=True, as_string=True)
    active = fields.Boolean(required=True)


register_master_data("sales", "customer", CustomerV1)


class OrderLineRequestV1(Schema):
    order_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    quantity = fields.Decimal(required=True, as_string=True)


@catalog.register("sales.order_confirmed.v1")
class OrderConfirmedV1(Schema):
    """The reservation request of the order saga. Sent on confirmation (or credit release) and sent again, with
    the same content, by the timeout sweep while no reply came: inventory keys reservations by order line."""
    order_id = fields.UUID(required=True)
    order_no = fields.String(required=True)
    customer_id = fields.UUID(required=True)
    order_date = fields.Date(required=True)          # backorders are filled in order-date order
    confirmed_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(OrderLineRequestV1), required=True)


@catalog.register("sales.order_cancelled.v1")
class OrderCancelledV1(Schema):
    """Compensation: inventory releases whatever it reserved or backordered for the order."""
    order_id = fields.UUID(required=True)
    order_no = fields.String(required=True)
    cancelled_at = fields.AwareDateTime(required=True)
    reason = fields.String(required=True)


class DeliveryLineV1(Schema):
    delivery_line_id = fields.UUID(required=True)
    order_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    quantity = fields.Decimal(required=True, as_string=True)


@catalog.register("sales.goods_delivered.v1")
class GoodsDeliveredV1(Schema):
    """A delivery note: inventory issues the reserved stock at moving-average cost and reports the cost back."""
    delivery_id = fields.UUID(required=True)
    delivery_no = fields.String(required=True)
    order_id = fields.UUID(required=True)
    order_no = fields.String(required=True)
    customer_id = fields.UUID(required=True)
    delivered_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(DeliveryLineV1), required=True)


class InvoiceLineV1(Schema):
    invoice_line_id = fields.UUID(required=True)
    order_line_id = fields.UUID(allow_none=True, load_default=None)
    item_id = fields.UUID(required=True)
    quantity = fields.Decimal(required=True, as_string=True)
    unit_price = fields.Decimal(required=True, as_string=True)
    discount_pct = fields.Decimal(required=True, as_string=True)
    net_amount = fields.Decimal(required=True, as_string=True)   # quantity × price × (1 − discount), 2 dp
    tax_rate = fields.Decimal(required=True, as_string=True)     # percent
    tax_amount = fields.Decimal(required=True, as_string=True)   # net_amount × tax_rate / 100, 2 dp


@catalog.register("sales.invoice_issued.v1")
class InvoiceIssuedV1(Schema):
    """Finance posts Dr 1100 total / Cr 4000 net_total / Cr 2200 tax_total."""
    invoice_id = fields.UUID(required=True)
    invoice_no = fields.String(required=True)
    customer_id = fields.UUID(required=True)
    order_id = fields.UUID(allow_none=True, load_default=None)
    invoice_date = fields.Date(required=True)
    due_date = fields.Date(required=True)
    lines = fields.List(fields.Nested(InvoiceLineV1), required=True)
    net_total = fields.Decimal(required=True, as_string=True)
    tax_total = fields.Decimal(required=True, as_string=True)
    total = fields.Decimal(required=True, as_string=True)


@catalog.register("sales.credit_note_issued.v1")
class CreditNoteIssuedV1(Schema):
    """Reverses revenue and tax of (part of) an invoice: Dr 4000 net / Dr 2200 tax / Cr 1100 total."""
    credit_note_id = fields.UUID(required=True)
    credit_note_no = fields.String(required=True)
    invoice_id = fields.UUID(required=True)
    customer_id = fields.UUID(required=True)
    credit_date = fields.Date(required=True)
    reason = fields.String(required=True)
    lines = fields.List(fields.Nested(InvoiceLineV1), required=True)
    net_total = fields.Decimal(required=True, as_string=True)
    tax_total = fields.Decimal(required=True, as_string=True)
    total = fields.Decimal(required=True, as_string=True)


class ReceiptAllocationV1(Schema):
    invoice_id = fields.UUID(required=True)
    invoice_no = fields.String(required=True)
    amount = fields.Decimal(required=True, as_string=True)


@catalog.register("sales.customer_payment_received.v1")
class CustomerPaymentReceivedV1(Schema):
    """Finance posts Dr 1000 / Cr 1100."""
    payment_id = fields.UUID(required=True)
    payment_no = fields.String(required=True)
    customer_id = fields.UUID(required=True)
    received_at = fields.AwareDateTime(required=True)
    amount = fields.Decimal(required=True, as_string=True)
    reference = fields.String(allow_none=True, load_default=None)
    allocations = fields.List(fields.Nested(ReceiptAllocationV1), required=True)


class ReturnLineV1(Schema):
    return_line_id = fields.UUID(required=True)
    delivery_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    quantity = fields.Decimal(required=True, as_string=True)


@catalog.register("sales.goods_returned.v1")
class GoodsReturnedV1(Schema):
    """Delivered goods came back: inventory takes them into stock at the cost they left at and reports it."""
    return_id = fields.UUID(required=True)
    return_no = fields.String(required=True)
    delivery_id = fields.UUID(required=True)
    delivery_no = fields.String(required=True)
    order_id = fields.UUID(required=True)
    customer_id = fields.UUID(required=True)
    returned_at = fields.AwareDateTime(required=True)
    reason = fields.String(required=True)
    lines = fields.List(fields.Nested(ReturnLineV1), required=True)
