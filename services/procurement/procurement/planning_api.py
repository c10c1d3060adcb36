"""HTTP surface of purchase planning: reorder suggestions, requisitions, and orders made from them."""
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from . import requisitions
from .models import idempotency_keys
from .ordering_schemas import OrderOut
from .planning import reorder_suggestions, requisition_suggestions
from .planning_schemas import FromRequisitionsIn, RequisitionFilter, RequisitionIn, RequisitionOut, SuggestionOut

BUYERS = ("purchasing",)

planning = Blueprint("purchase_planning", __name__,
                     description="Reorder suggestions and purchase requisitions, converted into orders")


@planning.route("/purchase-planning/suggestions", methods=["GET"])
@requires_roles()
@planning.response(200, SuggestionOut(many=True))
def suggestions():
    """Active stocked items whose on hand + on order + requisitioned is at or below their reorder level."""
    return reorder_suggestions(database())


@planning.route("/purchase-planning/requisitions", methods=["POST"])
@requires_roles(*BUYERS)
@planning.response(201, RequisitionOut(many=True))
def requisition_shortages():
    """One `reorder` requisition per current suggestion (none when nothing is short)."""
    principal = current_principal()
    return idempotent_create(database(), idempotency_keys, lambda session: RequisitionOut(many=True).dump(
        requisition_suggestions(session, principal)))


@planning.route("/purchase-requisitions")
class Requisitions(MethodView):
    @requires_roles()
    @planning.arguments(RequisitionFilter, location="query")
    @planning.response(200, RequisitionOut(many=True))
    @planning.paginate()
    def get(self, filters, pagination_parameters):
        rows, pagination_parameters.item_count = requisitions.list_requisitions(
            database(), filters, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*BUYERS)
    @planning.arguments(RequisitionIn)
    @planning.response(201, RequisitionOut)
    def post(self, values):
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: RequisitionOut().dump(
            requisitions.create_requisition(session, values, principal)))


@planning.route("/purchase-requisitions/<uuid:requisition_id>", methods=["GET"])
@requires_roles()
@planning.response(200, RequisitionOut)
def requisition(requisition_id):
    return requisitions.read_requisition(database(), requisition_id)


@planning.route("/purchase-requisitions/<uuid:requisition_id>/cancel", methods=["POST"])
@requires_roles(*BUYERS)
@planning.response(200, RequisitionOut)
def cancel_requisition(requisition_id):
    return requisitions.cancel_requisition(database(), requisition_id)


@planning.route("/purchase-orders/from-requisitions", methods=["POST"])
@requires_roles(*BUYERS)
@planning.arguments(FromRequisitionsIn)
@planning.response(201, OrderOut)
def order_requisitions(values):
    """A draft order with one line per open requisition (409 if one is not open); a price per item is required."""
    principal = current_principal()
    return idempotent_create(database(), idempotency_keys, lambda session: OrderOut().dump(
        requisitions.order_requisitions(session, values, principal)))


BLUEPRINTS = (planning,)
