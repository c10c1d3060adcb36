"""Read side: the read models finance keeps of other services' master data (see handlers.py), and who may
see which of their columns."""
from erp_shared.web.read_models import ReadModel

from .models import (customer_replica, department_replica, employee_replica, item_replica, supplier_replica,
                     warehouse_replica)

# Supplier bank details reach finance so it can pay suppliers; only those who pay (and admins) see them.
BANK_DETAILS = frozenset({"bank_account_name", "bank_iban", "bank_bic"})
BANK_DETAIL_READERS = ("accounting",)

READ_MODELS = {
    "items": ReadModel(item_replica),
    "warehouses": ReadModel(warehouse_replica),
    "suppliers": ReadModel(supplier_replica, restricted_columns=BANK_DETAILS, restricted_to=BANK_DETAIL_READERS),
    "customers": ReadModel(customer_replica),
    "departments": ReadModel(department_replica),
    "employees": ReadModel(employee_replica, code_column="employee_no"),
}
