from erp_shared.web.crud import master_data_blueprint
from erp_shared.web.read_models import read_model_blueprint

from . import schemas
from .masterdata import ACCOUNTS, check_account
from .models import idempotency_keys
from .queries import READ_MODELS

WRITERS = ("accounting",)

accounts = master_data_blueprint(
    ACCOUNTS, name="accounts", url="/accounts", idempotency_keys=idempotency_keys,
    create_schema=schemas.AccountCreate, update_schema=schemas.AccountUpdate, out_schema=schemas.AccountOut,
    filter_schema=schemas.AccountFilter, write_roles=WRITERS, validate=check_account)

read_models = read_model_blueprint(READ_MODELS)

BLUEPRINTS = (accounts, read_models)
