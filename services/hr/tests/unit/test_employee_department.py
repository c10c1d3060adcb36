import uuid
from types import SimpleNamespace

import pytest

from erp_shared.errors import RuleViolation

from hr.domain import check_department_takes_staff


def test_an_active_department_takes_staff():
    check_department_takes_staff(uuid.uuid4(), SimpleNamespace(code="ENG", active=True))


@pytest.mark.parametrize("department", [None, SimpleNamespace(code="OLD", active=False)])
def test_an_unknown_or_inactive_department_is_refused_naming_the_field(department):
    with pytest.raises(RuleViolation) as refused:
        check_department_takes_staff(uuid.uuid4(), department)
    assert refused.value.status == 422
    assert set(refused.value.errors) == {"department_id"}
