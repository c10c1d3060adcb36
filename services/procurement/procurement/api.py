from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import requires_roles
from erp_shared.web.crud import master_data_blueprint

from . import queries, schemas
from .domain import redact_bank_details
from .masterdata import SUPPLIERS
from .models import idempotency_keys

WRITERS = ("purchasing",)

suppliers = master_data_blueprint(
    SUPPLIERS, name="suppliers", url="/suppliers", idempotency_keys=idempotency_keys,
    create_schema=schemas.SupplierCreate, update_schema=schemas.SupplierUpdate, out_schema=schemas.SupplierOut,
    filter_schema=schemas.SupplierFilter, write_roles=WRITERS, redact=redact_bank_details)

read_models = Blueprint("read-models", "read-models", url_prefix="/read-models",
                        description="Inventory's items and warehouses as replicated here from its events")


@read_models.route("/items")
@requires_roles()
@read_models.arguments(schemas.ReplicaFilter, location="query")
@read_models.response(200, schemas.ItemReplicaOut(many=True))
@read_models.paginate()
def replicated_items(filters, pagination_parameters):
    with database().unit_of_work() as session:
        rows, total = queries.replicated_items(session, filters, page=pagination_parameters.page,
                                               page_size=pagination_parameters.page_size)
    pagination_parameters.item_count = total
    return rows


@read_models.route("/warehouses")
@requires_roles()
@read_models.arguments(schemas.ReplicaFilter, location="query")
@read_models.response(200, schemas.WarehouseReplicaOut(many=True))
@read_models.paginate()
def replicated_warehouses(filters, pagination_parameters):
    with database().unit_of_work() as session:
        rows, total = queries.replicated_warehouses(session, filters, page=pagination_parameters.page,
                                                     page_size=pagination_parameters.page_size)
    pagination_parameters.item_count = total
    return rows


BLUEPRINTS = (suppliers, read_models)
