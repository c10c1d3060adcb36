from marshmallow import Schema, fields, validate

from erp_shared.web.fields import code, name, quantity


class WorkCenterCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    capacity_hours_per_day = quantity(required=True)


class WorkCenterUpdate(WorkCenterCreate):
    """Everything but the code may change; routings and work orders name a work center by it."""
    class Meta:
        exclude = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class WorkCenterOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    capacity_hours_per_day = fields.Decimal(as_string=True)
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class WorkCenterFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
