"""The gateway's Flask app: `gunicorn 'gateway.app:create_app()'`."""
from __future__ import annotations

import logging
from typing import Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from erp_shared.db import Database
from erp_shared.logging import configure_logging
from erp_shared.web.app import ProblemApi, register_error_handlers
from erp_shared.web.context import install_request_context
from erp_shared.web.metrics import install_metrics

from . import SERVICE
from .auth_api import tokens, users
from .config import GatewaySettings
from .console import console
from .docs import OpenApiCatalog, docs
from .health import register_health
from .policy import Policy
from .proxy import proxy
from .ratelimit import limit_sign_in
from .upstreams import Upstreams

log = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 10 * 1024 * 1024  # relayed bodies are held in memory; ERP documents are far smaller


def create_app(config: GatewaySettings | Mapping | None = None) -> Flask:
    """`config`: settings, or a dict overriding some of them (the rest come from the environment)."""
    settings = GatewaySettings.coerce(config)
    configure_logging(SERVICE)
    app = Flask(SERVICE, static_folder=None)
    app.config.update(
        ERP_SETTINGS=settings,
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        API_TITLE="ERP API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=None,  # the gateway's own part is served merged, at /api/openapi.json
        API_SPEC_OPTIONS={
            "info": {"description": "Every service's API behind the gateway. Sign in at POST /api/auth/token "
                                    "and send the token as `Authorization: Bearer <token>`."},
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                                              "bearerFormat": "JWT"}}},
            "security": [{"bearerAuth": []}],
        },
    )
    app.json.sort_keys = False
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies)
    db = Database(settings.database_url)
    app.extensions["erp_db"] = db
    install_request_context(app)
    install_metrics(app, SERVICE)
    register_error_handlers(app)
    register_health(app, db)

    api = ProblemApi(app)
    api.register_blueprint(tokens)
    api.register_blueprint(users)
    limit_sign_in(app, settings, tokens)

    upstreams = Upstreams(settings.upstreams, connect_timeout=settings.connect_timeout,
                          read_timeout=settings.read_timeout, pool_size=settings.upstream_pool_size)
    app.extensions["gateway_upstreams"] = upstreams
    app.extensions["gateway_policy"] = Policy()
    app.extensions["gateway_openapi"] = OpenApiCatalog(upstreams, api.spec.to_dict, settings.openapi_cache_seconds)
    app.register_blueprint(docs)
    app.register_blueprint(proxy)
    app.register_blueprint(console)
    log.info("gateway configured", extra={"settings": settings.describe()})
    return app
