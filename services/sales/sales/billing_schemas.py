"""Request and response schemas of invoices, customer payments and the customer ledger."""
from decimal import Decimal

from marshmallow import Schema, fields, validate

from erp_shared.web.fields import money

from .billing_domain import INVOICE_STATUSES
from .ledger_domain import AGEING_BUCKETS
from .ordering_schemas import decimal_out


class InvoiceIn(Schema):
    invoice_date = fields.Date(load_default=None, metadata={"description": "defaults to today (UTC)"})
    due_date = fields.Date(load_default=None, metadata={"description": "defaults to 30 days after the invoice"})


class InvoiceFilter(Schema):
    customer_id = fields.UUID()
    status = fields.String(validate=validate.OneOf(INVOICE_STATUSES))


class InvoiceLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    order_line_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    quantity = decimal_out()
    unit_price = decimal_out()
    discount_pct = decimal_out()
    net_amount = decimal_out()
    tax_rate = decimal_out()
    tax_amount = decimal_out()


class InvoiceOut(Schema):
    id = fields.UUID()
    number = fields.String()
    customer_id = fields.UUID()
    customer_code = fields.String()
    customer_name = fields.String()
    sales_order_id = fields.UUID()
    order_number = fields.String()
    invoice_date = fields.Date()
    due_date = fields.Date()
    status = fields.String()
    net_total = decimal_out()
    tax_total = decimal_out()
    total_amount = decimal_out()
    amount_paid = decimal_out()
    amount_credited = decimal_out()
    open_amount = decimal_out(metadata={"description": "total less payments and credit notes"})
    issued_by = fields.String()
    created_at = fields.AwareDateTime()
    lines = fields.List(fields.Nested(InvoiceLineOut))


class AllocationIn(Schema):
    invoice_id = fields.UUID(required=True)
    amount = money(required=True, minimum=Decimal("0.01"))


class PaymentIn(Schema):
    customer_id = fields.UUID(required=True)
    received_at = fields.AwareDateTime(load_default=None, metadata={"description": "defaults to now"})
    amount = money(required=True, minimum=Decimal("0.01"))
    reference = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=100))
    allocations = fields.List(fields.Nested(AllocationIn), required=True, validate=validate.Length(min=1, max=500))


class PaymentFilter(Schema):
    customer_id = fields.UUID()


class AllocationOut(Schema):
    invoice_id = fields.UUID()
    invoice_no = fields.String()
    amount = decimal_out()


class PaymentOut(Schema):
    id = fields.UUID()
    number = fields.String()
    customer_id = fields.UUID()
    customer_code = fields.String()
    customer_name = fields.String()
    received_at = fields.AwareDateTime()
    amount = decimal_out()
    reference = fields.String(allow_none=True)
    received_by = fields.String()
    created_at = fields.AwareDateTime()
    allocations = fields.List(fields.Nested(AllocationOut))


class LedgerQuery(Schema):
    as_of = fields.Date(load_default=None, metadata={"description": "defaults to today (UTC)"})


class LedgerEntryOut(Schema):
    date = fields.Date()
    kind = fields.String()
    document_id = fields.UUID()
    number = fields.String()
    reference = fields.String(allow_none=True)
    due_date = fields.Date(allow_none=True)
    amount = decimal_out()
    balance = decimal_out()


class OpenItemOut(Schema):
    invoice_id = fields.UUID()
    number = fields.String()
    due_date = fields.Date()
    open_amount = decimal_out()
    days_overdue = fields.Integer()


class LedgerOut(Schema):
    customer_id = fields.UUID()
    customer_code = fields.String()
    customer_name = fields.String()
    credit_limit = decimal_out()
    as_of = fields.Date()
    entries = fields.List(fields.Nested(LedgerEntryOut))
    open_balance = decimal_out()
    open_items = fields.List(fields.Nested(OpenItemOut))
    ageing = fields.Dict(keys=fields.String(validate=validate.OneOf(AGEING_BUCKETS)), values=decimal_out())
