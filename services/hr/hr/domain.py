"""HR's rules that need no database."""
from __future__ import annotations

from erp_shared.errors import RuleViolation


def check_department_takes_staff(department_id, department) -> None:
    """An employee joins a department hr knows and still runs; a deactivated one takes no one new.
    `department` is the stored record for `department_id`, or None when there is none."""
    if department is None:
        raise RuleViolation(f"no department with id {department_id}", field="department_id")
    if not department.active:
        raise RuleViolation(f"department {department.code} is inactive and takes no employees",
                            field="department_id")
