"""Material consumption in the books: 6200 Materials consumed is seeded and published, a department's expense
account is set through the API (refused unless it is an active expense account of a department finance knows),
issues post to it, returns reverse on the account their issue used, and an event delivered twice posts once
(the inbox is bypassed on purpose: the business key alone must hold)."""
import itertools
import uuid
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from erp_shared.events import catalog, flow_context, new_event, parse_envelope
from finance.handlers import HANDLERS
from finance.models import Account, JournalEntry, outbox

ISSUED, RETURNED = "inventory.material_issued.v1", "inventory.material_returned.v1"
CHART_NAMESPACE = uuid.UUID("162e58fe-0185-4772-a963-a3abadf3b8bd")
_codes = itertools.count(8100)


def deliver(app, event_type, payload, subject=None):
    """What the consumer does with a delivery, minus the broker and the inbox."""
    flow = f"flow-{uuid.uuid4()}"
    with flow_context(flow, flow):
        envelope = new_event(event_type, payload, subject=str(subject or uuid.uuid4()), sequence=1)
    with flow_context(envelope.correlation_id, str(envelope.id), envelope.id):
        with app.extensions["erp_db"].unit_of_work() as session:
            HANDLERS[envelope.type](session, envelope, catalog.load(envelope.type, envelope.data))
    return envelope


class Consumption:
    """One department (replicated from HR) and the material events inventory publishes for it."""

    def __init__(self, app, client, erp_tokens):
        self.app, self.client = app, client
        self.tag = uuid.uuid4().hex[:6].upper()
        self.accountant, self.viewer = erp_tokens.headers("accounting"), erp_tokens.headers("viewer")
        self.department = self.department_known()

    def department_known(self, active=True) -> str:
        department = uuid.uuid4()
        deliver(self.app, "hr.department_created.v1", {"id": department, "code": f"D-{uuid.uuid4().hex[:6]}",
                                                       "name": "Maintenance", "active": active}, department)
        return str(department)

    def expense_account(self) -> str:
        code = str(next(_codes))
        response = self.client.post("/accounts", json={"code": code, "name": f"Materials {code}",
                                                       "account_type": "expense"}, headers=self.accountant)
        assert response.status_code == 201, response.json
        return code

    def set(self, account_code, department=None, expect=200, headers=None):
        response = self.client.put(f"/settings/department-expense-accounts/{department or self.department}",
                                   json={"account_code": account_code}, headers=headers or self.accountant)
        assert response.status_code == expect, response.json
        return response.json

    def issued(self, cost: str, issue_no=None):
        issue_no = issue_no or f"MI-{self.tag}-{uuid.uuid4().hex[:4]}"
        payload = {"issue_id": uuid.uuid4(), "issue_no": issue_no, "requisition_id": uuid.uuid4(),
                   "requisition_no": f"MR-{self.tag}", "department_id": uuid.UUID(self.department),
                   "employee_id": uuid.uuid4(), "issued_at": datetime.now(timezone.utc),
                   "lines": [{"issue_line_id": uuid.uuid4(), "requisition_line_id": uuid.uuid4(),
                              "item_id": uuid.uuid4(), "warehouse_id": uuid.uuid4(), "batch_no": None,
                              "quantity": D("2"), "unit_cost": D(cost) / 2, "cost": D(cost)}],
                   "total_cost": D(cost)}
        return payload

    def returned(self, issue: dict, cost: str):
        return {"return_id": uuid.uuid4(), "return_no": f"MRN-{self.tag}-{uuid.uuid4().hex[:4]}",
                "issue_id": issue["issue_id"], "issue_no": issue["issue_no"],
                "requisition_no": issue["requisition_no"], "department_id": issue["department_id"],
                "returned_at": datetime.now(timezone.utc),
                "lines": [{"return_line_id": uuid.uuid4(), "issue_line_id": issue["lines"][0]["issue_line_id"],
                           "item_id": issue["lines"][0]["item_id"], "warehouse_id": issue["lines"][0]["warehouse_id"],
                           "batch_no": None, "quantity": D("1"), "unit_cost": D(cost), "cost": D(cost)}],
                "total_cost": D(cost)}

    def post(self, event_type, payload):
        return deliver(self.app, event_type, payload)

    def entries(self, document):
        response = self.client.get(f"/journal-entries?source_document={document}", headers=self.viewer)
        assert response.status_code == 200, response.json
        return response.json


@pytest.fixture()
def consumption(app, client, erp_tokens) -> Consumption:
    return Consumption(app, client, erp_tokens)


def sides(entry):
    return [(line["account_code"], line["debit"], line["credit"]) for line in entry["lines"]]


