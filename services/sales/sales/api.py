from erp_shared.web.crud import master_data_blueprint
from erp_shared.web.read_models import ReadModel, read_model_blueprint

from . import analysis_api, billing_api, credit_note_api, delivery_api, ordering_api, return_api, schemas
from .masterdata import CUSTOMERS
from .models import idempotency_keys, item_replica, warehouse_replica

WRITERS = ("sales",)

customers = master_data_blueprint(
    CUSTOMERS, name="customers", url="/customers", idempotency_keys=idempotency_keys,
    create_schema=schemas.CustomerCreate, update_schema=schemas.CustomerUpdate, out_schema=schemas.CustomerOut,
    filter_schema=schemas.CustomerFilter, write_roles=WRITERS)

read_models = read_model_blueprint({
    "items": ReadModel(item_replica),
    "warehouses": ReadModel(warehouse_replica),
})

BLUEPRINTS = (customers, read_models, *ordering_api.BLUEPRINTS, *delivery_api.BLUEPRINTS, *billing_api.BLUEPRINTS,
              *credit_note_api.BLUEPRINTS, *return_api.BLUEPRINTS, *analysis_api.BLUEPRINTS)
