"""Requests through the gateway to real HTTP services: inventory answers, sales hangs, finance is down."""
import time
import uuid

import requests


def calls_to(service, method, path_prefix):
    return [call for call in service.calls if call[0] == method and call[1].startswith(path_prefix)]


def test_without_a_token_the_request_is_refused_before_the_service_sees_it(client, echo_service):
    marker = f"/no-token-{uuid.uuid4().hex}"
    response = client.get(f"/api/inventory{marker}")
    assert response.status_code == 401 and response.content_type == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == "Bearer"
    forged = client.get(f"/api/inventory{marker}", headers={"Authorization": "Bearer not-a-jwt"})
    assert forged.status_code == 401
    assert calls_to(echo_service, "GET", marker) == []


def test_an_expired_token_is_refused(client, erp_tokens):
    expired = {"Authorization": f"Bearer {erp_tokens.token('viewer', ttl=-60)}"}
    response = client.get("/api/inventory/items", headers=expired)
    assert response.status_code == 401 and "expired" in response.json["detail"]


def test_the_wrong_role_is_a_403_naming_the_roles_needed(client, erp_tokens, echo_service):
    marker = f"/items-{uuid.uuid4().hex}"
    response = client.post(f"/api/inventory{marker}", json={}, headers=erp_tokens.headers("sales"))
    assert response.status_code == 403 and response.content_type == "application/problem+json"
    assert "admin, warehouse" in response.json["detail"]
    assert calls_to(echo_service, "POST", marker) == []


def test_a_viewer_reads_and_gets_the_services_status_body_and_headers(client, erp_tokens, echo_service):
    response = client.get("/api/inventory/items?q=steel&page=2", headers=erp_tokens.headers("viewer"))
    assert response.status_code == 200, response.json
    seen = response.json
    assert seen["method"] == "GET" and seen["path"] == "/items" and seen["query"] == "q=steel&page=2"
    assert seen["headers"]["Authorization"].startswith("Bearer ")
    assert response.headers["X-Upstream"] == "echo"
    assert response.headers.getlist("Link") == ["</items?page=2>; rel=next", "</items?page=9>; rel=last"]
    direct = requests.get(f"{echo_service.url}/items")
    assert direct.headers["Keep-Alive"], "the fake must send it"
    assert "Keep-Alive" not in response.headers


def test_admin_paths_are_for_admins_only(client, erp_tokens):
    refused = client.get("/api/inventory/admin/dead-letters", headers=erp_tokens.headers("warehouse", "viewer"))
    assert refused.status_code == 403 and refused.json["detail"].endswith("needs one of the roles: admin")
    allowed = client.get("/api/inventory/admin/dead-letters", headers=erp_tokens.headers("admin"))
    assert allowed.status_code == 200 and allowed.json["path"] == "/admin/dead-letters"


def test_the_request_id_is_kept_forwarded_and_echoed(client, erp_tokens):
    given = client.get("/api/inventory/items", headers={**erp_tokens.headers("viewer"), "X-Request-ID": "trace-0001"})
    assert given.headers["X-Request-ID"] == "trace-0001"
    assert given.json["headers"]["X-Request-ID"] == "trace-0001"
    unsafe = client.get("/api/inventory/items", headers={**erp_tokens.headers("viewer"), "X-Request-ID": "<script>"})
    made = unsafe.headers["X-Request-ID"]
    assert uuid.UUID(made) and unsafe.json["headers"]["X-Request-ID"] == made


def test_a_write_carries_its_body_and_idempotency_key_and_nothing_else(client, erp_tokens):
    headers = {**erp_tokens.headers("warehouse"), "Idempotency-Key": "order-77", "If-Match": '"4"',
               "Cookie": "session=secret", "X-Forwarded-Host": "evil.example"}
    response = client.post("/api/inventory/items", json={"code": "RM-1", "qty": "12.50"}, headers=headers)
    assert response.status_code == 200
    seen = response.json
    assert seen["method"] == "POST" and seen["body"] == '{"code": "RM-1", "qty": "12.50"}'
    assert seen["headers"]["Idempotency-Key"] == "order-77" and seen["headers"]["If-Match"] == '"4"'
    assert seen["headers"]["Content-Type"] == "application/json"
    assert "Cookie" not in seen["headers"] and "X-Forwarded-Host" not in seen["headers"]


def test_a_location_from_the_service_is_turned_into_a_gateway_url(client, erp_tokens):
    response = client.post("/api/inventory/created", json={}, headers=erp_tokens.headers("warehouse"))
    assert response.status_code == 201
    assert response.headers["Location"] == "/api/inventory/items/42?view=full"


def test_the_services_own_errors_pass_through_unchanged(client, erp_tokens):
    response = client.get("/api/inventory/broken", headers=erp_tokens.headers("viewer"))
    assert response.status_code == 500 and response.content_type == "application/problem+json"
    assert response.json == {"title": "Internal server error"}


def test_an_unknown_service_is_a_404_problem(client, erp_tokens):
    response = client.get("/api/payroll/runs", headers=erp_tokens.headers("admin"))
    assert response.status_code == 404 and response.content_type == "application/problem+json"
    assert "/api/payroll" in response.json["detail"]


def test_dot_segments_cannot_sneak_past_the_policy(client, erp_tokens, echo_service):
    response = client.post("/api/inventory/items/%2e%2e/admin/dead-letters/replay",
                           headers=erp_tokens.headers("warehouse"))
    assert response.status_code == 400 and response.content_type == "application/problem+json"
    assert "'..'" in response.json["detail"]
    assert calls_to(echo_service, "POST", "/admin") == []


def test_a_hanging_service_is_a_504_within_the_timeout_and_the_post_is_sent_once(client, erp_tokens, hanging):
    marker = f"/orders-{uuid.uuid4().hex}"
    started = time.monotonic()
    response = client.post(f"/api/sales{marker}", json={}, headers=erp_tokens.headers("sales"))
    elapsed = time.monotonic() - started
    assert response.status_code == 504 and response.content_type == "application/problem+json"
    assert response.json["title"] == "Gateway timeout"
    assert elapsed < 3, f"took {elapsed:.1f} s"
    assert len(calls_to(hanging, "POST", marker)) == 1


def test_a_service_that_is_down_is_a_502_and_other_routes_still_work(client, erp_tokens):
    down = client.get("/api/finance/accounts", headers=erp_tokens.headers("viewer"))
    assert down.status_code == 502 and down.content_type == "application/problem+json"
    assert "finance" in down.json["detail"]
    assert client.get("/api/inventory/items", headers=erp_tokens.headers("viewer")).status_code == 200


def test_upstream_errors_are_counted_by_service_and_status(client, erp_tokens):
    client.get("/api/finance/accounts", headers=erp_tokens.headers("viewer"))
    client.get("/api/inventory/broken", headers=erp_tokens.headers("viewer"))
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'erp_gateway_upstream_errors_total{service="finance",status="502"}' in metrics
    assert 'erp_gateway_upstream_errors_total{service="inventory",status="500"}' in metrics
    assert 'erp_gateway_upstream_duration_seconds_count{service="inventory"}' in metrics


def test_a_token_from_the_gateway_works_through_the_gateway(client, make_user, password):
    username, _ = make_user("warehouse")
    token = client.post("/api/auth/token", json={"username": username, "password": password}).json["access_token"]
    response = client.post("/api/inventory/items", json={}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json["headers"]["Authorization"] == f"Bearer {token}"
