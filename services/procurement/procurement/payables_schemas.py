"""Request and response schemas of payables: supplier invoices, payments, the supplier ledger and reports.

Amounts and quantities are decimal strings both ways; a value with more places than its column keeps is
refused (the shared exact-decimal field), never rounded quietly.
"""
from __future__ import annotations

from datetime import timezone

from marshmallow import Schema, fields, validate

from erp_shared.web.fields import LIMIT, MONEY_PLACES, QUANTITY_PLACES, ExactDecimal

from .payables_domain import AGEING_BUCKETS, INVOICE_STATUSES
from .payables_queries import INVOICE_SORTING

NOT_BLANK = validate.Regexp(r"^\S(.*\S)?\Z", error="must not be blank or padded")


def positive(places: int, **kwargs) -> ExactDecimal:
    """Written back at the column's scale ("3.0000", "10.00"), so the answer, a later read and the event agree."""
    return ExactDecimal(max_places=places, fixed=True,
                        validate=validate.Range(min=0, min_inclusive=False, max=LIMIT), **kwargs)


def decimal_out(**kwargs) -> fields.Decimal:
    return fields.Decimal(as_string=True, **kwargs)


# --- requests -------------------------------------------------------------------------------------------

class InvoiceLineIn(Schema):
    po_line_id = fields.UUID(required=True)
    quantity = positive(QUANTITY_PLACES, required=True)
    unit_price = ExactDecimal(max_places=QUANTITY_PLACES, fixed=True, required=True,
                              validate=validate.Range(min=0, max=LIMIT))


class SupplierInvoiceCreate(Schema):
    supplier_id = fields.UUID(required=True)
    purchase_order_id = fields.UUID(required=True)
    supplier_invoice_ref = fields.String(required=True, validate=[validate.Length(min=1, max=60), NOT_BLANK],
                                         metadata={"description": "the supplier's own invoice number"})
    invoice_date = fields.Date(required=True)
    due_date = fields.Date(load_default=None, allow_none=True,
                           metadata={"description": "defaults to invoice_date + the supplier's payment terms"})
    lines = fields.List(fields.Nested(InvoiceLineIn), required=True, validate=validate.Length(min=1, max=500))


class RejectionIn(Schema):
    reason = fields.String(required=True, validate=[validate.Length(min=1, max=1000), NOT_BLANK])


class InvoiceFilter(Schema):
    status = fields.String(validate=validate.OneOf(INVOICE_STATUSES))
    supplier_id = fields.UUID()
    purchase_order_id = fields.UUID()
    sort = INVOICE_SORTING.field()


class AllocationIn(Schema):
    invoice_id = fields.UUID(required=True)
    amount = positive(MONEY_PLACES, required=True)


class SupplierPaymentCreate(Schema):
    supplier_id = fields.UUID(required=True)
    paid_at = fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=timezone.utc,
                                   metadata={"description": "when the money left; now if absent, never future"})
    amount = positive(MONEY_PLACES, required=True)
    reference = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))
    allocations = fields.List(fields.Nested(AllocationIn), required=True, validate=validate.Length(min=1, max=500))


class PaymentFilter(Schema):
    supplier_id = fields.UUID()


class PayablesAsOf(Schema):
    as_of = fields.Date(metadata={"description": "business date to report up to, inclusive; today if absent"})


class GrniFilter(Schema):
    supplier_id = fields.UUID()
    purchase_order_id = fields.UUID()


# --- responses ------------------------------------------------------------------------------------------

class MatchExceptionOut(Schema):
    line = fields.Integer(allow_none=True, metadata={"description": "index of the invoice line"})
    po_line_id = fields.UUID(allow_none=True)
    kind = fields.String(metadata={"description": "quantity | price, or rejected for the decision"})
    detail = fields.String()
    by = fields.String(metadata={"description": "for a rejection: who decided"})
    at = fields.String(metadata={"description": "for a rejection: when"})


class SupplierInvoiceLineOut(Schema):
    id = fields.UUID()
    po_line_id = fields.UUID()
    item_id = fields.UUID()
    quantity = decimal_out()
    unit_price = decimal_out()
    po_unit_price = decimal_out()
    amount = decimal_out()
    grni_amount = decimal_out()
    price_variance = decimal_out()


class SupplierInvoiceOut(Schema):
    id = fields.UUID()
    number = fields.String()
    supplier_invoice_ref = fields.String()
    supplier_id = fields.UUID()
    purchase_order_id = fields.UUID()
    po_number = fields.String()
    invoice_date = fields.Date()
    due_date = fields.Date()
    status = fields.String()
    exceptions = fields.List(fields.Nested(MatchExceptionOut), allow_none=True)
    lines = fields.List(fields.Nested(SupplierInvoiceLineOut))
    grni_amount = decimal_out()
    price_variance = decimal_out()
    total_amount = decimal_out()
    amount_paid = decimal_out()
    open_amount = decimal_out(metadata={"description": "still owed; 0 until the invoice is posted"})
    entered_by = fields.String()
    approved_by = fields.String(allow_none=True)
    approved_at = fields.AwareDateTime(allow_none=True)
    posted_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()


class AllocationOut(Schema):
    invoice_id = fields.UUID()
    invoice_no = fields.String()
    amount = decimal_out()


class SupplierPaymentOut(Schema):
    id = fields.UUID()
    number = fields.String()
    supplier_id = fields.UUID()
    paid_at = fields.AwareDateTime()
    amount = decimal_out()
    reference = fields.String(allow_none=True)
    paid_by = fields.String()
    allocations = fields.List(fields.Nested(AllocationOut))
    created_at = fields.AwareDateTime()


class SupplierRef(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    payment_terms_days = fields.Integer()


class LedgerEntryOut(Schema):
    date = fields.Date()
    kind = fields.String(metadata={"description": "invoice (+) | payment (−)"})
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
    days_overdue = fields.Integer()
    bucket = fields.String()
    open_amount = decimal_out()


AgeingOut = Schema.from_dict({bucket: decimal_out() for bucket in AGEING_BUCKETS}, name="AgeingOut")


class SupplierLedgerOut(Schema):
    supplier = fields.Nested(SupplierRef)
    as_of = fields.Date()
    entries = fields.List(fields.Nested(LedgerEntryOut))
    open_balance = decimal_out()
    open_items = fields.List(fields.Nested(OpenItemOut))
    ageing = fields.Nested(AgeingOut)


class SupplierBalanceOut(Schema):
    supplier_id = fields.UUID()
    supplier_code = fields.String()
    supplier_name = fields.String()
    open_balance = decimal_out()


class SupplierBalancesOut(Schema):
    as_of = fields.Date(allow_none=True)
    suppliers = fields.List(fields.Nested(SupplierBalanceOut))
    total = decimal_out(metadata={"description": "equals finance's AP subledger total and account 2000"})


class GrniLineOut(Schema):
    po_line_id = fields.UUID()
    purchase_order_id = fields.UUID()
    po_number = fields.String()
    line_no = fields.Integer()
    supplier_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    quantity_accepted = decimal_out()
    quantity_invoiced = decimal_out()
    received_value = decimal_out()
    invoiced_value = decimal_out()
    value = decimal_out(metadata={"description": "received_value − invoiced_value: received, not yet invoiced"})


class GrniReportOut(Schema):
    lines = fields.List(fields.Nested(GrniLineOut))
    total = decimal_out(metadata={"description": "equals finance's account 2100"})
