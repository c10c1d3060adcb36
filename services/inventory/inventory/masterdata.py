"""The master records inventory owns and publishes."""
from erp_shared.masterdata import MasterData

from .models import Item, Warehouse, outbox

ITEMS = MasterData(Item, "inventory", "item", outbox)
WAREHOUSES = MasterData(Warehouse, "inventory", "warehouse", outbox)
