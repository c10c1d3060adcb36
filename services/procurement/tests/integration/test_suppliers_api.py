import json
import uuid

from sqlalchemy import select

from procurement.models import outbox

BANK_FIELDS = {"bank_account_name", "bank_iban", "bank_bic"}


def supplier_body(**overrides):
    body = {"code": f"SUP-{uuid.uuid4().hex[:8]}", "name": "Acme Steel", "payment_terms_days": 45,
            "contact_name": "Ada Byrne", "email": "orders@acme.example", "phone": "+49 30 1234567",
            "bank_account_name": "Acme Steel GmbH", "bank_iban": "de89 3704 0044 0532 0130 00",
            "bank_bic": "cobadeff370"}
    body.update(overrides)
    return body


def outbox_events(app, subject):
    with app.extensions["erp_db"].unit_of_work() as session:
        rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
    return [(r.event_type, json.loads(r.body)) for r in rows if json.loads(r.body)["subject"] == subject]


def test_create_supplier_records_its_event_with_the_bank_details(client, app, erp_tokens):
    response = client.post("/suppliers", json=supplier_body(), headers=erp_tokens.headers("purchasing"))
    assert response.status_code == 201, response.json
    supplier = response.json
    assert supplier["version"] == 1 and supplier["active"] is True and supplier["payment_terms_days"] == 45
    assert supplier["bank_iban"] == "DE89370400440532013000" and supplier["bank_bic"] == "COBADEFF370"
    events = outbox_events(app, supplier["id"])
    assert [t for t, _ in events] == ["procurement.supplier_created.v1"]
    envelope = events[0][1]
    assert envelope["sequence"] == 1 and envelope["data"]["code"] == supplier["code"]
    assert envelope["data"]["bank_iban"] == "DE89370400440532013000"


def test_payment_terms_default_to_thirty_days(client, erp_tokens):
    body = {"code": f"SUP-{uuid.uuid4().hex[:8]}", "name": "Bolt & Nut Ltd"}
    response = client.post("/suppliers", json=body, headers=erp_tokens.headers("purchasing"))
    assert response.status_code == 201 and response.json["payment_terms_days"] == 30
    assert response.json["bank_iban"] is None


def test_update_and_deactivate_bump_the_version_and_publish(client, app, erp_tokens):
    headers = erp_tokens.headers("purchasing")
    supplier = client.post("/suppliers", json=supplier_body(), headers=headers).json
    updated = client.patch(f"/suppliers/{supplier['id']}", json={"payment_terms_days": 60}, headers=headers)
    assert updated.status_code == 200 and updated.json["version"] == 2
    assert updated.json["payment_terms_days"] == 60 and updated.json["name"] == "Acme Steel"
    unchanged = client.patch(f"/suppliers/{supplier['id']}", json={"payment_terms_days": 60}, headers=headers)
    assert unchanged.status_code == 200 and unchanged.json["version"] == 2
    gone = client.post(f"/suppliers/{supplier['id']}/deactivate", headers=headers)
    assert gone.status_code == 200 and gone.json["active"] is False and gone.json["version"] == 3
    again = client.post(f"/suppliers/{supplier['id']}/deactivate", headers=headers)
    assert again.status_code == 409 and again.content_type == "application/problem+json"
    events = outbox_events(app, supplier["id"])
    assert [t for t, _ in events] == ["procurement.supplier_created.v1", "procurement.supplier_updated.v1",
                                      "procurement.supplier_deactivated.v1"]
    assert [e["sequence"] for _, e in events] == [1, 2, 3]
    assert events[1][1]["data"]["payment_terms_days"] == 60


def test_bad_input_is_a_problem_naming_the_fields_and_stores_nothing(client, erp_tokens):
    body = supplier_body(email="orders-at-acme", payment_terms_days=400, bank_iban="DE8", bank_bic="COBADE")
    response = client.post("/suppliers", json=body, headers=erp_tokens.headers("purchasing"))
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"email", "payment_terms_days", "bank_iban", "bank_bic"}
    listed = client.get(f"/suppliers?q={body['code']}", headers=erp_tokens.headers("viewer")).json
    assert listed == []


def test_unknown_supplier_is_not_found(client, erp_tokens):
    response = client.get(f"/suppliers/{uuid.uuid4()}", headers=erp_tokens.headers("purchasing"))
    assert response.status_code == 404 and response.content_type == "application/problem+json"


def test_duplicate_code_is_a_conflict(client, erp_tokens):
    headers = erp_tokens.headers("purchasing")
    body = supplier_body()
    assert client.post("/suppliers", json=body, headers=headers).status_code == 201
    response = client.post("/suppliers", json=body, headers=headers)
    assert response.status_code == 409 and "code" in response.json["errors"]


