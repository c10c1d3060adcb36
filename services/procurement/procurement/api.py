from erp_shared.web.crud import master_data_blueprint
from erp_shared.web.read_models import ReadModel, read_model_blueprint

from . import ordering_api, payables_api, schemas
from .domain import redact_bank_details
from .masterdata import SUPPLIERS
from .models import idempotency_keys, item_replica, warehouse_replica

WRITERS = ("purchasing",)

suppliers = master_data_blueprint(
    SUPPLIERS, name="suppliers", url="/suppliers", idempotency_keys=idempotency_keys,
    create_schema=schemas.SupplierCreate, update_schema=schemas.SupplierUpdate, out_schema=schemas.SupplierOut,
    filter_schema=schemas.SupplierFilter, write_roles=WRITERS, redact=redact_bank_details)

read_models = read_model_blueprint({
    "items": ReadModel(item_replica),
    "warehouses": ReadModel(warehouse_replica),
})

BLUEPRINTS = (suppliers, read_models, *ordering_api.BLUEPRINTS, *payables_api.BLUEPRINTS)
