import datetime

import pytest
from marshmallow import ValidationError

from hr.schemas import EmployeeCreate, EmployeeUpdate


def test_an_employee_needs_only_a_number_and_a_name():
    assert EmployeeCreate().load({"employee_no": "E-001", "full_name": "Grace Hopper"}) == {
        "employee_no": "E-001", "full_name": "Grace Hopper"}


def test_hire_date_is_a_date():
    loaded = EmployeeCreate().load({"employee_no": "E-001", "full_name": "Grace Hopper", "hired_on": "2024-03-01"})
    assert loaded["hired_on"] == datetime.date(2024, 3, 1)


@pytest.mark.parametrize("field,value", [("employee_no", "E 001"), ("full_name", " "), ("email", "grace"),
                                         ("department_id", "sales"), ("hired_on", "01/03/2024")])
def test_bad_shapes_are_refused_by_field(field, value):
    body = {"employee_no": "E-001", "full_name": "Grace Hopper", field: value}
    with pytest.raises(ValidationError) as refused:
        EmployeeCreate().load(body)
    assert set(refused.value.messages) == {field}


def test_the_employee_number_never_changes():
    with pytest.raises(ValidationError) as refused:
        EmployeeUpdate().load({"employee_no": "E-002"})
    assert "employee_no" in refused.value.messages
