from erp_shared.web.crud import master_data_blueprint
from erp_shared.web.read_models import ReadModel, read_model_blueprint

from . import schemas
from .masterdata import WORK_CENTERS, check_work_center
from .models import idempotency_keys, item_replica, warehouse_replica

WRITERS = ("production",)

work_centers = master_data_blueprint(
    WORK_CENTERS, name="work_centers", url="/work-centers", idempotency_keys=idempotency_keys,
    create_schema=schemas.WorkCenterCreate, update_schema=schemas.WorkCenterUpdate,
    out_schema=schemas.WorkCenterOut, filter_schema=schemas.WorkCenterFilter, write_roles=WRITERS,
    validate=check_work_center)

read_models = read_model_blueprint({
    "items": ReadModel(item_replica),
    "warehouses": ReadModel(warehouse_replica),
})

BLUEPRINTS = (work_centers, read_models)
