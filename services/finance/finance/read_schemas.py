"""Responses and filters of the read models: local copies of other services' master data."""
from marshmallow import Schema, fields, validate


class ReplicaFilter(Schema):
    id = fields.UUID()
    code = fields.String(validate=validate.Length(min=1, max=40))
    active = fields.Boolean()


class EmployeeReplicaFilter(Schema):
    id = fields.UUID()
    employee_no = fields.String(validate=validate.Length(min=1, max=40))
    active = fields.Boolean()


class ReplicaOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    active = fields.Boolean()
    sequence = fields.Integer()


class ItemReplicaOut(ReplicaOut):
    unit = fields.String()
    item_type = fields.String()


class SupplierReplicaOut(ReplicaOut):
    payment_terms_days = fields.Integer()
    bank_account_name = fields.String(allow_none=True)
    bank_iban = fields.String(allow_none=True)
    bank_bic = fields.String(allow_none=True)


class CustomerReplicaOut(ReplicaOut):
    credit_rating = fields.String()
    credit_limit = fields.Decimal(as_string=True)


class EmployeeReplicaOut(Schema):
    id = fields.UUID()
    employee_no = fields.String()
    full_name = fields.String()
    department_id = fields.UUID(allow_none=True)
    active = fields.Boolean()
    sequence = fields.Integer()
