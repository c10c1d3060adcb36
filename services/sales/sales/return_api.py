"""HTTP surface of returns: delivered goods taken back against a delivery note, read one by one or per note."""
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from .delivery_api import DELIVERERS
from .models import idempotency_keys
from .return_queries import read_return, returns_of_delivery
from .return_schemas import ReturnIn, ReturnOut
from .returns import return_goods

returns = Blueprint("returns", __name__, description="Returns of delivered goods")


@returns.route("/deliveries/<uuid:delivery_id>/returns")
class DeliveryReturns(MethodView):
    @requires_roles()
    @returns.response(200, ReturnOut(many=True))
    @returns.paginate()
    def get(self, delivery_id, pagination_parameters):
        rows, pagination_parameters.item_count = returns_of_delivery(
            database(), delivery_id, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*DELIVERERS)
    @returns.arguments(ReturnIn)
    @returns.response(201, ReturnOut)
    def post(self, values, delivery_id):
        """Each line at most what was delivered on it and not yet returned (422 naming lines[i].quantity);
        numbered RET-<year>-NNNNNN; inventory takes the goods back into stock. Invoicing and the order's
        delivery status stay as they are: issue a credit note to give money back. Send an Idempotency-Key to
        make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: ReturnOut().dump(
            return_goods(session, delivery_id, values, principal)))


@returns.route("/returns/<uuid:return_id>", methods=["GET"])
@requires_roles()
@returns.response(200, ReturnOut)
def goods_return(return_id):
    return read_return(database(), return_id)


BLUEPRINTS = (returns,)
