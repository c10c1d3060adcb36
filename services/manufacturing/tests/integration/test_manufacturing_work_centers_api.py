import json
import uuid

from sqlalchemy import select

from manufacturing.models import outbox


def work_center_body(**overrides):
    body = {"code": f"WC-{uuid.uuid4().hex[:8]}", "name": "Laser cutter 1", "capacity_hours_per_day": "7.5"}
    body.update(overrides)
    return body


def outbox_events(app, subject):
    with app.extensions["erp_db"].unit_of_work() as session:
        rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
    return [(r.event_type, json.loads(r.body)) for r in rows if json.loads(r.body)["subject"] == subject]


def test_create_work_center_records_its_event_in_the_same_transaction(client, app, erp_tokens):
    response = client.post("/work-centers", json=work_center_body(), headers=erp_tokens.headers("production"))
    assert response.status_code == 201, response.json
    center = response.json
    assert center["capacity_hours_per_day"] == "7.5" and center["version"] == 1 and center["active"] is True
    events = outbox_events(app, center["id"])
    assert [t for t, _ in events] == ["manufacturing.work_center_created.v1"]
    envelope = events[0][1]
    assert envelope["sequence"] == 1 and envelope["source"] == "manufacturing"
    assert envelope["data"] == {"id": center["id"], "code": center["code"], "name": "Laser cutter 1",
                                "capacity_hours_per_day": "7.5", "active": True}


def test_update_and_deactivate_bump_the_version_and_publish(client, app, erp_tokens):
    headers = erp_tokens.headers("production")
    center = client.post("/work-centers", json=work_center_body(), headers=headers).json
    updated = client.patch(f"/work-centers/{center['id']}", json={"capacity_hours_per_day": "16"}, headers=headers)
    assert updated.status_code == 200 and updated.json["version"] == 2
    assert updated.json["capacity_hours_per_day"] == "16"
    gone = client.post(f"/work-centers/{center['id']}/deactivate", headers=headers)
    assert gone.status_code == 200 and gone.json["active"] is False and gone.json["version"] == 3
    again = client.post(f"/work-centers/{center['id']}/deactivate", headers=headers)
    assert again.status_code == 409 and again.content_type == "application/problem+json"
    events = outbox_events(app, center["id"])
    assert [t for t, _ in events] == ["manufacturing.work_center_created.v1",
                                      "manufacturing.work_center_updated.v1",
                                      "manufacturing.work_center_deactivated.v1"]
    assert [e["sequence"] for _, e in events] == [1, 2, 3]
    assert events[1][1]["data"]["capacity_hours_per_day"] == "16"


def test_capacity_must_fit_in_a_day(client, app, erp_tokens):
    headers = erp_tokens.headers("production")
    for hours in ("0", "24.5", "7.12345"):
        response = client.post("/work-centers", json=work_center_body(capacity_hours_per_day=hours), headers=headers)
        assert response.status_code == 422 and response.content_type == "application/problem+json", hours
        assert list(response.json["errors"]) == ["capacity_hours_per_day"]
    center = client.post("/work-centers", json=work_center_body(capacity_hours_per_day="24"), headers=headers).json
    refused = client.patch(f"/work-centers/{center['id']}", json={"capacity_hours_per_day": "30"}, headers=headers)
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["capacity_hours_per_day"]
    assert client.get(f"/work-centers/{center['id']}", headers=headers).json["version"] == 1
    assert [t for t, _ in outbox_events(app, center["id"])] == ["manufacturing.work_center_created.v1"]


def test_bad_input_is_a_problem_naming_the_fields_and_stores_nothing(client, erp_tokens):
    body = work_center_body(capacity_hours_per_day="-1", name="")
    response = client.post("/work-centers", json=body, headers=erp_tokens.headers("production"))
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"capacity_hours_per_day", "name"}
    floats = client.post("/work-centers", json=work_center_body(capacity_hours_per_day="eight"),
                         headers=erp_tokens.headers("production"))
    assert floats.status_code == 422 and list(floats.json["errors"]) == ["capacity_hours_per_day"]
    listed = client.get(f"/work-centers?q={body['code']}", headers=erp_tokens.headers("viewer")).json
    assert listed == []


def test_the_code_cannot_change(client, erp_tokens):
    headers = erp_tokens.headers("production")
    center = client.post("/work-centers", json=work_center_body(), headers=headers).json
    response = client.patch(f"/work-centers/{center['id']}", json={"code": "WC-OTHER"}, headers=headers)
    assert response.status_code == 422 and list(response.json["errors"]) == ["code"]


def test_duplicate_code_is_a_conflict(client, erp_tokens):
    headers = erp_tokens.headers("production")
    body = work_center_body()
    assert client.post("/work-centers", json=body, headers=headers).status_code == 201
    response = client.post("/work-centers", json=body, headers=headers)
    assert response.status_code == 409 and "code" in response.json["errors"]


def test_auth_is_required_and_roles_are_enforced(client, erp_tokens):
    assert client.post("/work-centers", json=work_center_body()).status_code == 401
    forbidden = client.post("/work-centers", json=work_center_body(), headers=erp_tokens.headers("accounting"))
    assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    assert client.get("/work-centers", headers=erp_tokens.headers("viewer")).status_code == 200
    expired = {"Authorization": f"Bearer {erp_tokens.token('production', ttl=-60)}"}
    assert client.get("/work-centers", headers=expired).status_code == 401


def test_idempotency_key_replays_the_first_answer(client, erp_tokens):
    headers = {**erp_tokens.headers("production"), "Idempotency-Key": str(uuid.uuid4())}
    body = work_center_body()
    first = client.post("/work-centers", json=body, headers=headers)
    second = client.post("/work-centers", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json["id"] == first.json["id"] and second.headers["Idempotent-Replayed"] == "true"


def test_health_ready_metrics_openapi(client):
    assert client.get("/health").json == {"status": "ok", "service": "manufacturing"}
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.json
    spec = client.get("/openapi.json").json
    assert {"/work-centers", "/read-models/items", "/read-models/warehouses"} <= set(spec["paths"])
