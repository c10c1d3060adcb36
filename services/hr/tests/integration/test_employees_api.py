import json
import uuid

from sqlalchemy import select

from hr.models import outbox


def new_department(client, erp_tokens, **overrides):
    body = {"code": f"D-{uuid.uuid4().hex[:8]}", "name": "Engineering", **overrides}
    response = client.post("/departments", json=body, headers=erp_tokens.headers("hr"))
    assert response.status_code == 201, response.json
    return response.json


def employee_body(department_id, **overrides):
    body = {"employee_no": f"E-{uuid.uuid4().hex[:8]}", "full_name": "Grace Hopper",
            "email": "grace@example.com", "job_title": "Engineer", "department_id": department_id,
            "hired_on": "2024-03-01"}
    body.update(overrides)
    return body


def outbox_events(app, subject):
    with app.extensions["erp_db"].unit_of_work() as session:
        rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
    return [(r.event_type, json.loads(r.body)) for r in rows if json.loads(r.body)["subject"] == subject]


def test_create_employee_records_its_event(client, app, erp_tokens):
    department = new_department(client, erp_tokens)
    response = client.post("/employees", json=employee_body(department["id"]), headers=erp_tokens.headers("hr"))
    assert response.status_code == 201, response.json
    employee = response.json
    assert employee["department_id"] == department["id"] and employee["hired_on"] == "2024-03-01"
    assert employee["version"] == 1 and employee["active"] is True
    events = outbox_events(app, employee["id"])
    assert [t for t, _ in events] == ["hr.employee_created.v1"]
    data = events[0][1]["data"]
    assert data["employee_no"] == employee["employee_no"] and data["department_id"] == department["id"]
    assert data["hired_on"] == "2024-03-01" and events[0][1]["sequence"] == 1


def test_update_and_deactivate_bump_the_version_and_publish(client, app, erp_tokens):
    headers = erp_tokens.headers("hr")
    first, second = new_department(client, erp_tokens), new_department(client, erp_tokens, name="Finance")
    employee = client.post("/employees", json=employee_body(first["id"]), headers=headers).json
    moved = client.patch(f"/employees/{employee['id']}", json={"department_id": second["id"],
                                                               "job_title": "Controller"}, headers=headers)
    assert moved.status_code == 200 and moved.json["version"] == 2 and moved.json["department_id"] == second["id"]
    gone = client.post(f"/employees/{employee['id']}/deactivate", headers=headers)
    assert gone.status_code == 200 and gone.json["active"] is False and gone.json["version"] == 3
    assert client.post(f"/employees/{employee['id']}/deactivate", headers=headers).status_code == 409
    events = outbox_events(app, employee["id"])
    assert [t for t, _ in events] == ["hr.employee_created.v1", "hr.employee_updated.v1",
                                      "hr.employee_deactivated.v1"]
    assert events[1][1]["data"]["job_title"] == "Controller"


def test_an_employee_joins_only_an_existing_active_department(client, app, erp_tokens):
    headers = erp_tokens.headers("hr")
    unknown = client.post("/employees", json=employee_body(str(uuid.uuid4())), headers=headers)
    assert unknown.status_code == 422 and set(unknown.json["errors"]) == {"department_id"}
    closed = new_department(client, erp_tokens)
    assert client.post(f"/departments/{closed['id']}/deactivate", headers=headers).status_code == 200
    body = employee_body(closed["id"])
    inactive = client.post("/employees", json=body, headers=headers)
    assert inactive.status_code == 422 and set(inactive.json["errors"]) == {"department_id"}
    assert client.get(f"/employees?q={body['employee_no']}", headers=headers).json == []

    open_department = new_department(client, erp_tokens)
    employee = client.post("/employees", json=employee_body(open_department["id"]), headers=headers).json
    moved = client.patch(f"/employees/{employee['id']}", json={"department_id": closed["id"]}, headers=headers)
    assert moved.status_code == 422 and set(moved.json["errors"]) == {"department_id"}
    assert client.get(f"/employees/{employee['id']}", headers=headers).json["version"] == 1
    assert [t for t, _ in outbox_events(app, employee["id"])] == ["hr.employee_created.v1"]


