"""User administration at /api/auth/users: admin only."""
import uuid

import pytest

from erp_shared.errors import Conflict

from gateway import identity


def new_user_body(**overrides):
    body = {"username": f"clerk-{uuid.uuid4().hex[:8]}", "password": "long enough pw", "roles": ["warehouse"]}
    body.update(overrides)
    return body


def test_an_admin_creates_a_user_who_can_then_sign_in(client, erp_tokens):
    body = new_user_body(username=f"Clerk-{uuid.uuid4().hex[:8]}")
    response = client.post("/api/auth/users", json=body, headers=erp_tokens.headers("admin"))
    assert response.status_code == 201, response.json
    created = response.json
    assert created["username"] == body["username"].lower() and created["roles"] == ["warehouse"]
    assert created["active"] is True and created["created_at"] and uuid.UUID(created["id"])
    assert "password" not in created and "password_hash" not in created
    token = client.post("/api/auth/token", json={"username": body["username"], "password": body["password"]})
    assert token.status_code == 200


def test_only_admins_manage_users(client, erp_tokens):
    assert client.post("/api/auth/users", json=new_user_body()).status_code == 401
    refused = client.post("/api/auth/users", json=new_user_body(), headers=erp_tokens.headers("hr", "viewer"))
    assert refused.status_code == 403 and refused.content_type == "application/problem+json"
    assert client.get("/api/auth/users", headers=erp_tokens.headers("viewer")).status_code == 403


def test_bad_input_is_a_422_naming_each_field(client, erp_tokens):
    body = {"username": "x", "password": "short", "roles": ["wizard"]}
    response = client.post("/api/auth/users", json=body, headers=erp_tokens.headers("admin"))
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"username", "password", "roles"}
    no_roles = client.post("/api/auth/users", json=new_user_body(roles=[]), headers=erp_tokens.headers("admin"))
    assert no_roles.status_code == 422 and set(no_roles.json["errors"]) == {"roles"}


def test_a_taken_username_is_a_conflict(client, erp_tokens):
    body = new_user_body()
    assert client.post("/api/auth/users", json=body, headers=erp_tokens.headers("admin")).status_code == 201
    again = client.post("/api/auth/users", json={**body, "username": body["username"].upper()},
                        headers=erp_tokens.headers("admin"))
    assert again.status_code == 409 and "username" in again.json["errors"]


def test_the_list_is_paginated(client, erp_tokens, make_user):
    make_user("viewer")
    make_user("viewer")
    response = client.get("/api/auth/users?page=1&page_size=1", headers=erp_tokens.headers("admin"))
    assert response.status_code == 200 and len(response.json) == 1
    assert '"total"' in response.headers["X-Pagination"]
    every = client.get("/api/auth/users?page_size=100", headers=erp_tokens.headers("admin")).json
    assert all(set(user) == {"id", "username", "roles", "active", "created_at"} for user in every)


def test_replacing_roles_changes_the_next_token(client, erp_tokens, make_user, password):
    username, user_id = make_user("viewer")
    response = client.put(f"/api/auth/users/{user_id}/roles", json={"roles": ["sales", "accounting"]},
                          headers=erp_tokens.headers("admin"))
    assert response.status_code == 200 and response.json["roles"] == ["accounting", "sales"]
    token = client.post("/api/auth/token", json={"username": username, "password": password}).json["access_token"]
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).json
    assert me["roles"] == ["accounting", "sales"]
    missing = client.put(f"/api/auth/users/{uuid.uuid4()}/roles", json={"roles": ["sales"]},
                         headers=erp_tokens.headers("admin"))
    assert missing.status_code == 404 and missing.content_type == "application/problem+json"


def test_a_deactivated_user_is_refused_at_sign_in(client, erp_tokens, make_user, password):
    username, user_id = make_user("warehouse")
    response = client.post(f"/api/auth/users/{user_id}/deactivate", headers=erp_tokens.headers("admin"))
    assert response.status_code == 200 and response.json["active"] is False
    assert client.post("/api/auth/token", json={"username": username, "password": password}).status_code == 401
    again = client.post(f"/api/auth/users/{user_id}/deactivate", headers=erp_tokens.headers("admin"))
    assert again.status_code == 409


@pytest.fixture()
def lone_admin_db(service_database):
    """A database of its own: whether an admin is the last one depends on every other user."""
    from erp_shared.db import Database
    database = Database(service_database("gateway_admins", "gateway"), pool_size=1)
    yield database
    database.dispose()


def test_the_last_active_admin_cannot_be_removed(lone_admin_db):
    with lone_admin_db.unit_of_work() as session:
        admin = identity.create_user(session, "root-admin", "long enough pw", ["admin"])
    with lone_admin_db.unit_of_work() as session:
        with pytest.raises(Conflict, match="last active admin"):
            identity.deactivate_user(session, admin.id)
    with lone_admin_db.unit_of_work() as session:
        with pytest.raises(Conflict, match="last active admin"):
            identity.set_roles(session, admin.id, ["viewer"])
    with lone_admin_db.unit_of_work() as session:
        identity.create_user(session, "second-admin", "long enough pw", ["admin"])
    with lone_admin_db.unit_of_work() as session:
        assert identity.set_roles(session, admin.id, ["viewer"]).role_names == ["viewer"]
