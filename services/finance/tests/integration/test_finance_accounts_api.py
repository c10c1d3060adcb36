import itertools
import json
import uuid

from sqlalchemy import select

from finance.models import outbox

# Numbers no seeded account uses, one series per type so each test gets fresh ones.
_numbers = {"asset": itertools.count(1700), "liability": itertools.count(2700), "equity": itertools.count(3700),
            "revenue": itertools.count(4700), "expense": itertools.count(7000)}


def account_body(account_type="expense", **overrides):
    body = {"code": str(next(_numbers[account_type])), "name": "Office supplies", "account_type": account_type}
    body.update(overrides)
    return body


def outbox_events(app, subject):
    with app.extensions["erp_db"].unit_of_work() as session:
        rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
    return [(r.event_type, json.loads(r.body)) for r in rows if json.loads(r.body)["subject"] == subject]


def test_create_account_records_its_event_in_the_same_transaction(client, app, erp_tokens):
    response = client.post("/accounts", json=account_body("asset", name="Petty cash"),
                           headers=erp_tokens.headers("accounting"))
    assert response.status_code == 201, response.json
    account = response.json
    assert account["account_type"] == "asset" and account["version"] == 1 and account["active"] is True
    events = outbox_events(app, account["id"])
    assert [t for t, _ in events] == ["finance.account_created.v1"]
    envelope = events[0][1]
    assert envelope["sequence"] == 1
    assert envelope["data"] == {"id": account["id"], "code": account["code"], "name": "Petty cash",
                                "account_type": "asset", "active": True}


def test_update_and_deactivate_bump_the_version_and_publish(client, app, erp_tokens):
    headers = erp_tokens.headers("accounting")
    account = client.post("/accounts", json=account_body(), headers=headers).json
    updated = client.patch(f"/accounts/{account['id']}", json={"name": "Office supplies and postage"},
                           headers=headers)
    assert updated.status_code == 200 and updated.json["version"] == 2
    unchanged = client.patch(f"/accounts/{account['id']}", json={"name": "Office supplies and postage"},
                             headers=headers)
    assert unchanged.status_code == 200 and unchanged.json["version"] == 2
    gone = client.post(f"/accounts/{account['id']}/deactivate", headers=headers)
    assert gone.status_code == 200 and gone.json["active"] is False and gone.json["version"] == 3
    again = client.post(f"/accounts/{account['id']}/deactivate", headers=headers)
    assert again.status_code == 409 and again.content_type == "application/problem+json"
    events = outbox_events(app, account["id"])
    assert [t for t, _ in events] == ["finance.account_created.v1", "finance.account_updated.v1",
                                      "finance.account_deactivated.v1"]
    assert [e["sequence"] for _, e in events] == [1, 2, 3]
    assert events[1][1]["data"]["name"] == "Office supplies and postage"


def test_number_and_type_never_change(client, erp_tokens):
    headers = erp_tokens.headers("accounting")
    account = client.post("/accounts", json=account_body(), headers=headers).json
    for change in ({"account_type": "asset"}, {"code": "7999"}):
        response = client.patch(f"/accounts/{account['id']}", json=change, headers=headers)
        assert response.status_code == 422 and set(response.json["errors"]) == set(change)
    fetched = client.get(f"/accounts/{account['id']}", headers=headers).json
    assert (fetched["code"], fetched["account_type"], fetched["version"]) == (account["code"], "expense", 1)


def test_a_number_outside_its_type_range_is_refused_naming_the_field(client, app, erp_tokens):
    headers = erp_tokens.headers("accounting")
    wrong_type = client.post("/accounts", json=account_body("expense", code="4999"), headers=headers)
    assert wrong_type.status_code == 422 and wrong_type.content_type == "application/problem+json"
    assert list(wrong_type.json["errors"]) == ["account_type"]
    assert "revenue" in wrong_type.json["errors"]["account_type"][0]
    too_long = client.post("/accounts", json=account_body(code="70000"), headers=headers)
    assert too_long.status_code == 422 and list(too_long.json["errors"]) == ["code"]
    listed = client.get("/accounts?q=4999", headers=headers).json
    assert listed == []


def test_bad_input_is_a_problem_naming_the_fields(client, erp_tokens):
    body = account_body(account_type="expense")
    body.update(account_type="income", name="  ")
    response = client.post("/accounts", json=body, headers=erp_tokens.headers("accounting"))
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"account_type", "name"}
    missing = client.post("/accounts", json={}, headers=erp_tokens.headers("accounting"))
    assert set(missing.json["errors"]) == {"code", "name", "account_type"}


def test_duplicate_number_is_a_conflict(client, erp_tokens):
    headers = erp_tokens.headers("accounting")
    body = account_body()
    assert client.post("/accounts", json=body, headers=headers).status_code == 201
    response = client.post("/accounts", json=body, headers=headers)
    assert response.status_code == 409 and "code" in response.json["errors"]
    seeded = client.post("/accounts", json={"code": "1000", "name": "Cash again", "account_type": "asset"},
                         headers=headers)
    assert seeded.status_code == 409


def test_auth_is_required_and_roles_are_enforced(client, erp_tokens):
    assert client.post("/accounts", json=account_body()).status_code == 401
    assert client.get("/accounts").status_code == 401
    forbidden = client.post("/accounts", json=account_body(), headers=erp_tokens.headers("warehouse"))
    assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    assert client.get("/accounts", headers=erp_tokens.headers("viewer")).status_code == 200
    assert client.post("/accounts", json=account_body(), headers=erp_tokens.headers("admin")).status_code == 201
    expired = {"Authorization": f"Bearer {erp_tokens.token('accounting', ttl=-60)}"}
    assert client.get("/accounts", headers=expired).status_code == 401


def test_idempotency_key_replays_the_first_answer(client, erp_tokens):
    headers = {**erp_tokens.headers("accounting"), "Idempotency-Key": str(uuid.uuid4())}
    body = account_body()
    first = client.post("/accounts", json=body, headers=headers)
    second = client.post("/accounts", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json["id"] == first.json["id"] and second.headers["Idempotent-Replayed"] == "true"


def test_list_is_filtered_by_type_and_ordered_by_number(client, erp_tokens):
    response = client.get("/accounts?account_type=liability&page_size=100", headers=erp_tokens.headers("viewer"))
    assert response.status_code == 200
    codes = [a["code"] for a in response.json]
    assert codes == sorted(codes) and {"2000", "2100", "2200", "2300"} <= set(codes)
    assert {a["account_type"] for a in response.json} == {"liability"}


def test_health_ready_metrics_openapi(client):
    assert client.get("/health").json == {"status": "ok", "service": "finance"}
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.json
    spec = client.get("/openapi.json").json
    assert {"/accounts", "/read-models/suppliers", "/read-models/employees"} <= set(spec["paths"])
