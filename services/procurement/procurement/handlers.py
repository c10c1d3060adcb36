"""Events procurement consumes: inventory's items and warehouses (purchase orders name them) and its stock
levels (purchase planning compares them with each item's reorder level)."""
from erp_shared.events.catalog import master_data_types
from erp_shared.replication import replicate_into

from .models import item_replica, warehouse_replica
from .planning import record_stock_level

HANDLERS = {
    **{t: replicate_into(item_replica) for t in master_data_types("inventory", "item")},
    **{t: replicate_into(warehouse_replica) for t in master_data_types("inventory", "warehouse")},
    "inventory.stock_level_changed.v1": record_stock_level,
}
