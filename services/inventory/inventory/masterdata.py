"""The master records inventory owns and publishes."""
from dataclasses import dataclass

from erp_shared.errors import Conflict
from erp_shared.masterdata import MasterData

from .models import Item, Warehouse, outbox
from .transit import IN_TRANSIT_CODE, IN_TRANSIT_ID


@dataclass(frozen=True)
class Warehouses(MasterData):
    """Warehouses, except that the in-transit location is inventory's own: it never changes through the API, so
    it is never published as a snapshot other services could name."""

    def update(self, session, record_id, values: dict):
        self._refuse_transit(record_id)
        return super().update(session, record_id, values)

    def deactivate(self, session, record_id):
        self._refuse_transit(record_id)
        return super().deactivate(session, record_id)

    @staticmethod
    def _refuse_transit(record_id) -> None:
        if record_id == IN_TRANSIT_ID:
            raise Conflict(f"{IN_TRANSIT_CODE} is kept by inventory itself and cannot be changed", field="id")


ITEMS = MasterData(Item, "inventory", "item", outbox)
WAREHOUSES = Warehouses(Warehouse, "inventory", "warehouse", outbox)
