"""HTTP surface of transfers between warehouses. Each route: load the schema, call one use case, dump the
schema."""
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from . import transfer_schemas as schemas
from . import transfers
from .models import idempotency_keys
from .transfer_queries import list_transfers, read_transfer

WAREHOUSE = ("warehouse",)

blp = Blueprint("transfers", __name__, url_prefix="/transfers",
                description="Transfers between warehouses through goods in transit: draft → shipped → received; "
                            "cancelled while a draft")


@blp.route("")
class Transfers(MethodView):
    @requires_roles()
    @blp.arguments(schemas.TransferFilter, location="query")
    @blp.response(200, schemas.TransferSummaryOut(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Newest first."""
        rows, pagination_parameters.item_count = list_transfers(
            database(), filters, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*WAREHOUSE)
    @blp.arguments(schemas.TransferCreate)
    @blp.response(201, schemas.TransferOut)
    def post(self, values):
        """A draft, numbered TR-<year>-NNNNNN; nothing moves yet. Two different known warehouses, the destination
        active (422 naming the field). Send an Idempotency-Key to make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: schemas.TransferOut().dump(
            transfers.create_transfer(session, values, principal)))


@blp.route("/<uuid:transfer_id>", methods=["GET"])
@requires_roles()
@blp.response(200, schemas.TransferOut)
def transfer(transfer_id):
    return read_transfer(database(), transfer_id)


@blp.route("/<uuid:transfer_id>/ship", methods=["POST"])
@requires_roles(*WAREHOUSE)
@blp.response(200, schemas.TransferOut)
def ship(transfer_id):
    """Draft only (409 otherwise). Every line leaves the source whole, at most what is on hand there and not
    reserved for sales orders (422 naming lines[i].quantity), into goods in transit at the moving average."""
    return transfers.ship_transfer(database(), transfer_id, current_principal())


@blp.route("/<uuid:transfer_id>/receive", methods=["POST"])
@requires_roles(*WAREHOUSE)
@blp.arguments(schemas.TransferReceiveIn)
@blp.response(200, schemas.TransferOut)
def receive(values, transfer_id):
    """Shipped only (409 otherwise). Every line once, 0 up to what was shipped; what did not arrive is booked as
    a loss at its share of the shipped value. Closes the transfer."""
    return transfers.receive_transfer(database(), transfer_id, values, current_principal())


@blp.route("/<uuid:transfer_id>/cancel", methods=["POST"])
@requires_roles(*WAREHOUSE)
@blp.response(200, schemas.TransferOut)
def cancel(transfer_id):
    """Draft only (409 otherwise)."""
    return transfers.cancel_transfer(database(), transfer_id)


BLUEPRINTS = (blp,)
