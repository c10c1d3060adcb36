from marshmallow import Schema, fields

from ..catalog import register_master_data


class WorkCenterV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    capacity_hours_per_day = fields.Decimal(required=True, as_string=True)
    active = fields.Boolean(required=True)


register_master_data("manufacturing", "work_center", WorkCenterV1)