def test_an_employee_may_have_no_department(client, erp_tokens):
    body = employee_body(None)
    response = client.post("/employees", json=body, headers=erp_tokens.headers("hr"))
    assert response.status_code == 201 and response.json["department_id"] is None


def test_bad_input_is_a_problem_naming_the_fields(client, erp_tokens):
    body = employee_body("not-a-uuid", email="grace-at-example", hired_on="yesterday")
    response = client.post("/employees", json=body, headers=erp_tokens.headers("hr"))
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"department_id", "email", "hired_on"}


def test_duplicate_employee_number_is_a_conflict(client, erp_tokens):
    headers = erp_tokens.headers("hr")
    body = employee_body(None)
    assert client.post("/employees", json=body, headers=headers).status_code == 201
    response = client.post("/employees", json={**body, "full_name": "Someone Else"}, headers=headers)
    assert response.status_code == 409 and "employee_no" in response.json["errors"]


def test_auth_is_required_and_roles_are_enforced(client, erp_tokens):
    assert client.post("/employees", json=employee_body(None)).status_code == 401
    forbidden = client.post("/employees", json=employee_body(None), headers=erp_tokens.headers("accounting"))
    assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    assert client.get("/employees", headers=erp_tokens.headers("viewer")).status_code == 200


def test_list_searches_number_and_name_and_filters_by_department(client, erp_tokens):
    headers = erp_tokens.headers("hr")
    tag = uuid.uuid4().hex[:8]
    first, second = new_department(client, erp_tokens), new_department(client, erp_tokens)
    for n, (department, name) in enumerate([(first, "Ada Lovelace"), (first, f"Alan Turing {tag}"),
                                            (second, "Edsger Dijkstra")]):
        body = employee_body(department["id"], employee_no=f"E-{tag}-{n}", full_name=name)
        assert client.post("/employees", json=body, headers=headers).status_code == 201
    by_number = client.get(f"/employees?q=E-{tag}", headers=headers)
    assert by_number.status_code == 200 and len(by_number.json) == 3
    assert [e["employee_no"] for e in by_number.json] == [f"E-{tag}-0", f"E-{tag}-1", f"E-{tag}-2"]
    by_name = client.get(f"/employees?q=turing {tag}", headers=headers).json
    assert [e["employee_no"] for e in by_name] == [f"E-{tag}-1"]
    in_first = client.get(f"/employees?q=E-{tag}&department_id={first['id']}", headers=headers)
    assert [e["employee_no"] for e in in_first.json] == [f"E-{tag}-0", f"E-{tag}-1"]
    assert json.loads(in_first.headers["X-Pagination"])["total"] == 2
    inactive = client.get(f"/employees?q=E-{tag}&active=false", headers=headers).json
    assert inactive == []


def test_list_sorts_by_number_and_name_records_identified_by_them(client, erp_tokens):
    department, headers = new_department(client, erp_tokens)["id"], erp_tokens.headers("hr")
    tag = uuid.uuid4().hex[:8]
    for suffix, full_name in (("1", "Zed Young"), ("2", "Ann Bell"), ("3", "Ann Bell")):
        body = employee_body(department, employee_no=f"E{tag}-{suffix}", full_name=full_name)
        assert client.post("/employees", json=body, headers=headers).status_code == 201

    def numbers(sort):
        response = client.get(f"/employees?department_id={department}&sort={sort}", headers=headers)
        assert response.status_code == 200, response.json
        return [employee["employee_no"][-1] for employee in response.json]

    assert numbers("employee_no") == ["1", "2", "3"]
    assert numbers("-employee_no") == ["3", "2", "1"]
    assert numbers("full_name,-employee_no") == ["3", "2", "1"]
    bad = client.get("/employees?sort=code", headers=headers)
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"sort"}


def test_hr_consumes_no_events_and_serves_no_dead_letters(client, erp_tokens):
    from hr.handlers import HANDLERS
    assert HANDLERS == {}
    paths = client.get("/openapi.json").json["paths"]
    assert {"/departments", "/employees"} <= set(paths) and not any(p.startswith("/admin") for p in paths)


def test_health_and_ready(client):
    assert client.get("/health").json["status"] == "ok"
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.json
