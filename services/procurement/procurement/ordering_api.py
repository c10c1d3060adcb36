"""HTTP surface of purchasing: settings, purchase orders and their transitions and PDF; receipts and planning
come from their own modules. Each route: load the schema, call one use case, dump the schema."""
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from . import ordering_services as orders_service
from . import planning_api, receiving_api
from .models import idempotency_keys
from .ordering_queries import list_orders, read_order
from .ordering_schemas import (CancelIn, OrderCreate, OrderFilter, OrderOut, OrderSummaryOut, OrderUpdate,
                               SettingsIn, SettingsOut)
from .ordering_settings import change_settings, read_settings
from .po_pdf import purchase_order_pdf

BUYERS = ("purchasing",)

settings = Blueprint("purchasing_settings", __name__, url_prefix="/settings",
                     description="Purchasing policy: approval threshold and matching tolerances")


@settings.route("")
class Settings(MethodView):
    @requires_roles()
    @settings.response(200, SettingsOut)
    def get(self):
        return read_settings(database())

    @requires_roles("admin")
    @settings.arguments(SettingsIn)
    @settings.response(200, SettingsOut)
    def put(self, values):
        return change_settings(database(), values)


orders = Blueprint("purchase_orders", __name__, url_prefix="/purchase-orders",
                   description="Purchase orders: draft → submitted → approved → sent → received → closed")


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

    @requires_roles(*BUYERS)
    @orders.arguments(OrderCreate)
    @orders.response(201, OrderOut)
    def post(self, values):
        """A draft order, numbered PO-<year>-NNNNNN. Send an Idempotency-Key to make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: OrderOut().dump(
            orders_service.create_purchase_order(session, values, principal)))


@orders.route("/<uuid:order_id>")
class Order(MethodView):
    @requires_roles()
    @orders.response(200, OrderOut)
    def get(self, order_id):
        return read_order(database(), order_id)

    @requires_roles(*BUYERS)
    @orders.arguments(OrderUpdate)
    @orders.response(200, OrderOut)
    def patch(self, values, order_id):
        """Only a draft can change (409 otherwise); lines given replace all the old ones."""
        return orders_service.change_purchase_order(database(), order_id, values)


@orders.route("/<uuid:order_id>/submit", methods=["POST"])
@requires_roles(*BUYERS)
@orders.response(200, OrderOut)
def submit(order_id):
    """Draft only. Up to the approval threshold the order is approved at once (approved_by "auto")."""
    return orders_service.submit_purchase_order(database(), order_id)


@orders.route("/<uuid:order_id>/approve", methods=["POST"])
@requires_roles(*BUYERS)
@orders.response(200, OrderOut)
def approve(order_id):
    """Submitted only; the approver must not be the creator (segregation of duties, 422)."""
    return orders_service.approve_purchase_order(database(), order_id, current_principal())


@orders.route("/<uuid:order_id>/send", methods=["POST"])
@requires_roles(*BUYERS)
@orders.response(200, OrderOut)
def send(order_id):
    return orders_service.send_purchase_order(database(), order_id)


@orders.route("/<uuid:order_id>/cancel", methods=["POST"])
@requires_roles(*BUYERS)
@orders.arguments(CancelIn)
@orders.response(200, OrderOut)
def cancel(values, order_id):
    """Before anything was received (draft, submitted, approved or sent); afterwards close it instead."""
    return orders_service.cancel_purchase_order(database(), order_id, values["reason"])


@orders.route("/<uuid:order_id>/close", methods=["POST"])
@requires_roles(*BUYERS)
@orders.response(200, OrderOut)
def close(order_id):
    """Partially received or received: what is still open will no longer be received."""
    return orders_service.close_purchase_order(database(), order_id)


@orders.route("/<uuid:order_id>/pdf", methods=["GET"])
@requires_roles()
@orders.doc(responses={"200": {"description": "The printable purchase order",
                               "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}})
def pdf(order_id):
    document, filename = purchase_order_pdf(database(), order_id)
    return Response(document, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


BLUEPRINTS = (settings, orders, *receiving_api.BLUEPRINTS, *planning_api.BLUEPRINTS)
