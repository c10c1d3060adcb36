from marshmallow import Schema, fields, validate

from erp_shared.web.fields import code, name


class DepartmentCreate(Schema):
    code = code(required=True)
    name = name(required=True)


class DepartmentUpdate(DepartmentCreate):
    """Only the name may change; the code is how people and other services' documents identify a department."""
    class Meta:
        exclude = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class DepartmentOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class DepartmentFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()


class EmployeeCreate(Schema):
    employee_no = code(required=True)
    full_name = name(required=True)
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    job_title = fields.String(allow_none=True, validate=validate.Length(max=200))
    department_id = fields.UUID(allow_none=True)
    hired_on = fields.Date(allow_none=True)


class EmployeeUpdate(EmployeeCreate):
    """Everything but the employee number may change; payroll and other services key on it."""
    class Meta:
        exclude = ("employee_no",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class EmployeeOut(Schema):
    id = fields.UUID()
    employee_no = fields.String()
    full_name = fields.String()
    email = fields.String(allow_none=True)
    job_title = fields.String(allow_none=True)
    department_id = fields.UUID(allow_none=True)
    hired_on = fields.Date(allow_none=True)
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class EmployeeFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
    department_id = fields.UUID()
