"""HTTP surface of payables: supplier invoices and their matching, payments, supplier ledger, GRNI.

Each route loads its schema, calls one use case or query in one unit of work, and dumps the result; the
rules live in `payables_domain` / `payables_matching` and the use cases in `payables_invoices` /
`payables_payments`.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from . import payables_queries as queries
from . import payables_reports as reports
from . import payables_schemas as schemas
from .models import PurchaseOrder, idempotency_keys
from .payables_invoices import approve_supplier_invoice, enter_supplier_invoice, reject_supplier_invoice
from .payables_payments import pay_supplier

ENTERERS = ("accounting", "purchasing")
PAYABLES = ("accounting",)
INVOICE_OUT = schemas.SupplierInvoiceOut()
PAYMENT_OUT = schemas.SupplierPaymentOut()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def present(session, invoice) -> dict:
    return queries.invoice_view(invoice, session.get(PurchaseOrder, invoice.purchase_order_id).number)


invoices = Blueprint("supplier_invoices", __name__, url_prefix="/supplier-invoices",
                     description="Supplier invoices, three-way matched against the PO and its receipts; "
                                 "?status=exception is the exceptions list")


@invoices.route("")
class SupplierInvoices(MethodView):
    @requires_roles()
    @invoices.arguments(schemas.InvoiceFilter, location="query")
    @invoices.response(200, schemas.SupplierInvoiceOut(many=True))
    @invoices.paginate()
    def get(self, filters, pagination_parameters):
        with database().unit_of_work() as session:
            rows, pagination_parameters.item_count = queries.find_invoices(
                session, filters, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*ENTERERS)
    @invoices.arguments(schemas.SupplierInvoiceCreate)
    @invoices.response(201, schemas.SupplierInvoiceOut)
    def post(self, values):
        """Posted when every line matches within tolerance; otherwise it waits as an exception."""
        principal = current_principal()

        def create(session):
            invoice = enter_supplier_invoice(session, values, principal, utc_now())
            return INVOICE_OUT.dump(present(session, invoice))
        return idempotent_create(database(), idempotency_keys, create)


@invoices.route("/<uuid:invoice_id>", methods=["GET"])
@requires_roles()
@invoices.response(200, schemas.SupplierInvoiceOut)
def get_supplier_invoice(invoice_id):
    with database().unit_of_work() as session:
        return queries.get_invoice(session, invoice_id)


@invoices.route("/<uuid:invoice_id>/approve", methods=["POST"])
@requires_roles(*PAYABLES)
@invoices.response(200, schemas.SupplierInvoiceOut)
def approve_supplier_invoice_exception(invoice_id):
    """Accepts the price deviations; the quantity must be received and not invoiced yet."""
    with database().unit_of_work() as session:
        return present(session, approve_supplier_invoice(session, invoice_id, current_principal(), utc_now()))


@invoices.route("/<uuid:invoice_id>/reject", methods=["POST"])
@requires_roles(*PAYABLES)
@invoices.arguments(schemas.RejectionIn)
@invoices.response(200, schemas.SupplierInvoiceOut)
def reject_supplier_invoice_exception(values, invoice_id):
    with database().unit_of_work() as session:
        invoice = reject_supplier_invoice(session, invoice_id, values["reason"], current_principal(), utc_now())
        return present(session, invoice)


payments = Blueprint("supplier_payments", __name__, url_prefix="/supplier-payments",
                     description="Payments to suppliers, allocated to their posted invoices")


@payments.route("")
class SupplierPayments(MethodView):
    @requires_roles()
    @payments.arguments(schemas.PaymentFilter, location="query")
    @payments.response(200, schemas.SupplierPaymentOut(many=True))
    @payments.paginate()
    def get(self, filters, pagination_parameters):
        with database().unit_of_work() as session:
            rows, pagination_parameters.item_count = queries.find_payments(
                session, filters, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*PAYABLES)
    @payments.arguments(schemas.SupplierPaymentCreate)
    @payments.response(201, schemas.SupplierPaymentOut)
    def post(self, values):
        principal = current_principal()

        def create(session):
            payment = pay_supplier(session, values, principal, utc_now())
            return PAYMENT_OUT.dump(queries.payment_views(session, [payment])[0])
        return idempotent_create(database(), idempotency_keys, create)


@payments.route("/<uuid:payment_id>", methods=["GET"])
@requires_roles()
@payments.response(200, schemas.SupplierPaymentOut)
def get_supplier_payment(payment_id):
    with database().unit_of_work() as session:
        return queries.get_payment(session, payment_id)


ledger = Blueprint("supplier_ledger", __name__, url_prefix="/suppliers",
                   description="What each supplier is owed: invoices, payments, open items and ageing")


@ledger.route("/<uuid:supplier_id>/ledger", methods=["GET"])
@requires_roles()
@ledger.arguments(schemas.PayablesAsOf, location="query")
@ledger.response(200, schemas.SupplierLedgerOut)
def supplier_ledger(args, supplier_id):
    with database().unit_of_work() as session:
        return reports.supplier_ledger(session, supplier_id, args.get("as_of") or utc_now().date())


payables_reports = Blueprint("payables_reports", __name__, url_prefix="/reports",
                             description="Payables reports that finance's ledgers must agree with")


@payables_reports.route("/supplier-balances", methods=["GET"])
@requires_roles()
@payables_reports.arguments(schemas.PayablesAsOf, location="query")
@payables_reports.response(200, schemas.SupplierBalancesOut)
def supplier_balances(args):
    """Open balance per supplier and their total (finance's AP subledger and account 2000)."""
    with database().unit_of_work() as session:
        return reports.supplier_balances(session, args.get("as_of"))


@payables_reports.route("/grni", methods=["GET"])
@requires_roles()
@payables_reports.arguments(schemas.GrniFilter, location="query")
@payables_reports.response(200, schemas.GrniReportOut)
def goods_received_not_invoiced(filters):
    """Received and not yet invoiced, per PO line, from the stored amounts (finance's account 2100)."""
    with database().unit_of_work() as session:
        return reports.goods_received_not_invoiced(session, filters)


BLUEPRINTS = (invoices, payments, ledger, payables_reports)
