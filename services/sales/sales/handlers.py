"""Events sales consumes: inventory's items and warehouses (sales orders name them), its replies in the
order saga (reservations), the cost of what it issued for a delivery and the cost it took returned goods
back at (both for gross margin)."""
from erp_shared.events.catalog import master_data_types
from erp_shared.replication import replicate_into

from .delivery_costs import record_delivery_cost
from .models import item_replica, warehouse_replica
from .reservations import record_reservation
from .return_costs import record_return_cost

STOCK_RESERVED = "inventory.stock_reserved.v1"
STOCK_ISSUED = "inventory.stock_issued.v1"
STOCK_RETURNED = "inventory.stock_returned.v1"

HANDLERS = {
    **{t: replicate_into(item_replica) for t in master_data_types("inventory", "item")},
    **{t: replicate_into(warehouse_replica) for t in master_data_types("inventory", "warehouse")},
    STOCK_RESERVED: record_reservation,
    STOCK_ISSUED: record_delivery_cost,
    STOCK_RETURNED: record_return_cost,
}