def test_materials_consumed_is_seeded_and_published(app, client, erp_tokens):
    with app.extensions["erp_db"].unit_of_work() as session:
        account = session.execute(select(Account).where(Account.code == "6200")).scalar_one()
        rows = session.execute(select(outbox).where(outbox.c.correlation_id == "migration-0006")).all()
    assert (account.id, account.name, account.account_type, account.active) == (
        uuid.uuid5(CHART_NAMESPACE, "6200"), "Materials consumed", "expense", True)
    [row] = rows
    envelope = parse_envelope(row.body)
    data = catalog.load(envelope.type, envelope.data)
    assert (envelope.type, envelope.id, envelope.subject, envelope.sequence) == (
        "finance.account_created.v1", uuid.uuid5(CHART_NAMESPACE, "finance.account_created.v1/6200"),
        str(account.id), 1)
    assert (data["code"], data["name"], data["account_type"]) == ("6200", "Materials consumed", "expense")
    listed = client.get("/accounts?q=Materials consumed", headers=erp_tokens.headers("viewer")).json
    assert [a["code"] for a in listed] == ["6200"]


def test_an_issue_posts_to_6200_until_the_department_has_its_own_account(consumption):
    first = consumption.issued("14.29")
    consumption.post(ISSUED, first)
    [entry] = consumption.entries(first["issue_no"])
    assert entry["kind"] == "material_issue"
    assert sides(entry) == [("6200", "14.29", "0.00"), ("1200", "0.00", "14.29")]
    assert first["requisition_no"] in entry["description"]

    own = consumption.expense_account()
    setting = consumption.set(own)
    assert (setting["account_code"], setting["is_default"], setting["department_id"]) == (
        own, False, consumption.department)
    second = consumption.issued("3.10")
    consumption.post(ISSUED, second)
    [entry] = consumption.entries(second["issue_no"])
    assert sides(entry) == [(own, "3.10", "0.00"), ("1200", "0.00", "3.10")]


def test_a_return_reverses_on_the_account_its_issue_used(consumption):
    before = consumption.expense_account()
    consumption.set(before)
    issue = consumption.issued("14.29")
    consumption.post(ISSUED, issue)
    consumption.set(consumption.expense_account())          # the setting changes after the issue was posted
    back = consumption.returned(issue, "8.58")
    consumption.post(RETURNED, back)
    [entry] = consumption.entries(back["return_no"])
    assert entry["kind"] == "material_return"
    assert sides(entry) == [("1200", "8.58", "0.00"), (before, "0.00", "8.58")]
    assert issue["issue_no"] in entry["description"]


def test_a_return_whose_issue_is_not_in_the_books_uses_the_departments_account(consumption):
    current = consumption.expense_account()
    consumption.set(current)
    issue = consumption.issued("5.00")                      # never posted here (say, it cost nothing)
    back = consumption.returned(issue, "1.00")
    consumption.post(RETURNED, back)
    [entry] = consumption.entries(back["return_no"])
    assert sides(entry) == [("1200", "1.00", "0.00"), (current, "0.00", "1.00")]


def test_an_event_delivered_twice_posts_once(app, consumption):
    issue = consumption.issued("7.00")
    consumption.post(ISSUED, issue)
    consumption.post(ISSUED, issue)                         # a new envelope: only the business key stops it
    back = consumption.returned(issue, "7.00")
    consumption.post(RETURNED, back)
    consumption.post(RETURNED, back)
    with app.extensions["erp_db"].unit_of_work() as session:
        kinds = session.execute(select(JournalEntry.kind).where(
            JournalEntry.source_document.in_((issue["issue_no"], back["return_no"])))).scalars().all()
    assert sorted(kinds) == ["material_issue", "material_return"]


def test_the_setting_is_refused_unless_it_names_an_active_expense_account_of_a_known_department(consumption):
    unknown_department = consumption.set("6200", department=uuid.uuid4(), expect=404)
    assert list(unknown_department["errors"]) == ["department_id"]
    assert list(consumption.set("6999", expect=422)["errors"]) == ["account_code"]      # not in the chart
    asset = consumption.set("1200", expect=422)
    assert list(asset["errors"]) == ["account_code"] and "is asset" in asset["detail"]
    retired = consumption.expense_account()
    response = consumption.client.post(f"/accounts/{account_id(consumption, retired)}/deactivate",
                                       headers=consumption.accountant)
    assert response.status_code == 200, response.json
    assert "inactive" in consumption.set(retired, expect=422)["detail"]
    assert consumption.set("6200", expect=403, headers=consumption.viewer)["title"] == "Forbidden"
    assert consumption.client.put(f"/settings/department-expense-accounts/{consumption.department}", json={},
                                  headers=consumption.accountant).status_code == 422


def account_id(consumption, code) -> str:
    [account] = [a for a in consumption.client.get(f"/accounts?q={code}", headers=consumption.viewer).json
                 if a["code"] == code]
    return account["id"]


def test_every_known_department_is_listed_with_the_account_it_posts_to(consumption):
    own = consumption.expense_account()
    consumption.set(own)
    other = consumption.department_known()
    response = consumption.client.get("/settings/department-expense-accounts?page_size=100",
                                      headers=consumption.viewer)
    assert response.status_code == 200
    rows = {row["department_id"]: row for row in response.json}
    assert (rows[consumption.department]["account_code"], rows[consumption.department]["is_default"],
            rows[consumption.department]["account_name"]) == (own, False, f"Materials {own}")
    assert (rows[other]["account_code"], rows[other]["is_default"], rows[other]["account_name"],
            rows[other]["updated_by"]) == ("6200", True, "Materials consumed", None)
