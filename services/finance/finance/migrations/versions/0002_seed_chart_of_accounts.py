"""seed the default chart of accounts (DESIGN.md §4) and publish it

The chart is data every posting needs, so it ships with the schema. Its rows get fixed ids (uuid5 of the
namespace below and the account number) so every installation names them alike, and their created events go
into the outbox in the same transaction, so the chart is published like any account created through the API.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 11:00:00.000000

"""
import dataclasses
import uuid
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID

from erp_shared.events import flow_context, new_event

# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CHART_NAMESPACE = uuid.UUID("162e58fe-0185-4772-a963-a3abadf3b8bd")
FLOW_ID = "migration-0002"
EVENT_TYPE = "finance.account_created.v1"

DEFAULT_CHART = (
    ("1000", "Cash", "asset"),
    ("1100", "Accounts receivable", "asset"),
    ("1200", "Inventory", "asset"),
    ("1210", "Work in progress", "asset"),
    ("1500", "Fixed assets", "asset"),
    ("1510", "Accumulated depreciation", "asset"),  # contra asset: its balance is a credit
    ("2000", "Accounts payable", "liability"),
    ("2100", "Goods received not invoiced (GRNI)", "liability"),
    ("2200", "Sales tax payable", "liability"),
    ("2300", "Wages payable", "liability"),
    ("3000", "Equity", "equity"),
    ("3100", "Retained earnings", "equity"),
    ("4000", "Sales", "revenue"),
    ("5000", "Cost of goods sold", "expense"),
    ("5100", "Inventory adjustments", "expense"),
    ("5200", "Purchase price variance", "expense"),
    ("6000", "Salaries", "expense"),
    ("6100", "Depreciation", "expense"),
)

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


def seeded_accounts() -> list[dict]:
    return [{"id": account_id(code), "code": code, "name": name, "account_type": account_type, "active": True,
             "version": 1} for code, name, account_type in DEFAULT_CHART]


def created_events(rows: list[dict]) -> list[dict]:
    """The outbox rows, built through the event catalog so each payload is checked against AccountV1."""
    events = []
    with flow_context(FLOW_ID, FLOW_ID):
        for row in rows:
            snapshot = {key: row[key] for key in ("id", "code", "name", "account_type", "active")}
            event = new_event(EVENT_TYPE, snapshot, subject=str(row["id"]), sequence=row["version"])
            event = dataclasses.replace(event, id=event_id(row["code"]))
            events.append({"event_id": event.id, "event_type": event.type,
                           "correlation_id": event.correlation_id, "body": event.to_json()})
    return events


def upgrade() -> None:
    """Seed the chart and queue its created events for the relay."""
    rows = seeded_accounts()
    op.bulk_insert(accounts, rows)
    op.bulk_insert(outbox, created_events(rows))


def downgrade() -> None:
    """Remove the seeded accounts and their outbox rows."""
    codes = [code for code, _, _ in DEFAULT_CHART]
    op.execute(outbox.delete().where(outbox.c.event_id.in_([event_id(code) for code in codes])))
    op.execute(accounts.delete().where(accounts.c.id.in_([account_id(code) for code in codes])))
