"""The Flask app factory helpers every service API is built with."""
from __future__ import annotations

import logging
import time

from flask import Flask, current_app, jsonify, request
from flask_smorest import Api
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from ..config import Settings
from ..db import Database, is_transient_db_error
from ..errors import DomainError
from ..logging import configure_logging
from ..messaging.dead_letters import DeadLetterQueue
from ..messaging.topology import ServiceQueues
from .admin import dead_letter_blueprint
from .auth import AuthError
from .context import install_request_context
from .metrics import BacklogCollector, install_metrics
from .problems import from_http_exception, problem

log = logging.getLogger(__name__)

BROKER_CHECK_TTL = 5.0


class ProblemApi(Api):
    """flask-smorest, with its errors rendered as problem+json."""

    def handle_http_exception(self, error: HTTPException):
        return from_http_exception(error)


def create_service_app(settings: Settings, *, title: str, blueprints, handlers: dict | None = None,
                       database: Database | None = None, metrics_collectors=()) -> Flask:
    """`handlers` are the events the service consumes; with any, it also gets the dead-letter endpoints."""
    configure_logging(settings.service)
    app = Flask(settings.service)
    app.config.update(
        ERP_SETTINGS=settings,
        API_TITLE=title,
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                                              "bearerFormat": "JWT"}}},
            "security": [{"bearerAuth": []}],
        },
        JSON_SORT_KEYS=False,
    )
    app.json.sort_keys = False
    db = database or Database(settings.database_url)
    app.extensions["erp_db"] = db
    install_request_context(app)
    dead_letters = None
    if handlers:
        queues = ServiceQueues(settings.service, tuple(sorted(handlers)), settings.retry_delays_ms)
        dead_letters = DeadLetterQueue(queues, settings.rabbitmq_url)
    backlog = BacklogCollector(settings.service, db, dead_letters)
    install_metrics(app, settings.service, (backlog.exposition, *metrics_collectors))
    register_error_handlers(app)
    register_health(app, db, settings)
    api = ProblemApi(app)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    if handlers:
        api.register_blueprint(dead_letter_blueprint(queues, settings.rabbitmq_url))
    return app


def database() -> Database:
    return current_app.extensions["erp_db"]


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        return problem(exc.status, exc.title, exc.detail, errors=exc.errors)

    @app.errorhandler(AuthError)
    def auth_error(exc: AuthError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        title = "Unauthorized" if exc.status == 401 else "Forbidden"
        return problem(exc.status, title, exc.detail, headers=headers)

    @app.errorhandler(DBAPIError)
    def database_error(exc: DBAPIError):
        if is_transient_db_error(exc):
            log.warning("database unavailable", extra={"error": repr(exc)})
            return problem(503, "Service unavailable", "the database is unavailable; retry shortly",
                           headers={"Retry-After": "2"})
        log.exception("database error")
        return problem(500, "Internal server error")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return from_http_exception(exc)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error")
        return problem(500, "Internal server error")


def register_health(app: Flask, db: Database, settings: Settings) -> None:
    state = {"checked_at": 0.0, "broker_ok": False}

    def broker_reachable() -> bool:
        if time.monotonic() - state["checked_at"] > BROKER_CHECK_TTL:
            from ..messaging.broker import close_quietly, connect
            try:
                close_quietly(connect(settings.rabbitmq_url, name=f"{settings.service}-ready", give_up_after=0))
                state["broker_ok"] = True
            except Exception:  # noqa: BLE001 - any failure means "not reachable"
                state["broker_ok"] = False
            state["checked_at"] = time.monotonic()
        return state["broker_ok"]

    @app.get("/health")
    def health():
        return jsonify(status="ok", service=settings.service)

    @app.get("/ready")
    def ready():
        """`?only=database` is what a load balancer should probe: writes go to the outbox, so an API whose
        broker is down still serves them (the worker catches up). Plain `/ready` reports both."""
        checks = {"database": db.is_reachable()}
        if request.args.get("only") != "database":
            checks["broker"] = broker_reachable()
        status = 200 if all(checks.values()) else 503
        return jsonify(status="ready" if status == 200 else "not ready", checks=checks), status
