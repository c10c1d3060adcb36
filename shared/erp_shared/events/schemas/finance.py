from marshmallow import Schema, fields, validate

from ..catalog import catalog, register_master_data

ACCOUNT_TYPES = ("asset", "liability", "equity", "revenue", "expense")


class AccountV1(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    account_type = fields.String(required=True, validate=validate.OneOf(ACCOUNT_TYPES))
    active = fields.Boolean(required=True)


register_master_data("finance", "account", AccountV1)


# --- General ledger -------------------------------------------------------------------------------------------

class JournalPostedLineV1(Schema):
    account_code = fields.String(required=True)
    debit = fields.Decimal(required=True, as_string=True)
    credit = fields.Decimal(required=True, as_string=True)


@catalog.register("finance.journal_posted.v1")
class JournalPostedV1(Schema):
    """One per journal entry, so every posting (and the business event that caused it) is traceable on the bus."""
    entry_id = fields.UUID(required=True)
    entry_no = fields.String(required=True)
    # goods_receipt | supplier_invoice | supplier_payment so far; not an enum here, so a consumer built before a
    # new kind (customer_invoice, ...) still loads the event instead of dead-lettering it.
    kind = fields.String(required=True)
    source_document = fields.String(required=True)
    source_event_id = fields.UUID(required=True)
    entry_date = fields.Date(required=True)
    lines = fields.List(fields.Nested(JournalPostedLineV1), required=True, validate=validate.Length(min=2))
