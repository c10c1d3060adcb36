"""HTTP surface of deliveries: delivery notes against sales orders, and their PDF."""
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from .deliveries import deliver_goods
from .delivery_pdf import delivery_note_pdf
from .delivery_queries import deliveries_of_order, list_deliveries, read_delivery
from .delivery_schemas import DeliveryFilter, DeliveryIn, DeliveryOut
from .models import idempotency_keys

DELIVERERS = ("warehouse", "sales")

deliveries = Blueprint("deliveries", __name__, description="Delivery notes against sales orders")


@deliveries.route("/sales-orders/<uuid:order_id>/deliveries")
class OrderDeliveries(MethodView):
    @requires_roles()
    @deliveries.response(200, DeliveryOut(many=True))
    @deliveries.paginate()
    def get(self, order_id, pagination_parameters):
        rows, pagination_parameters.item_count = deliveries_of_order(
            database(), order_id, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*DELIVERERS)
    @deliveries.arguments(DeliveryIn)
    @deliveries.response(201, DeliveryOut)
    def post(self, values, order_id):
        """Reserved, partially reserved or partially delivered orders only (409). Each line at most what is
        reserved and not yet delivered (422 naming lines[i].quantity). Numbered DN-<year>-NNNNNN; inventory
        issues the stock. Send an Idempotency-Key to make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: DeliveryOut().dump(
            deliver_goods(session, order_id, values, principal)))


@deliveries.route("/deliveries", methods=["GET"])
@requires_roles()
@deliveries.arguments(DeliveryFilter, location="query")
@deliveries.response(200, DeliveryOut(many=True))
@deliveries.paginate()
def all_deliveries(filters, pagination_parameters):
    """Every delivery note, newest first: the warehouse's dispatch log."""
    rows, pagination_parameters.item_count = list_deliveries(
        database(), filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


@deliveries.route("/deliveries/<uuid:delivery_id>", methods=["GET"])
@requires_roles()
@deliveries.response(200, DeliveryOut)
def delivery(delivery_id):
    return read_delivery(database(), delivery_id)


@deliveries.route("/deliveries/<uuid:delivery_id>/pdf", methods=["GET"])
@requires_roles()
@deliveries.doc(responses={"200": {"description": "The printable delivery note",
                                   "content": {"application/pdf": {"schema": {"type": "string",
                                                                              "format": "binary"}}}}})
def delivery_pdf(delivery_id):
    document, filename = delivery_note_pdf(database(), delivery_id)
    return Response(document, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


BLUEPRINTS = (deliveries,)
