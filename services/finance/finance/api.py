from erp_shared.web.crud import master_data_blueprint

from . import schemas
from .masterdata import ACCOUNTS, check_account
from .models import idempotency_keys
from .read_api import read_models

WRITERS = ("accounting",)

accounts = master_data_blueprint(
    ACCOUNTS, name="accounts", url="/accounts", idempotency_keys=idempotency_keys,
    create_schema=schemas.AccountCreate, update_schema=schemas.AccountUpdate, out_schema=schemas.AccountOut,
    filter_schema=schemas.AccountFilter, write_roles=WRITERS, validate=check_account)

BLUEPRINTS = (accounts, read_models)
