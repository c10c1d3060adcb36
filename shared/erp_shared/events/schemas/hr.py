from marshmallow import Schema, fields

from ..catalog import register_master_data


class DepartmentV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    active = fields.Boolean(required=True)


class EmployeeV1(Schema):
    id = fields.UUID(required=True)
    employee_no = fields.String(required=True)
    full_name = fields.String(required=True)
    email = fields.String(allow_none=True, load_default=None)
    job_title = fields.String(allow_none=True, load_default=None)
    department_id = fields.UUID(allow_none=True, load_default=None)
    hired_on = fields.Date(allow_none=True, load_default=None)
    active = fields.Boolean(required=True)


register_master_data("hr", "department", DepartmentV1)
register_master_data("hr", "employee", EmployeeV1)
