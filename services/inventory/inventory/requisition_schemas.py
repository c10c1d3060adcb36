"""Request and response schemas of material requisitions, material issues and returns of unused material."""
import re

from marshmallow import Schema, fields, validate

from erp_shared.web.fields import LIMIT, ExactDecimal

from .domain import BATCH_NO_LENGTH
from .requisition_domain import STATUSES
from .requisition_queries import REQUISITION_SORTING

TEXT = validate.Length(max=2000)


def positive_quantity(**kwargs) -> ExactDecimal:
    """Strictly more than zero, at most 4 decimal places (the ledger's scale)."""
    return ExactDecimal(max_places=4, validate=validate.Range(min=0, min_inclusive=False, max=LIMIT), **kwargs)


def reason(**kwargs) -> fields.String:
    return fields.String(validate=[validate.Length(min=1, max=1000),
                                   validate.Regexp(r"^\S(.*\S)?\Z", re.DOTALL, error="must not be blank or padded")],
                         **kwargs)


def batch_no(**kwargs) -> fields.String:
    return fields.String(allow_none=True, load_default=None, validate=validate.Length(max=BATCH_NO_LENGTH), **kwargs)


def decimal_out(**kwargs) -> fields.Decimal:
    return fields.Decimal(as_string=True, **kwargs)


class RequisitionLineIn(Schema):
    item_id = fields.UUID(required=True)
    warehouse_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True)
    batch_no = batch_no(metadata={"description": "issue from this batch only; none: first received, first out"})


class RequisitionCreate(Schema):
    department_id = fields.UUID(required=True, metadata={"description": "an active department (HR)"})
    requested_by = fields.UUID(required=True, metadata={"description": "the employee asking (HR)"})
    needed_by = fields.Date(allow_none=True, load_default=None)
    notes = fields.String(allow_none=True, load_default=None, validate=TEXT)
    lines = fields.List(fields.Nested(RequisitionLineIn), required=True, validate=validate.Length(min=1, max=200))


class RequisitionFilter(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    department_id = fields.UUID()
    requested_by = fields.UUID()
    sort = REQUISITION_SORTING.field()


class RejectIn(Schema):
    reason = reason(required=True)


class CancelIn(Schema):
    reason = reason(load_default=None)


class IssueSummaryOut(Schema):
    id = fields.UUID()
    number = fields.String()
    requisition_id = fields.UUID()
    issued_at = fields.AwareDateTime()
    issued_by_name = fields.String()
    total_cost = decimal_out()


class RequisitionLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    warehouse_id = fields.UUID()
    warehouse_code = fields.String(allow_none=True)
    batch_no = fields.String(allow_none=True)
    quantity = decimal_out(metadata={"description": "requested"})
    quantity_issued = decimal_out()
    quantity_returned = decimal_out(metadata={"description": "issued, then returned unused"})
    remaining_quantity = decimal_out(metadata={"description": "still to issue: requested less issued (a return "
                                                              "does not reopen the line)"})


class RequisitionSummaryOut(Schema):
    id = fields.UUID()
    number = fields.String()
    status = fields.String()
    department_id = fields.UUID()
    department_code = fields.String(allow_none=True)
    department_name = fields.String(allow_none=True)
    requested_by = fields.UUID()
    requested_by_no = fields.String(allow_none=True)
    requested_by_name = fields.String(allow_none=True)
    needed_by = fields.Date(allow_none=True)
    notes = fields.String(allow_none=True)
    created_by = fields.String()
    created_by_name = fields.String()
    decided_by = fields.String(allow_none=True, metadata={"description": "who approved or rejected it"})
    decided_by_name = fields.String(allow_none=True)
    decided_at = fields.AwareDateTime(allow_none=True)
    reject_reason = fields.String(allow_none=True)
    cancelled_by_name = fields.String(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class RequisitionOut(RequisitionSummaryOut):
    lines = fields.List(fields.Nested(RequisitionLineOut))
    issues = fields.List(fields.Nested(IssueSummaryOut))


class IssueLineIn(Schema):
    requisition_line_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True, metadata={"description": "at most what remains on the line"})
    batch_no = batch_no(metadata={"description": "when the requisition line names none; it must hold the quantity"})


class IssueIn(Schema):
    lines = fields.List(fields.Nested(IssueLineIn), required=True, validate=validate.Length(min=1, max=200))


class IssueFilter(Schema):
    requisition_id = fields.UUID()


class BatchOut(Schema):
    batch_no = fields.String(allow_none=True)
    quantity = decimal_out()
    unit_cost = decimal_out()
    cost = decimal_out()


class IssueLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    requisition_line_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    warehouse_id = fields.UUID()
    warehouse_code = fields.String(allow_none=True)
    quantity = decimal_out()
    cost = decimal_out()
    quantity_returned = decimal_out()
    cost_returned = decimal_out()
    batches = fields.List(fields.Nested(BatchOut))


class ReturnSummaryOut(Schema):
    id = fields.UUID()
    number = fields.String()
    issue_id = fields.UUID()
    returned_at = fields.AwareDateTime()
    reason = fields.String()
    returned_by_name = fields.String()
    total_cost = decimal_out()


class IssueListOut(IssueSummaryOut):
    requisition_number = fields.String()


class IssueOut(IssueListOut):
    department_id = fields.UUID()
    requested_by = fields.UUID()
    lines = fields.List(fields.Nested(IssueLineOut))
    returns = fields.List(fields.Nested(ReturnSummaryOut))


class ReturnLineIn(Schema):
    issue_line_id = fields.UUID(required=True)
    quantity = positive_quantity(required=True, metadata={"description": "at most what the line issued and has not "
                                                                         "come back yet"})


class ReturnIn(Schema):
    reason = reason(required=True)
    lines = fields.List(fields.Nested(ReturnLineIn), required=True, validate=validate.Length(min=1, max=200))


class ReturnLineOut(Schema):
    id = fields.UUID()
    line_no = fields.Integer()
    issue_line_id = fields.UUID()
    item_id = fields.UUID()
    item_code = fields.String(allow_none=True)
    item_name = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    warehouse_id = fields.UUID()
    warehouse_code = fields.String(allow_none=True)
    quantity = decimal_out()
    cost = decimal_out()
    batches = fields.List(fields.Nested(BatchOut))


class ReturnOut(ReturnSummaryOut):
    issue_number = fields.String()
    requisition_id = fields.UUID()
    requisition_number = fields.String()
    department_id = fields.UUID()
    lines = fields.List(fields.Nested(ReturnLineOut))
