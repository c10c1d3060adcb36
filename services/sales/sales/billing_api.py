"""HTTP surface of billing: invoices from delivered quantities, customer payments, and the customer ledger."""
from datetime import datetime, timezone

from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from .billing_queries import invoices_of_order, list_invoices, list_payments, read_invoice, read_payment
from .billing_schemas import (InvoiceFilter, InvoiceIn, InvoiceOut, LedgerOut, LedgerQuery, PaymentFilter,
                              PaymentIn, PaymentOut)
from .invoicing import invoice_sales_order
from .ledger import read_customer_ledger
from .models import idempotency_keys
from .payments import receive_customer_payment

BILLERS = ("sales", "accounting")
CASHIERS = ("accounting",)  # cash received is recorded by accounts receivable, not by who sold

billing = Blueprint("billing", __name__, description="Invoices, customer payments and the customer ledger")


@billing.route("/sales-orders/<uuid:order_id>/invoices")
class OrderInvoices(MethodView):
    @requires_roles()
    @billing.response(200, InvoiceOut(many=True))
    @billing.paginate()
    def get(self, order_id, pagination_parameters):
        rows, pagination_parameters.item_count = invoices_of_order(
            database(), order_id, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*BILLERS)
    @billing.arguments(InvoiceIn)
    @billing.response(201, InvoiceOut)
    def post(self, values, order_id):
        """Bills everything delivered and not yet invoiced (409 when nothing is, or the order has no deliveries),
        tax per line; numbered INV-<year>-NNNNNN. A fully delivered order whose deliveries are all invoiced
        becomes invoiced. Send an Idempotency-Key to make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: InvoiceOut().dump(
            invoice_sales_order(session, order_id, values, principal)))


@billing.route("/invoices", methods=["GET"])
@requires_roles()
@billing.arguments(InvoiceFilter, location="query")
@billing.response(200, InvoiceOut(many=True))
@billing.paginate()
def invoices(filters, pagination_parameters):
    rows, pagination_parameters.item_count = list_invoices(
        database(), filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


@billing.route("/invoices/<uuid:invoice_id>", methods=["GET"])
@requires_roles()
@billing.response(200, InvoiceOut)
def invoice(invoice_id):
    return read_invoice(database(), invoice_id)


@billing.route("/customer-payments")
class Payments(MethodView):
    @requires_roles()
    @billing.arguments(PaymentFilter, location="query")
    @billing.response(200, PaymentOut(many=True))
    @billing.paginate()
    def get(self, filters, pagination_parameters):
        rows, pagination_parameters.item_count = list_payments(
            database(), filters, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*CASHIERS)
    @billing.arguments(PaymentIn)
    @billing.response(201, PaymentOut)
    def post(self, values):
        """Allocated to the customer's open invoices, adding up to the amount (422 by field otherwise); paid
        invoices, and orders whose invoices are all paid, become paid. Send an Idempotency-Key."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: PaymentOut().dump(
            receive_customer_payment(session, values, principal)))


@billing.route("/customer-payments/<uuid:payment_id>", methods=["GET"])
@requires_roles()
@billing.response(200, PaymentOut)
def payment(payment_id):
    return read_payment(database(), payment_id)


@billing.route("/customers/<uuid:customer_id>/ledger", methods=["GET"])
@requires_roles()
@billing.arguments(LedgerQuery, location="query")
@billing.response(200, LedgerOut)
def customer_ledger(query, customer_id):
    """Invoices, credit notes (their reference: the invoice credited) and payments with the running balance,
    the open balance, open invoices and their ageing (current, 1–30, 31–60, 61–90, over 90 days past due) as
    of a date."""
    return read_customer_ledger(database(), customer_id, query["as_of"] or datetime.now(timezone.utc).date())


BLUEPRINTS = (billing,)
