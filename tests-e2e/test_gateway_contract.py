"""What every client sees at the gateway: authentication, roles, validation and tracing."""
import json
import uuid

import psycopg
from sqlalchemy.engine import make_url



def item(**overrides):
    body = {"code": f"FG-{uuid.uuid4().hex[:8]}", "name": "Gearbox", "unit": "pc", "item_type": "finished_good"}
    body.update(overrides)
    return body


def test_no_token_is_401_as_problem_json(system):
    response = system.call("POST", "/api/inventory/items", role=None, json=item())
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert response.headers.get("WWW-Authenticate", "").startswith("Bearer")


def test_the_wrong_role_is_403(system):
    response = system.call("POST", "/api/inventory/items", role="sales", json=item())
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert system.call("POST", "/api/inventory/items", role="viewer", json=item()).status_code == 403


def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(system):
    body = item(item_type="spaceship", reorder_level="-5")
    response = system.call("POST", "/api/inventory/items", role="warehouse", json=body)
    assert response.status_code == 422
    problem = response.json()
    assert set(problem["errors"]) == {"item_type", "reorder_level"} and problem["status"] == 422
    listed = system.call("GET", f"/api/inventory/items?q={body['code']}", role="viewer")
    assert listed.status_code == 200 and listed.json() == []


def test_wrong_credentials_are_401(system):
    assert system.login("e2e-admin", "not-the-password").status_code == 401


def test_the_request_id_becomes_the_events_correlation_id(system, erp_infra):
    request_id = f"req-{uuid.uuid4()}"
    created = system.call("POST", "/api/inventory/items", role="warehouse", json=item(),
                          headers={"X-Request-ID": request_id})
    assert created.status_code == 201 and created.headers["X-Request-ID"] == request_id
    url = make_url(erp_infra.database_url("inventory")).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        body = conn.execute("SELECT body FROM outbox WHERE correlation_id = %s", (request_id,)).fetchone()[0]
    envelope = json.loads(body)
    assert envelope["subject"] == created.json()["id"]
    assert envelope["correlation_id"] == envelope["causation_id"] == request_id


def test_the_aggregated_openapi_lists_every_service(system):
    spec = system.call("GET", "/api/openapi.json", role=None).json()
    for path in ("/api/inventory/items", "/api/procurement/suppliers", "/api/sales/customers",
                 "/api/finance/accounts", "/api/hr/employees", "/api/manufacturing/work-centers"):
        assert path in spec["paths"], path
    docs = system.call("GET", "/api/docs", role=None)
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_metrics_are_collected_across_gunicorn_processes(system):
    import requests

    for _ in range(3):
        system.call("GET", "/api/sales/customers", role="viewer")
    text = requests.get(f"{system.service_urls['sales']}/metrics", timeout=5).text
    served = [line for line in text.splitlines()
              if line.startswith("erp_http_requests_total{") and 'endpoint="/customers"' in line]
    assert served and sum(float(line.split()[-1]) for line in served) >= 3
    assert 'erp_outbox_pending{service="sales"}' in text
