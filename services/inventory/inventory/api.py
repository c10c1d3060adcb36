from erp_shared.web.crud import master_data_blueprint
from erp_shared.web.read_models import ReadModel, read_model_blueprint

from . import schemas
from .masterdata import ITEMS, WAREHOUSES
from .models import department_replica, employee_replica, idempotency_keys, supplier_replica

WRITERS = ("warehouse",)

items = master_data_blueprint(
    ITEMS, name="items", url="/items", idempotency_keys=idempotency_keys,
    create_schema=schemas.ItemCreate, update_schema=schemas.ItemUpdate, out_schema=schemas.ItemOut,
    filter_schema=schemas.ItemFilter, write_roles=WRITERS)

warehouses = master_data_blueprint(
    WAREHOUSES, name="warehouses", url="/warehouses", idempotency_keys=idempotency_keys,
    create_schema=schemas.WarehouseCreate, update_schema=schemas.WarehouseUpdate, out_schema=schemas.WarehouseOut,
    filter_schema=schemas.WarehouseFilter, write_roles=WRITERS)


read_models = read_model_blueprint({
    "suppliers": ReadModel(supplier_replica),
    "departments": ReadModel(department_replica),
    "employees": ReadModel(employee_replica, code_column="employee_no"),
})

BLUEPRINTS = (items, warehouses, read_models)
