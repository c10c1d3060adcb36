import json
import uuid

from sqlalchemy import select

from hr.models import outbox


def department_body(**overrides):
    body = {"code": f"D-{uuid.uuid4().hex[:8]}", "name": "Engineering"}
    body.update(overrides)
    return body


def outbox_events(app, subject):
    with app.extensions["erp_db"].unit_of_work() as session:
        rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
    return [(r.event_type, json.loads(r.body)) for r in rows if json.loads(r.body)["subject"] == subject]


def test_department_lifecycle_publishes_each_version(client, app, erp_tokens):
    headers = erp_tokens.headers("hr")
    created = client.post("/departments", json=department_body(), headers=headers)
    assert created.status_code == 201, created.json
    department = created.json
    renamed = client.patch(f"/departments/{department['id']}", json={"name": "Research"}, headers=headers)
    assert renamed.status_code == 200 and renamed.json["version"] == 2 and renamed.json["name"] == "Research"
    gone = client.post(f"/departments/{department['id']}/deactivate", headers=headers)
    assert gone.status_code == 200 and gone.json["active"] is False and gone.json["version"] == 3
    events = outbox_events(app, department["id"])
    assert [t for t, _ in events] == ["hr.department_created.v1", "hr.department_updated.v1",
                                      "hr.department_deactivated.v1"]
    assert [e["sequence"] for _, e in events] == [1, 2, 3]
    assert events[2][1]["data"] == {"id": department["id"], "code": department["code"], "name": "Research",
                                    "active": False}


def test_bad_input_and_duplicates(client, erp_tokens):
    headers = erp_tokens.headers("hr")
    bad = client.post("/departments", json={"code": "has space", "name": ""}, headers=headers)
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"code", "name"}
    body = department_body()
    assert client.post("/departments", json=body, headers=headers).status_code == 201
    duplicate = client.post("/departments", json=body, headers=headers)
    assert duplicate.status_code == 409 and "code" in duplicate.json["errors"]


def test_only_hr_writes_departments(client, erp_tokens):
    assert client.post("/departments", json=department_body()).status_code == 401
    forbidden = client.post("/departments", json=department_body(), headers=erp_tokens.headers("warehouse"))
    assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    assert client.get("/departments", headers=erp_tokens.headers("viewer")).status_code == 200
