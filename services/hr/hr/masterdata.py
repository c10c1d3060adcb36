"""The master records hr owns and publishes, and the reference an employee's department must satisfy."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_shared.masterdata import MasterData

from .domain import check_department_takes_staff
from .models import Department, Employee, outbox

DEPARTMENTS = MasterData(Department, "hr", "department", outbox)
EMPLOYEES = MasterData(Employee, "hr", "employee", outbox, unique_fields=("employee_no",))


def check_employee_department(session: Session, values: dict) -> None:
    """The `validate` hook for employee writes. The department row is share-locked so a concurrent
    deactivation waits for this write instead of slipping in between the check and the commit."""
    department_id = values.get("department_id")
    if department_id is None:
        return
    department = session.execute(select(Department).where(Department.id == department_id)
                                 .with_for_update(read=True)).scalar_one_or_none()
    check_department_takes_staff(department_id, department)
