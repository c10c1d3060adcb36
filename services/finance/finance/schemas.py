from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from erp_shared.events.schemas.finance import ACCOUNT_TYPES
from erp_shared.web.fields import code, name

from .journal import KINDS, SOURCE_DOCUMENT_MAX
from .queries import JOURNAL_SORTING


class AccountCreate(Schema):
    code = code(required=True)
    name = name(required=True)
    account_type = fields.String(required=True, validate=validate.OneOf(ACCOUNT_TYPES))


class AccountUpdate(AccountCreate):
    """Only the name may change: postings already made under a number must keep their meaning."""
    class Meta:
        exclude = ("code", "account_type")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class AccountOut(Schema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    account_type = fields.String()
    active = fields.Boolean()
    version = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class AccountFilter(Schema):
    q = fields.String(validate=validate.Length(max=100))
    active = fields.Boolean()
    account_type = fields.String(validate=validate.OneOf(ACCOUNT_TYPES))


def _amount() -> fields.Decimal:
    return fields.Decimal(as_string=True)


class JournalLineOut(Schema):
    line_no = fields.Integer()
    account_code = fields.String()
    debit = _amount()
    credit = _amount()
    supplier_id = fields.UUID(allow_none=True)
    customer_id = fields.UUID(allow_none=True)
    memo = fields.String(allow_none=True)


class JournalEntryOut(Schema):
    id = fields.UUID()
    entry_no = fields.String()
    posted_at = fields.AwareDateTime()
    entry_date = fields.Date()
    kind = fields.String()
    source_document = fields.String()
    source_event_id = fields.UUID()
    source_type = fields.String()
    correlation_id = fields.String()
    description = fields.String()
    supplier_id = fields.UUID(allow_none=True)
    customer_id = fields.UUID(allow_none=True)
    lines = fields.List(fields.Nested(JournalLineOut))


class Period(Schema):
    date_from = fields.Date(metadata={"description": "first business date, inclusive; open-ended if absent"})
    date_to = fields.Date(metadata={"description": "last business date, inclusive; open-ended if absent"})

    @validates_schema
    def _range_is_not_reversed(self, values, **kwargs):
        if "date_from" in values and "date_to" in values and values["date_from"] > values["date_to"]:
            raise ValidationError("date_to must not be before date_from", "date_to")


class JournalFilter(Period):
    source_document = fields.String(validate=validate.Length(min=1, max=SOURCE_DOCUMENT_MAX))
    kind = fields.String(validate=validate.OneOf(KINDS))
    account_code = fields.String(validate=validate.Length(min=1, max=20))
    sort = JOURNAL_SORTING.field()


class AsOf(Schema):
    as_of = fields.Date(metadata={"description": "business date to report up to, inclusive; all dates if absent"})


class ApSubledgerQuery(AsOf):
    supplier_id = fields.UUID()


class TrialBalanceAccount(Schema):
    code = fields.String()
    name = fields.String()
    account_type = fields.String()
    debit = _amount()
    credit = _amount()
    balance = fields.Decimal(as_string=True, metadata={
        "description": "debit − credit for assets and expenses, credit − debit for liabilities, equity, revenue"})


class TrialBalanceOut(Schema):
    as_of = fields.Date(allow_none=True)
    accounts = fields.List(fields.Nested(TrialBalanceAccount))
    total_debit = _amount()
    total_credit = _amount()


class SupplierBalance(Schema):
    supplier_id = fields.UUID()
    supplier_code = fields.String(allow_none=True)
    supplier_name = fields.String(allow_none=True)
    balance = fields.Decimal(as_string=True, metadata={"description": "owed to the supplier (AP is a credit)"})


class ApSubledgerOut(Schema):
    as_of = fields.Date(allow_none=True)
    suppliers = fields.List(fields.Nested(SupplierBalance))
    total = _amount()
    control_account = fields.String()
    control_account_balance = _amount()


class ArSubledgerQuery(AsOf):
    customer_id = fields.UUID()


class CustomerBalance(Schema):
    customer_id = fields.UUID()
    customer_code = fields.String(allow_none=True)
    customer_name = fields.String(allow_none=True)
    balance = fields.Decimal(as_string=True, metadata={"description": "owed by the customer (AR is a debit)"})


class ArSubledgerOut(Schema):
    as_of = fields.Date(allow_none=True)
    customers = fields.List(fields.Nested(CustomerBalance))
    total = _amount()
    control_account = fields.String()
    control_account_balance = _amount()


class StatementLine(Schema):
    code = fields.String()
    name = fields.String()
    amount = _amount()


class IncomeStatementOut(Schema):
    date_from = fields.Date(allow_none=True)
    date_to = fields.Date(allow_none=True)
    revenue_account = fields.String()
    revenue = _amount()
    cost_of_goods_sold_account = fields.String()
    cost_of_goods_sold = _amount()
    gross_margin = fields.Decimal(as_string=True, metadata={"description": "revenue − cost of goods sold"})
    other_income = fields.List(fields.Nested(StatementLine))
    total_other_income = _amount()
    other_expenses = fields.List(fields.Nested(StatementLine))
    total_other_expenses = _amount()
    net_result = fields.Decimal(as_string=True, metadata={
        "description": "gross margin + other income − other expenses; negative is a loss"})


class DepartmentExpenseAccountIn(Schema):
    account_code = fields.String(required=True, validate=validate.Length(min=1, max=20),
                                 metadata={"description": "an active expense account of the chart"})


class DepartmentExpenseAccountOut(Schema):
    department_id = fields.UUID()
    department_code = fields.String()
    department_name = fields.String()
    account_code = fields.String()
    account_name = fields.String(allow_none=True)
    is_default = fields.Boolean(metadata={"description": "no account set for the department: 6200 applies"})
    updated_at = fields.AwareDateTime(allow_none=True)
    updated_by = fields.String(allow_none=True)
