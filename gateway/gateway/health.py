"""`/health` (the process answers) and `/ready` (it can sign users in: the identity database is reachable).

The services being down does not make the gateway unready: it still answers, with 502s for them.
"""
from __future__ import annotations

from flask import Flask, jsonify

from erp_shared.db import Database

from . import SERVICE


def register_health(app: Flask, db: Database) -> None:
    @app.get("/health")
    def health():
        return jsonify(status="ok", service=SERVICE)

    @app.get("/ready")
    def ready():
        checks = {"database": db.is_reachable()}
        status = 200 if all(checks.values()) else 503
        return jsonify(status="ready" if status == 200 else "not ready", checks=checks), status
