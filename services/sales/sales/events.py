"""Business events this service publishes besides its customer snapshots (built in masterdata.py)."""

ORDER_CONFIRMED = "sales.order_confirmed.v1"
ORDER_CANCELLED = "sales.order_cancelled.v1"
GOODS_DELIVERED = "sales.goods_delivered.v1"
GOODS_RETURNED = "sales.goods_returned.v1"
INVOICE_ISSUED = "sales.invoice_issued.v1"
CREDIT_NOTE_ISSUED = "sales.credit_note_issued.v1"
CUSTOMER_PAYMENT_RECEIVED = "sales.customer_payment_received.v1"

PUBLISHES: frozenset[str] = frozenset({ORDER_CONFIRMED, ORDER_CANCELLED, GOODS_DELIVERED, GOODS_RETURNED,
                                       INVOICE_ISSUED, CREDIT_NOTE_ISSUED, CUSTOMER_PAYMENT_RECEIVED})