def test_auth_is_required_and_roles_are_enforced(client, erp_tokens):
    assert client.post("/suppliers", json=supplier_body()).status_code == 401
    forbidden = client.post("/suppliers", json=supplier_body(), headers=erp_tokens.headers("accounting"))
    assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    assert client.get("/suppliers", headers=erp_tokens.headers("viewer")).status_code == 200
    assert client.post("/suppliers", json=supplier_body(), headers=erp_tokens.headers("admin")).status_code == 201


def test_bank_details_are_shown_only_to_accounting_purchasing_and_admin(client, erp_tokens):
    supplier = client.post("/suppliers", json=supplier_body(), headers=erp_tokens.headers("purchasing")).json
    url = f"/suppliers/{supplier['id']}"
    for role in ("warehouse", "viewer", "sales"):
        seen = client.get(url, headers=erp_tokens.headers(role))
        assert seen.status_code == 200 and not BANK_FIELDS & set(seen.json), role
        assert seen.json["name"] == "Acme Steel"
        listed = client.get(f"/suppliers?q={supplier['code']}", headers=erp_tokens.headers(role)).json
        assert len(listed) == 1 and not BANK_FIELDS & set(listed[0]), role
    for role in ("accounting", "purchasing", "admin"):
        seen = client.get(url, headers=erp_tokens.headers(role)).json
        assert seen["bank_iban"] == "DE89370400440532013000" and seen["bank_account_name"] == "Acme Steel GmbH"
        listed = client.get(f"/suppliers?q={supplier['code']}", headers=erp_tokens.headers(role)).json
        assert listed[0]["bank_bic"] == "COBADEFF370", role


def test_idempotency_key_replays_the_first_answer(client, erp_tokens):
    headers = {**erp_tokens.headers("purchasing"), "Idempotency-Key": str(uuid.uuid4())}
    body = supplier_body()
    first = client.post("/suppliers", json=body, headers=headers)
    second = client.post("/suppliers", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json["id"] == first.json["id"] and second.headers["Idempotent-Replayed"] == "true"


def test_health_ready_metrics_openapi(client):
    assert client.get("/health").json["status"] == "ok"
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.json
    assert b"erp_http_requests_total" in client.get("/metrics").data
    paths = client.get("/openapi.json").json["paths"]
    assert {"/suppliers", "/read-models/items", "/read-models/warehouses"} <= set(paths)


def test_the_list_sorts_by_whitelisted_keys_and_refuses_others(client, erp_tokens):
    headers, tag = erp_tokens.headers("purchasing"), uuid.uuid4().hex[:8]
    for code, name in (("A", "Zinc Works"), ("B", "Alloy House"), ("C", "Alloy House")):
        client.post("/suppliers", json=supplier_body(code=f"S{tag}-{code}", name=name), headers=headers)

    def codes(sort=None):
        query = f"/suppliers?q=S{tag}" + (f"&sort={sort}" if sort else "")
        response = client.get(query, headers=headers)
        assert response.status_code == 200, response.json
        return [row["code"][-1] for row in response.json]

    assert codes() == ["A", "B", "C"]
    assert codes("-code") == ["C", "B", "A"]
    assert codes("name,-code") == ["C", "B", "A"]
    assert codes("-name,code") == ["A", "B", "C"]
    refused = client.get("/suppliers?sort=bank_iban", headers=headers)
    assert refused.status_code == 422 and refused.content_type == "application/problem+json"
    assert set(refused.json["errors"]) == {"sort"}


def test_q_finds_any_part_of_a_code_or_name_with_wildcards_taken_literally(client, erp_tokens):
    headers, tag = erp_tokens.headers("purchasing"), uuid.uuid4().hex[:8].upper()
    for code, name in ((f"S{tag}-1", f"Metals 100% {tag}"), (f"S{tag}-2", f"Metals 1000 {tag}"), (f"S{tag}_3", "Plain")):
        assert client.post("/suppliers", json=supplier_body(code=code, name=name), headers=headers).status_code == 201

    def codes(text):
        response = client.get("/suppliers", query_string={"q": text}, headers=headers)
        assert response.status_code == 200, response.json
        return sorted(row["code"] for row in response.json)

    assert codes(f"metals 100% {tag.lower()}") == [f"S{tag}-1"]           # % is a character, not "anything"
    assert codes(f"{tag}-") == [f"S{tag}-1", f"S{tag}-2"]                   # part of a code, any case
    assert codes(f"{tag}_") == [f"S{tag}_3"]                                 # _ is a character too
    assert codes(f"metals 10 {tag}") == []
