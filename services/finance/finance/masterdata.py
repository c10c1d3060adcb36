"""The master records finance owns and publishes."""
from sqlalchemy.orm import Session

from erp_shared.masterdata import MasterData

from .domain import check_chart_position
from .models import Account, outbox

ACCOUNTS = MasterData(Account, "finance", "account", outbox)


def check_account(session: Session, values: dict) -> None:
    """Runs before a create or an update; an update cannot carry a number or a type, so only creates are checked."""
    if "code" in values:
        check_chart_position(values["code"], values["account_type"])
