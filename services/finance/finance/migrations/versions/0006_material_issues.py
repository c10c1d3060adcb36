"""material issues post to department expense accounts

Material a department takes out of stock is posted Dr its expense account / Cr 1200 (journal kind
material_issue), unused material coming back the reverse (material_return). Which expense account is set per
department in `department_expense_accounts`; a department without a row posts to the default 6200 Materials
consumed, seeded here and published through the outbox like the chart of 0002 (fixed ids, the event in the
same transaction). An installation that already created a 6200 keeps it (a 6xxx account is always an
expense) and nothing is seeded. The kind checks are widened by hand with the kinds spelled out, as 0005 does.
Downgrading refuses books that already hold material postings.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:10:00

"""
import dataclasses
import uuid
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID

from erp_shared.events import flow_context, new_event


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BEFORE = ("goods_receipt", "supplier_invoice", "supplier_payment",
          "delivery_cost", "customer_invoice", "credit_note", "customer_payment", "return_cost")
AFTER = BEFORE + ("material_issue", "material_return")
KIND_CHECKS = {"journal_entries": "ck_journal_entries_kind", "ap_ledger_entries": "ck_ap_ledger_entries_kind",
               "ar_ledger_entries": "ck_ar_ledger_entries_kind"}

CHART_NAMESPACE = uuid.UUID("162e58fe-0185-4772-a963-a3abadf3b8bd")     # 0002's: the same ids everywhere
FLOW_ID = "migration-0006"
EVENT_TYPE = "finance.account_created.v1"
MATERIALS_CONSUMED = ("6200", "Materials consumed", "expense")

accounts = sa.table(
    "accounts",
    sa.column("id", UUID(as_uuid=True)),
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("account_type", sa.String),
    sa.column("active", sa.Boolean),
    sa.column("version", sa.Integer),
)

outbox = sa.table(
    "outbox",
    sa.column("event_id", UUID(as_uuid=True)),
    sa.column("event_type", sa.String),
    sa.column("correlation_id", sa.String),
    sa.column("body", sa.Text),
)


def account_id(code: str) -> uuid.UUID:
    return uuid.uuid5(CHART_NAMESPACE, code)


def event_id(code: str) -> uuid.UUID:
    return uuid.uuid5(CHART_NAMESPACE, f"{EVENT_TYPE}/{code}")


def seeded_account() -> dict:
    code, name, account_type = MATERIALS_CONSUMED
    return {"id": account_id(code), "code": code, "name": name, "account_type": account_type, "active": True,
            "version": 1}


def created_event(row: dict) -> dict:
    """The outbox row, built through the event catalog so the payload is checked against AccountV1."""
    with flow_context(FLOW_ID, FLOW_ID):
        snapshot = {key: row[key] for key in ("id", "code", "name", "account_type", "active")}
        event = new_event(EVENT_TYPE, snapshot, subject=str(row["id"]), sequence=row["version"])
        event = dataclasses.replace(event, id=event_id(row["code"]))
    return {"event_id": event.id, "event_type": event.type, "correlation_id": event.correlation_id,
            "body": event.to_json()}


def _kind_checks(kinds) -> None:
    condition = "kind IN ({})".format(", ".join(f"'{kind}'" for kind in kinds))
    for table, name in KIND_CHECKS.items():
        op.drop_constraint(name, table, type_="check")
        op.create_check_constraint(name, table, condition)


def upgrade() -> None:
    _kind_checks(AFTER)
    code = MATERIALS_CONSUMED[0]
    if op.get_bind().execute(sa.select(accounts.c.id).where(accounts.c.code == code)).first() is None:
        row = seeded_account()
        op.bulk_insert(accounts, [row])
        op.bulk_insert(outbox, [created_event(row)])
    op.create_table('department_expense_accounts',
    sa.Column('department_id', sa.UUID(), nullable=False),
    sa.Column('account_code', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['account_code'], ['accounts.code'], ),
    sa.PrimaryKeyConstraint('department_id')
    )


def downgrade() -> None:
    postings = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM journal_entries WHERE kind IN ('material_issue', 'material_return')")).scalar()
    if postings:
        raise RuntimeError(f"{postings} material issue or return entr(ies) in the journal: revision 0005 has no "
                           "kind for them")
    op.drop_table('department_expense_accounts')
    code = MATERIALS_CONSUMED[0]
    used = op.get_bind().execute(sa.text("SELECT count(*) FROM journal_lines WHERE account_code = :code"),
                                 {"code": code}).scalar()
    if not used:      # an account with postings stays: the books must keep every account they name
        op.execute(outbox.delete().where(outbox.c.event_id == event_id(code)))
        op.execute(accounts.delete().where(accounts.c.id == account_id(code)))
    _kind_checks(BEFORE)
