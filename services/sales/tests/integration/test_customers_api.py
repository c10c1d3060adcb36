import json
import uuid

from sqlalchemy import select

from sales.models import outbox


def customer_body(**overrides):
    body = {"code": f"CUS-{uuid.uuid4().hex[:8]}", "name": "Globex Corporation", "contact_name": "Hank Scorpio",
            "email": "buying@globex.example", "phone": "+1 555 0100", "address": "1 Cypress Creek",
            "credit_rating": "A", "credit_limit": "25000.00"}
    body.update(overrides)
    return body


def outbox_events(app, subject):
    with app.extensions["erp_db"].unit_of_work() as session:
        rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
    return [(r.event_type, json.loads(r.body)) for r in rows if json.loads(r.body)["subject"] == subject]


def test_create_customer_records_its_event_in_the_same_transaction(client, app, erp_tokens):
    response = client.post("/customers", json=customer_body(), headers=erp_tokens.headers("sales"))
    assert response.status_code == 201, response.json
    customer = response.json
    assert customer["credit_limit"] == "25000.00" and customer["version"] == 1 and customer["active"] is True
    events = outbox_events(app, customer["id"])
    assert [t for t, _ in events] == ["sales.customer_created.v1"]
    envelope = events[0][1]
    assert envelope["sequence"] == 1 and envelope["data"]["code"] == customer["code"]
    assert envelope["data"]["credit_limit"] == "25000.00" and envelope["data"]["credit_rating"] == "A"


def test_update_and_deactivate_bump_the_version_and_publish(client, app, erp_tokens):
    headers = erp_tokens.headers("sales")
    customer = client.post("/customers", json=customer_body(), headers=headers).json
    updated = client.patch(f"/customers/{customer['id']}", json={"credit_limit": "30000"}, headers=headers)
    assert updated.status_code == 200 and updated.json["version"] == 2
    assert updated.json["credit_limit"] == "30000.00" and updated.json["credit_rating"] == "A"
    gone = client.post(f"/customers/{customer['id']}/deactivate", headers=headers)
    assert gone.status_code == 200 and gone.json["active"] is False and gone.json["version"] == 3
    again = client.post(f"/customers/{customer['id']}/deactivate", headers=headers)
    assert again.status_code == 409 and again.content_type == "application/problem+json"
    events = outbox_events(app, customer["id"])
    assert [t for t, _ in events] == ["sales.customer_created.v1", "sales.customer_updated.v1",
                                      "sales.customer_deactivated.v1"]
    assert [e["sequence"] for _, e in events] == [1, 2, 3]


def test_a_d_rated_customer_must_have_no_credit_on_create(client, app, erp_tokens):
    headers = erp_tokens.headers("sales")
    body = customer_body(credit_rating="D", credit_limit="500")
    refused = client.post("/customers", json=body, headers=headers)
    assert refused.status_code == 422 and refused.content_type == "application/problem+json"
    assert set(refused.json["errors"]) == {"credit_limit"}
    assert client.get(f"/customers?q={body['code']}", headers=headers).json == []
    accepted = client.post("/customers", json=customer_body(credit_rating="D", credit_limit="0"), headers=headers)
    assert accepted.status_code == 201 and accepted.json["credit_limit"] == "0.00"


def test_the_credit_rule_judges_stored_and_incoming_values_together(client, app, erp_tokens):
    headers = erp_tokens.headers("sales")
    customer = client.post("/customers", json=customer_body(), headers=headers).json
    url = f"/customers/{customer['id']}"
    downgrade_only = client.patch(url, json={"credit_rating": "D"}, headers=headers)
    assert downgrade_only.status_code == 422 and set(downgrade_only.json["errors"]) == {"credit_limit"}
    downgraded = client.patch(url, json={"credit_rating": "D", "credit_limit": "0"}, headers=headers)
    assert downgraded.status_code == 200 and downgraded.json["version"] == 2
    raise_only = client.patch(url, json={"credit_limit": "100"}, headers=headers)
    assert raise_only.status_code == 422 and set(raise_only.json["errors"]) == {"credit_limit"}
    stored = client.get(url, headers=headers).json
    assert (stored["credit_rating"], stored["credit_limit"], stored["version"]) == ("D", "0.00", 2)
    assert [t for t, _ in outbox_events(app, customer["id"])] == ["sales.customer_created.v1",
                                                                  "sales.customer_updated.v1"]


def test_bad_input_is_a_problem_naming_the_fields(client, erp_tokens):
    body = customer_body(credit_rating="Z", credit_limit="-5", email="nope")
    del body["name"]
    response = client.post("/customers", json=body, headers=erp_tokens.headers("sales"))
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"credit_rating", "credit_limit", "email", "name"}
    missing = client.post("/customers", json={"code": "C-X", "name": "No limit"}, headers=erp_tokens.headers("sales"))
    assert missing.status_code == 422 and set(missing.json["errors"]) == {"credit_limit"}


def test_duplicate_code_is_a_conflict(client, erp_tokens):
    headers = erp_tokens.headers("sales")
    body = customer_body()
    assert client.post("/customers", json=body, headers=headers).status_code == 201
    response = client.post("/customers", json=body, headers=headers)
    assert response.status_code == 409 and "code" in response.json["errors"]


def test_auth_is_required_and_roles_are_enforced(client, erp_tokens):
    assert client.post("/customers", json=customer_body()).status_code == 401
    forbidden = client.post("/customers", json=customer_body(), headers=erp_tokens.headers("purchasing"))
    assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    customer = client.post("/customers", json=customer_body(), headers=erp_tokens.headers("sales")).json
    patch = client.patch(f"/customers/{customer['id']}", json={"name": "Renamed"},
                         headers=erp_tokens.headers("accounting"))
    assert patch.status_code == 403
    assert client.get("/customers", headers=erp_tokens.headers("viewer")).status_code == 200


def test_list_is_filtered_by_rating(client, erp_tokens):
    headers = erp_tokens.headers("sales")
    tag = uuid.uuid4().hex[:6]
    for n, rating in enumerate(("A", "C", "C")):
        client.post("/customers", json=customer_body(code=f"CUS-{tag}-{n}", credit_rating=rating), headers=headers)
    rated_c = client.get(f"/customers?q=CUS-{tag}&credit_rating=C", headers=headers)
    assert rated_c.status_code == 200 and [c["code"] for c in rated_c.json] == [f"CUS-{tag}-1", f"CUS-{tag}-2"]


def test_health_ready_metrics_openapi(client):
    assert client.get("/health").json["status"] == "ok"
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.json
    assert b"erp_http_requests_total" in client.get("/metrics").data
    paths = client.get("/openapi.json").json["paths"]
    assert {"/customers", "/read-models/items", "/read-models/warehouses"} <= set(paths)
