"""Events finance consumes: the master data its postings and subledgers name (items and warehouses on stock
postings, suppliers it pays, customers it invoices, departments and employees on payroll)."""
from erp_shared.events.catalog import master_data_types
from erp_shared.replication import replicate_into

from .models import (customer_replica, department_replica, employee_replica, item_replica, supplier_replica,
                     warehouse_replica)

HANDLERS = {
    **{t: replicate_into(item_replica) for t in master_data_types("inventory", "item")},
    **{t: replicate_into(warehouse_replica) for t in master_data_types("inventory", "warehouse")},
    **{t: replicate_into(supplier_replica) for t in master_data_types("procurement", "supplier")},
    **{t: replicate_into(customer_replica) for t in master_data_types("sales", "customer")},
    **{t: replicate_into(department_replica) for t in master_data_types("hr", "department")},
    **{t: replicate_into(employee_replica) for t in master_data_types("hr", "employee")},
}
