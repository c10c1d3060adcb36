"""Events manufacturing consumes: inventory's items (what work orders make and consume) and warehouses
(where materials are issued from and finished goods received into)."""
from erp_shared.events.catalog import master_data_types
from erp_shared.replication import replicate_into

from .models import item_replica, warehouse_replica

HANDLERS = {
    **{t: replicate_into(item_replica) for t in master_data_types("inventory", "item")},
    **{t: replicate_into(warehouse_replica) for t in master_data_types("inventory", "warehouse")},
}
