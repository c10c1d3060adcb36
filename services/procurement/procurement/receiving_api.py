"""HTTP surface of receiving: goods receipts against purchase orders and the late-deliveries report."""
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from .models import idempotency_keys
from .receiving import receive_goods
from .receiving_queries import late_deliveries, list_receipts, read_receipt, receipts_of_order
from .receiving_schemas import LateDeliveriesOut, LateDeliveriesQuery, ReceiptFilter, ReceiptIn, ReceiptOut

RECEIVERS = ("warehouse", "purchasing")

receipts = Blueprint("goods_receipts", __name__, description="Goods receipts against purchase orders")


@receipts.route("/purchase-orders/<uuid:order_id>/receipts")
class OrderReceipts(MethodView):
    @requires_roles()
    @receipts.response(200, ReceiptOut(many=True))
    @receipts.paginate()
    def get(self, order_id, pagination_parameters):
        rows, pagination_parameters.item_count = receipts_of_order(
            database(), order_id, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*RECEIVERS)
    @receipts.arguments(ReceiptIn)
    @receipts.response(201, ReceiptOut)
    def post(self, values, order_id):
        """Approved, sent or partially received orders only (409). Accepted goods enter stock at the PO price;
        over-receipt beyond the tolerance is refused (422). Send an Idempotency-Key to make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: ReceiptOut().dump(
            receive_goods(session, order_id, values, principal)))


@receipts.route("/goods-receipts", methods=["GET"])
@requires_roles()
@receipts.arguments(ReceiptFilter, location="query")
@receipts.response(200, ReceiptOut(many=True))
@receipts.paginate()
def goods_receipts(filters, pagination_parameters):
    rows, pagination_parameters.item_count = list_receipts(
        database(), filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


@receipts.route("/goods-receipts/<uuid:receipt_id>", methods=["GET"])
@requires_roles()
@receipts.response(200, ReceiptOut)
def goods_receipt(receipt_id):
    return read_receipt(database(), receipt_id)


@receipts.route("/reports/late-deliveries", methods=["GET"])
@requires_roles()
@receipts.arguments(LateDeliveriesQuery, location="query")
@receipts.response(200, LateDeliveriesOut)
def late_deliveries_report(query):
    """Open order lines past their expected date, and receipt lines that arrived after it."""
    return late_deliveries(database(), query.get("supplier_id"), query.get("received_since"))


BLUEPRINTS = (receipts,)
