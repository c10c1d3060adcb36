import uuid

from argon2 import PasswordHasher
from sqlalchemy import select

from erp_shared.web.auth import ROLES, verify_token

from gateway.app import create_app
from gateway.models import Role, User
from gateway.passwords import needs_rehash


def sign_in(client, username, password, **kwargs):
    return client.post("/api/auth/token", json={"username": username, "password": password}, **kwargs)


def test_the_roles_are_seeded_by_the_migration(gateway_db):
    with gateway_db.unit_of_work() as session:
        assert set(session.scalars(select(Role.name))) == set(ROLES)


def test_a_token_is_issued_that_the_services_verify(client, make_user, erp_tokens, password):
    username, user_id = make_user("warehouse", "viewer")
    response = sign_in(client, username, password)
    assert response.status_code == 200, response.json
    body = response.json
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600 and set(body) == {
        "access_token", "token_type", "expires_in"}
    principal = verify_token(body["access_token"], erp_tokens.public_pem, issuer="erp-gateway", audience="erp")
    assert principal.subject == str(user_id) and principal.username == username
    assert principal.roles == {"warehouse", "viewer"}
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json == {"id": str(user_id), "username": username, "roles": ["viewer", "warehouse"]}


def test_usernames_are_not_case_sensitive(client, make_user, password):
    username, _ = make_user("viewer")
    assert sign_in(client, f"  {username.upper()} ", password).status_code == 200


def test_a_wrong_password_and_an_unknown_user_get_the_same_401(client, make_user, password):
    username, _ = make_user("viewer")
    wrong = sign_in(client, username, "not the password")
    unknown = sign_in(client, f"nobody-{uuid.uuid4().hex}", password)
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert response.content_type == "application/problem+json"
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert "access_token" not in response.json
    assert wrong.json["detail"] == unknown.json["detail"] == "the username or password is wrong"


def test_a_deactivated_user_cannot_sign_in(client, make_user, gateway_db, password):
    username, user_id = make_user("viewer")
    with gateway_db.unit_of_work() as session:
        session.get(User, user_id).active = False
    assert sign_in(client, username, password).status_code == 401


def test_missing_fields_are_a_422_naming_them(client):
    response = client.post("/api/auth/token", json={"username": ""})
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"username", "password"}


def test_a_hash_made_with_weaker_parameters_is_replaced_at_sign_in(client, make_user, gateway_db, password):
    username, user_id = make_user("viewer")
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(password)
    with gateway_db.unit_of_work() as session:
        session.get(User, user_id).password_hash = weak
    assert needs_rehash(weak)
    assert sign_in(client, username, password).status_code == 200
    with gateway_db.unit_of_work() as session:
        stored = session.get(User, user_id).password_hash
    assert stored != weak and not needs_rehash(stored)
    assert sign_in(client, username, password).status_code == 200


def test_sign_in_is_rate_limited_per_client_address(gateway_config, make_user, password):
    limited = create_app({**gateway_config, "login_rate_limit": "3 per minute"})
    try:
        client = limited.test_client()
        username, _ = make_user("viewer")
        statuses = [sign_in(client, username, "wrong password").status_code for _ in range(3)]
        assert statuses == [401, 401, 401]
        refused = sign_in(client, username, password)
        assert refused.status_code == 429
        assert refused.content_type == "application/problem+json"
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert "3 per 1 minute" in refused.json["detail"]
        other_address = sign_in(client, username, password, environ_base={"REMOTE_ADDR": "10.1.2.3"})
        assert other_address.status_code == 200
    finally:
        limited.extensions["gateway_upstreams"].close()
        limited.extensions["erp_db"].dispose()


def test_behind_a_trusted_proxy_the_limit_is_per_forwarded_client(gateway_config, make_user, password):
    limited = create_app({**gateway_config, "login_rate_limit": "1 per minute", "trusted_proxies": 1})
    try:
        client = limited.test_client()
        username, _ = make_user("viewer")
        first = {"X-Forwarded-For": "203.0.113.1"}
        assert sign_in(client, username, password, headers=first).status_code == 200
        assert sign_in(client, username, password, headers=first).status_code == 429
        assert sign_in(client, username, password, headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 200
    finally:
        limited.extensions["gateway_upstreams"].close()
        limited.extensions["erp_db"].dispose()
