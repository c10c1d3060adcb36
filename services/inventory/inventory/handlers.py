"""Events inventory consumes: suppliers (receipts name them) and HR's departments and employees
(requisitions name who asked and for which department)."""
from erp_shared.events.catalog import master_data_types
from erp_shared.replication import replicate_into

from .models import department_replica, employee_replica, supplier_replica

HANDLERS = {
    **{t: replicate_into(supplier_replica) for t in master_data_types("procurement", "supplier")},
    **{t: replicate_into(department_replica) for t in master_data_types("hr", "department")},
    **{t: replicate_into(employee_replica) for t in master_data_types("hr", "employee")},
}
