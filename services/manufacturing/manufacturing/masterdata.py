"""The master records manufacturing owns and publishes."""
from sqlalchemy.orm import Session

from erp_shared.masterdata import MasterData

from .domain import check_capacity
from .models import WorkCenter, outbox

WORK_CENTERS = MasterData(WorkCenter, "manufacturing", "work_center", outbox)


def check_work_center(session: Session, values: dict) -> None:
    """Runs before a create or an update, on the fields the request carries."""
    if "capacity_hours_per_day" in values:
        check_capacity(values["capacity_hours_per_day"])
