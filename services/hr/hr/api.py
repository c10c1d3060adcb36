from erp_shared.web.crud import master_data_blueprint

from . import schemas
from .masterdata import DEPARTMENTS, EMPLOYEES, check_employee_department
from .models import idempotency_keys

WRITERS = ("hr",)

departments = master_data_blueprint(
    DEPARTMENTS, name="departments", url="/departments", idempotency_keys=idempotency_keys,
    create_schema=schemas.DepartmentCreate, update_schema=schemas.DepartmentUpdate, out_schema=schemas.DepartmentOut,
    filter_schema=schemas.DepartmentFilter, write_roles=WRITERS)

employees = master_data_blueprint(
    EMPLOYEES, name="employees", url="/employees", idempotency_keys=idempotency_keys,
    create_schema=schemas.EmployeeCreate, update_schema=schemas.EmployeeUpdate, out_schema=schemas.EmployeeOut,
    filter_schema=schemas.EmployeeFilter, write_roles=WRITERS, validate=check_employee_department,
    search_fields=("employee_no", "full_name"))

BLUEPRINTS = (departments, employees)
