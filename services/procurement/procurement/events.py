"""Business events procurement publishes besides its supplier snapshots (built in masterdata.py)."""

GOODS_RECEIVED = "procurement.goods_received.v1"
SUPPLIER_INVOICE_POSTED = "procurement.supplier_invoice_posted.v1"
SUPPLIER_PAYMENT_MADE = "procurement.supplier_payment_made.v1"

PUBLISHES = frozenset({GOODS_RECEIVED, SUPPLIER_INVOICE_POSTED, SUPPLIER_PAYMENT_MADE})
