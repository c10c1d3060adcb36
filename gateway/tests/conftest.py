"""Fixtures for the gateway's tests: its real database, and real HTTP services standing in for the upstreams.

The fake services are tiny Flask apps served by werkzeug on free ports from background threads: one answers
(and echoes what reached it), one hangs longer than the gateway's 1-second test timeout, and a closed port
stands for a service that is down.
"""
from __future__ import annotations

import importlib
import sys
import threading
import uuid
from dataclasses import dataclass, field

import pytest
from flask import Flask, Response, jsonify, request
from werkzeug.serving import make_server

from erp_shared.config import SERVICES
from erp_shared.db import Database
from erp_shared.testing.processes import free_port


def _restore_the_gateway_package() -> None:
    """pytest's importlib mode imports this file as `gateway.tests.conftest` and, to do so, registers the
    project folder `gateway/` as an empty namespace package `gateway`, hiding the real package
    `gateway/gateway/`. Put the real one in its place before any test imports it."""
    stand_in = sys.modules.get("gateway")
    if stand_in is not None and getattr(stand_in, "__file__", None) is None:
        del sys.modules["gateway"]
        importlib.import_module("gateway")


_restore_the_gateway_package()

TEST_TIMEOUT_SECONDS = 1.0
HANG_SECONDS = 10.0
PASSWORD = "correct horse battery"

ECHOED_HEADERS = ("Authorization", "Content-Type", "Accept", "Idempotency-Key", "If-Match", "X-Request-ID",
                  "Cookie", "X-Forwarded-Host")

FAKE_INVENTORY_DOCUMENT = {
    "openapi": "3.0.3",
    "info": {"title": "Inventory", "version": "v1"},
    "tags": [{"name": "items", "description": "Items"}],
    "paths": {
        "/items": {
            "get": {"tags": ["items"], "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {
                    "type": "array", "items": {"$ref": "#/components/schemas/ItemOut"}}}}},
                "default": {"$ref": "#/components/responses/DEFAULT_ERROR"}}},
            "post": {"tags": ["items"], "requestBody": {"content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/ItemCreate"}}}},
                "responses": {"201": {"description": "Created"}}},
        },
    },
    "components": {
        "schemas": {"ItemOut": {"type": "object", "properties": {"id": {"type": "string"}}},
                    "ItemCreate": {"type": "object", "properties": {"code": {"type": "string"}}},
                    "Error": {"type": "object"}},
        "responses": {"DEFAULT_ERROR": {"description": "Default error response", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
    },
}


@dataclass
class FakeService:
    """A real HTTP server on a free port; `calls` records what reached it."""
    app: Flask
    calls: list = field(default_factory=list)

    def __post_init__(self):
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, name=f"fake-{self.app.name}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self) -> "FakeService":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def echoing_service() -> FakeService:
    app = Flask("echo")
    service = FakeService(app)

    @app.get("/openapi.json")
    def document():
        service.calls.append(("GET", "/openapi.json"))
        return jsonify(FAKE_INVENTORY_DOCUMENT)

    @app.route("/", defaults={"path": ""}, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
    @app.route("/<path:path>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
    def echo(path):
        service.calls.append((request.method, request.full_path))
        seen = {"method": request.method, "path": request.path, "query": request.query_string.decode(),
                "headers": {name: request.headers[name] for name in ECHOED_HEADERS if name in request.headers},
                "body": request.get_data(as_text=True)}
        if path == "created":
            return jsonify(seen), 201, {"Location": f"{request.host_url}items/42?view=full"}
        if path == "broken":
            return Response('{"title": "Internal server error"}', 500, content_type="application/problem+json")
        response = jsonify(seen)
        response.headers["X-Upstream"] = "echo"
        response.headers.add("Link", "</items?page=2>; rel=next")
        response.headers.add("Link", "</items?page=9>; rel=last")
        response.headers["Keep-Alive"] = "timeout=5"  # hop-by-hop: the gateway must not relay it
        return response

    return service


def hanging_service(release: threading.Event) -> FakeService:
    app = Flask("hang")
    service = FakeService(app)

    @app.route("/<path:path>", methods=["GET", "POST"])
    def hang(path):
        service.calls.append((request.method, request.full_path))
        release.wait(HANG_SECONDS)
        return jsonify(late=True)

    return service


@pytest.fixture(scope="session")
def echo_service():
    service = echoing_service().start()
    yield service
    service.stop()


@pytest.fixture(scope="session")
def hanging():
    release = threading.Event()
    service = hanging_service(release).start()
    yield service
    release.set()
    service.stop()


@pytest.fixture(scope="session")
def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="session")
def gateway_database_url(service_database) -> str:
    return service_database("gateway")


@pytest.fixture(scope="session")
def upstream_urls(echo_service, hanging, closed_port_url) -> dict:
    """inventory answers, sales hangs, the others are down."""
    urls = {service: closed_port_url for service in SERVICES}
    urls.update(inventory=echo_service.url, sales=hanging.url)
    return urls


@pytest.fixture(scope="session")
def gateway_config(gateway_database_url, erp_tokens, upstream_urls) -> dict:
    return {
        "database_url": gateway_database_url,
        "jwt_private_key": erp_tokens.private_pem,
        "jwt_issuer": erp_tokens.issuer,
        "jwt_audience": erp_tokens.audience,
        "upstreams": upstream_urls,
        "connect_timeout": TEST_TIMEOUT_SECONDS,
        "read_timeout": TEST_TIMEOUT_SECONDS,
        "login_rate_limit": "1000 per minute",
        "ratelimit_storage_uri": "memory://",
    }


@pytest.fixture(scope="session")
def app(gateway_config):
    from gateway.app import create_app
    app = create_app(gateway_config)
    yield app
    app.extensions["gateway_upstreams"].close()
    app.extensions["erp_db"].dispose()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def gateway_db(app) -> Database:
    return app.extensions["erp_db"]


@pytest.fixture(scope="session")
def password() -> str:
    """The password every `make_user` user has."""
    return PASSWORD


@pytest.fixture()
def make_user(gateway_db):
    """`make_user("warehouse")` -> (username, user id), a fresh active user with PASSWORD."""
    from gateway.identity import create_user

    def make(*roles: str, username: str | None = None) -> tuple[str, uuid.UUID]:
        name = username or f"user-{uuid.uuid4().hex[:10]}"
        with gateway_db.unit_of_work() as session:
            user = create_user(session, name, PASSWORD, roles)
            return user.username, user.id
    return make
