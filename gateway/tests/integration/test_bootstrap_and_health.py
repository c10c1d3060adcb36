import pytest
from sqlalchemy import select

from gateway.app import create_app
from gateway.bootstrap import admin_credentials, bootstrap_admin
from gateway.models import User


def test_bootstrap_creates_the_admin_then_restores_it(gateway_db, client):
    assert bootstrap_admin(gateway_db, "Operator", "first password") == "admin user 'operator' created"
    with gateway_db.unit_of_work() as session:
        user = session.scalar(select(User).where(User.username == "operator"))
        user.active = False
        user.roles = []
    assert bootstrap_admin(gateway_db, "operator", "second password") == "admin user 'operator' updated"
    with gateway_db.unit_of_work() as session:
        user = session.scalar(select(User).where(User.username == "operator"))
        assert user.active and user.role_names == ["admin"]
    old = client.post("/api/auth/token", json={"username": "operator", "password": "first password"})
    assert old.status_code == 401
    signed_in = client.post("/api/auth/token", json={"username": "operator", "password": "second password"})
    assert signed_in.status_code == 200


@pytest.mark.parametrize("environ, message", [
    ({}, "set ERP_ADMIN_USER and ERP_ADMIN_PASSWORD"),
    ({"ERP_ADMIN_USER": "admin"}, "set ERP_ADMIN_USER and ERP_ADMIN_PASSWORD"),
    ({"ERP_ADMIN_USER": "admin", "ERP_ADMIN_PASSWORD": "short"}, "at least 8 characters"),
])
def test_bootstrap_without_credentials_fails_with_a_clear_message(environ, message):
    with pytest.raises(SystemExit, match=message):
        admin_credentials(environ)


def test_health_and_readiness(client):
    assert client.get("/health").json == {"status": "ok", "service": "gateway"}
    ready = client.get("/ready")
    assert ready.status_code == 200 and ready.json["checks"] == {"database": True}


def test_not_ready_without_its_database(gateway_config, closed_port_url):
    port = closed_port_url.rsplit(":", 1)[1]
    app = create_app({**gateway_config, "database_url": f"postgresql+psycopg://postgres@127.0.0.1:{port}/none"})
    try:
        ready = app.test_client().get("/ready")
        assert ready.status_code == 503 and ready.json["checks"] == {"database": False}
        assert app.test_client().get("/health").status_code == 200
    finally:
        app.extensions["gateway_upstreams"].close()
        app.extensions["erp_db"].dispose()
