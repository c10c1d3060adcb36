"""HTTP surface of sales orders and their transitions. Each route: load the schema, call one use case, dump
the schema."""
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from . import ordering_services as orders_service
from .models import idempotency_keys
from .ordering_queries import list_orders, read_order
from .ordering_schemas import CancelIn, OrderCreate, OrderFilter, OrderOut, OrderSummaryOut, OrderUpdate

SELLERS = ("sales",)
# Who may try to lift a credit hold; the rule itself (accounting or admin, not the confirmer) answers 422.
CREDIT_RELEASERS = ("sales", "accounting")

orders = Blueprint("sales_orders", __name__, url_prefix="/sales-orders",
                   description="Sales orders: draft → confirmed (or credit_hold) → reserved | partially_reserved | "
                               "backordered → partially_delivered → delivered, and cancelled")


@orders.route("")
class Orders(MethodView):
    @requires_roles()
    @orders.arguments(OrderFilter, location="query")
    @orders.response(200, OrderSummaryOut(many=True))
    @orders.paginate()
    def get(self, filters, pagination_parameters):
        rows, pagination_parameters.item_count = list_orders(
            database(), filters, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*SELLERS)
    @orders.arguments(OrderCreate)
    @orders.response(201, OrderOut)
    def post(self, values):
        """A draft order, numbered SO-<year>-NNNNNN. Send an Idempotency-Key to make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: OrderOut().dump(
            orders_service.create_sales_order(session, values, principal)))


@orders.route("/<uuid:order_id>")
class Order(MethodView):
    @requires_roles()
    @orders.response(200, OrderOut)
    def get(self, order_id):
        return read_order(database(), order_id)

    @requires_roles(*SELLERS)
    @orders.arguments(OrderUpdate)
    @orders.response(200, OrderOut)
    def patch(self, values, order_id):
        """Only a draft can change (409 otherwise); lines given replace all the old ones."""
        return orders_service.change_sales_order(database(), order_id, values)


@orders.route("/<uuid:order_id>/confirm", methods=["POST"])
@requires_roles(*SELLERS)
@orders.response(200, OrderOut)
def confirm(order_id):
    """Draft only. Credit check: open receivables + the customer's confirmed, uninvoiced orders + this order
    over the credit limit → credit_hold (no reservation); otherwise confirmed, and inventory is asked to
    reserve."""
    return orders_service.confirm_sales_order(database(), order_id, current_principal())


@orders.route("/<uuid:order_id>/release-credit", methods=["POST"])
@requires_roles(*CREDIT_RELEASERS)
@orders.response(200, OrderOut)
def release_credit(order_id):
    """credit_hold only (409). Accounting (or an admin) who did not confirm the order (422 otherwise); the
    order becomes confirmed and inventory is asked to reserve."""
    return orders_service.release_credit_hold(database(), order_id, current_principal())


@orders.route("/<uuid:order_id>/cancel", methods=["POST"])
@requires_roles(*SELLERS)
@orders.arguments(CancelIn)
@orders.response(200, OrderOut)
def cancel(values, order_id):
    """Before any goods left (409 once partially delivered); inventory releases what it reserved."""
    return orders_service.cancel_sales_order(database(), order_id, values["reason"])


BLUEPRINTS = (orders,)
