import json
import uuid

from sqlalchemy import select

from inventory.models import outbox


def item_body(**overrides):
    body = {"code": f"RM-{uuid.uuid4().hex[:8]}", "name": "Steel sheet 2mm", "unit": "kg",
            "item_type": "raw_material", "reorder_level": "100.5", "reorder_quantity": "500"}
    body.update(overrides)
    return body


def outbox_events(app, subject):
    with app.extensions["erp_db"].unit_of_work() as session:
        rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
    return [(r.event_type, json.loads(r.body)) for r in rows if json.loads(r.body)["subject"] == subject]


def test_create_item_records_its_event_in_the_same_transaction(client, app, erp_tokens):
    response = client.post("/items", json=item_body(), headers=erp_tokens.headers("warehouse"))
    assert response.status_code == 201, response.json
    item = response.json
    assert item["reorder_level"] == "100.5" and item["version"] == 1 and item["active"] is True
    events = outbox_events(app, item["id"])
    assert [t for t, _ in events] == ["inventory.item_created.v1"]
    envelope = events[0][1]
    assert envelope["sequence"] == 1 and envelope["data"]["code"] == item["code"]
    assert envelope["data"]["reorder_level"] == "100.5"


def test_update_and_deactivate_bump_the_version_and_publish(client, app, erp_tokens):
    headers = erp_tokens.headers("warehouse")
    item = client.post("/items", json=item_body(), headers=headers).json
    updated = client.patch(f"/items/{item['id']}", json={"name": "Steel sheet 3mm"}, headers=headers)
    assert updated.status_code == 200 and updated.json["version"] == 2
    gone = client.post(f"/items/{item['id']}/deactivate", headers=headers)
    assert gone.status_code == 200 and gone.json["active"] is False and gone.json["version"] == 3
    again = client.post(f"/items/{item['id']}/deactivate", headers=headers)
    assert again.status_code == 409 and again.content_type == "application/problem+json"
    types = [t for t, _ in outbox_events(app, item["id"])]
    assert types == ["inventory.item_created.v1", "inventory.item_updated.v1", "inventory.item_deactivated.v1"]


def test_bad_input_is_a_problem_naming_the_field_and_stores_nothing(client, app, erp_tokens):
    body = item_body(reorder_level="-1", item_type="gadget")
    response = client.post("/items", json=body, headers=erp_tokens.headers("warehouse"))
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"reorder_level", "item_type"}
    listed = client.get(f"/items?q={body['code']}", headers=erp_tokens.headers("viewer")).json
    assert listed == []


def test_float_free_decimals_and_malformed_json(client, erp_tokens):
    response = client.post("/items", data="{not json", content_type="application/json",
                           headers=erp_tokens.headers("warehouse"))
    assert response.status_code == 400 and response.content_type == "application/problem+json"


def test_duplicate_code_is_a_conflict(client, erp_tokens):
    headers = erp_tokens.headers("warehouse")
    body = item_body()
    assert client.post("/items", json=body, headers=headers).status_code == 201
    response = client.post("/items", json=body, headers=headers)
    assert response.status_code == 409 and "code" in response.json["errors"]


def test_auth_is_required_and_roles_are_enforced(client, erp_tokens):
    assert client.post("/items", json=item_body()).status_code == 401
    forbidden = client.post("/items", json=item_body(), headers=erp_tokens.headers("sales"))
    assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    assert client.get("/items", headers=erp_tokens.headers("viewer")).status_code == 200
    expired = {"Authorization": f"Bearer {erp_tokens.token('warehouse', ttl=-60)}"}
    assert client.get("/items", headers=expired).status_code == 401


def test_idempotency_key_replays_the_first_answer(client, erp_tokens):
    headers = {**erp_tokens.headers("warehouse"), "Idempotency-Key": str(uuid.uuid4())}
    body = item_body()
    first = client.post("/items", json=body, headers=headers)
    second = client.post("/items", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json["id"] == first.json["id"] and second.headers["Idempotent-Replayed"] == "true"
    other = client.post("/items", json=item_body(), headers=headers)
    assert other.status_code == 422


def test_list_is_paged_and_filtered(client, erp_tokens):
    headers = erp_tokens.headers("warehouse")
    tag = uuid.uuid4().hex[:6]
    for n in range(3):
        client.post("/items", json=item_body(code=f"FG-{tag}-{n}", item_type="finished_good"), headers=headers)
    page = client.get(f"/items?q=FG-{tag}&page=1&page_size=2", headers=headers)
    assert page.status_code == 200 and len(page.json) == 2
    assert json.loads(page.headers["X-Pagination"])["total"] == 3


def test_health_ready_metrics_openapi(client):
    assert client.get("/health").json["status"] == "ok"
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.json
    assert b"erp_http_requests_total" in client.get("/metrics").data
    spec = client.get("/openapi.json").json
    assert "/items" in spec["paths"] and "bearerAuth" in spec["components"]["securitySchemes"]


def test_request_id_is_echoed(client, erp_tokens):
    response = client.get("/items", headers={**erp_tokens.headers("viewer"), "X-Request-ID": "req-12345678"})
    assert response.headers["X-Request-ID"] == "req-12345678"


def test_read_models_are_kept_from_events_and_queryable(client, app, erp_tokens):
    from erp_shared.events import catalog, new_event
    from inventory.handlers import HANDLERS

    supplier = {"id": uuid.uuid4(), "code": f"S-{uuid.uuid4().hex[:6]}", "name": "Acme", "payment_terms_days": 30,
                "bank_iban": "DE89370400440532013000", "active": True}
    db = app.extensions["erp_db"]
    for sequence, name in ((2, "Acme Ltd"), (1, "stale name"), (2, "duplicate")):
        event = new_event("procurement.supplier_updated.v1", dict(supplier, name=name), sequence=sequence)
        with db.unit_of_work() as session:
            HANDLERS[event.type](session, event, catalog.load(event.type, event.data))
    rows = client.get(f"/read-models/suppliers?id={supplier['id']}", headers=erp_tokens.headers("viewer")).json
    assert [(r["name"], r["sequence"]) for r in rows] == [("Acme Ltd", 2)]
    assert "bank_iban" not in rows[0]
    assert client.get("/read-models/suppliers").status_code == 401
