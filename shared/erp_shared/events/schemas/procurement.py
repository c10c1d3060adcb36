from marshmallow import Schema, fields

from ..catalog import catalog, register_master_data


class SupplierV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    payment_terms_days = fields.Integer(required=True)
    contact_name = fields.String(allow_none=True, load_default=None)
    email = fields.String(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None)
    # Finance pays suppliers, so the bank details travel to it; other consumers must not store them.
    bank_account_name = fields.String(allow_none=True, load_default=None)
    bank_iban = fields.String(allow_none=True, load_default=None)
    bank_bic = fields.String(allow_none=True, load_default=None)
    active = fields.Boolean(required=True)


register_master_data("procurement", "supplier", SupplierV1)


class GoodsReceivedLineV1(Schema):
    receipt_line_id = fields.UUID(required=True)
    po_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    batch_no = fields.String(allow_none=True, load_default=None)
    quantity_received = fields.Decimal(required=True, as_string=True)
    quantity_accepted = fields.Decimal(required=True, as_string=True)
    quantity_rejected = fields.Decimal(required=True, as_string=True)
    unit_price = fields.Decimal(required=True, as_string=True)
    accepted_amount = fields.Decimal(required=True, as_string=True)  # quantity_accepted × PO unit price, 2 dp


@catalog.register("procurement.goods_received.v1")
class GoodsReceivedV1(Schema):
    """Accepted quantity enters stock at the PO price and is owed to the supplier as GRNI; rejected does neither."""
    receipt_id = fields.UUID(required=True)
    receipt_no = fields.String(required=True)
    purchase_order_id = fields.UUID(required=True)
    po_number = fields.String(required=True)
    supplier_id = fields.UUID(required=True)
    received_at = fields.AwareDateTime(required=True)
    lines = fields.List(fields.Nested(GoodsReceivedLineV1), required=True)
    total_accepted_amount = fields.Decimal(required=True, as_string=True)


class SupplierInvoiceLineV1(Schema):
    invoice_line_id = fields.UUID(required=True)
    po_line_id = fields.UUID(required=True)
    item_id = fields.UUID(required=True)
    quantity = fields.Decimal(required=True, as_string=True)
    unit_price = fields.Decimal(required=True, as_string=True)      # the supplier's price
    po_unit_price = fields.Decimal(required=True, as_string=True)
    amount = fields.Decimal(required=True, as_string=True)          # quantity × unit_price, 2 dp
    grni_amount = fields.Decimal(required=True, as_string=True)     # quantity × po_unit_price, 2 dp
    price_variance = fields.Decimal(required=True, as_string=True)  # amount − grni_amount


@catalog.register("procurement.supplier_invoice_posted.v1")
class SupplierInvoicePostedV1(Schema):
    """Published when an invoice is matched within tolerance, or its exception is approved: it now owes money."""
    invoice_id = fields.UUID(required=True)
    invoice_no = fields.String(required=True)
    supplier_invoice_ref = fields.String(required=True)
    supplier_id = fields.UUID(required=True)
    purchase_order_id = fields.UUID(required=True)
    po_number = fields.String(required=True)
    invoice_date = fields.Date(required=True)
    due_date = fields.Date(required=True)
    lines = fields.List(fields.Nested(SupplierInvoiceLineV1), required=True)
    grni_amount = fields.Decimal(required=True, as_string=True)
    price_variance = fields.Decimal(required=True, as_string=True)
    total_amount = fields.Decimal(required=True, as_string=True)    # grni_amount + price_variance


class PaymentAllocationV1(Schema):
    invoice_id = fields.UUID(required=True)
    invoice_no = fields.String(required=True)
    amount = fields.Decimal(required=True, as_string=True)


@catalog.register("procurement.supplier_payment_made.v1")
class SupplierPaymentMadeV1(Schema):
    payment_id = fields.UUID(required=True)
    payment_no = fields.String(required=True)
    supplier_id = fields.UUID(required=True)
    paid_at = fields.AwareDateTime(required=True)
    amount = fields.Decimal(required=True, as_string=True)
    reference = fields.String(allow_none=True, load_default=None)
    allocations = fields.List(fields.Nested(PaymentAllocationV1), required=True)
