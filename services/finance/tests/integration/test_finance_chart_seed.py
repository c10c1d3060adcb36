"""The default chart (DESIGN.md §4) is there after migration, and published through the outbox."""
import uuid

from sqlalchemy import select

from erp_shared.events import catalog, parse_envelope
from finance.models import Account, outbox

EXPECTED_CHART = {
    "1000": ("Cash", "asset"), "1100": ("Accounts receivable", "asset"), "1200": ("Inventory", "asset"),
    "1210": ("Work in progress", "asset"), "1500": ("Fixed assets", "asset"),
    "1510": ("Accumulated depreciation", "asset"), "2000": ("Accounts payable", "liability"),
    "2100": ("Goods received not invoiced (GRNI)", "liability"), "2200": ("Sales tax payable", "liability"),
    "2300": ("Wages payable", "liability"), "3000": ("Equity", "equity"), "3100": ("Retained earnings", "equity"),
    "4000": ("Sales", "revenue"), "5000": ("Cost of goods sold", "expense"),
    "5100": ("Inventory adjustments", "expense"), "5200": ("Purchase price variance", "expense"),
    "6000": ("Salaries", "expense"), "6100": ("Depreciation", "expense"),
}
CHART_NAMESPACE = uuid.UUID("162e58fe-0185-4772-a963-a3abadf3b8bd")


def seeded_accounts(app):
    with app.extensions["erp_db"].unit_of_work() as session:
        return session.execute(select(Account).where(Account.code.in_(EXPECTED_CHART))).scalars().all()


def seed_events(app):
    with app.extensions["erp_db"].unit_of_work() as session:
        return session.execute(select(outbox).where(outbox.c.correlation_id == "migration-0002")
                               .order_by(outbox.c.id)).all()


def test_the_default_chart_is_seeded_with_fixed_ids(app):
    accounts = seeded_accounts(app)
    assert {a.code: (a.name, a.account_type) for a in accounts} == EXPECTED_CHART
    for account in accounts:
        assert account.id == uuid.uuid5(CHART_NAMESPACE, account.code)
        assert account.active is True and account.version >= 1


def test_each_seeded_account_has_a_valid_created_event(app):
    accounts = {str(a.id): a for a in seeded_accounts(app)}
    rows = seed_events(app)
    assert len(rows) == 18
    seen = set()
    for row in rows:
        envelope = parse_envelope(row.body)
        data = catalog.load(envelope.type, envelope.data)
        assert row.event_type == envelope.type == "finance.account_created.v1"
        assert row.event_id == envelope.id
        assert envelope.source == "finance" and envelope.causation_id == "migration-0002"
        assert envelope.sequence == 1 and envelope.subject == str(data["id"])
        account = accounts[envelope.subject]
        assert (data["code"], data["name"], data["account_type"], data["active"]) == \
            (account.code, *EXPECTED_CHART[account.code], True)
        seen.add(data["code"])
    assert seen == set(EXPECTED_CHART)


def test_the_seeded_chart_is_served_like_any_account(client, erp_tokens):
    response = client.get("/accounts?q=GRNI", headers=erp_tokens.headers("viewer"))
    assert [(a["code"], a["account_type"], a["version"]) for a in response.json] == [("2100", "liability", 1)]
