"""The web console (gateway/console, built by `make console`) served at `/`, on the same origin as `/api`.

A path that is a built file is sent as is; any other path is a route of the single-page app and gets
`index.html`. Hashed files under `/assets/` never change, so browsers keep them for a year; `index.html`
names the current ones, so it is never cached. The page runs under a Content-Security-Policy that allows
only this origin, plus a per-response nonce for the `<style>` elements Ant Design writes at run time.
"""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Blueprint, Response, current_app, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from erp_shared.web.problems import problem

INDEX = "index.html"
ASSETS = "assets/"
# Must equal `html.cspNonce` in gateway/console/vite.config.ts: Vite writes it into index.html's tags.
NONCE_PLACEHOLDER = "__ERP_CSP_NONCE__"
BUILD_HINT = "the web console is not built: run `make console` (npm ci && npm run build in gateway/console)"
IMMUTABLE = "public, max-age=31536000, immutable"


class ConsolePathConverter(PathConverter):
    """Any path except `/api/...`: the API keeps its own 404s and 405s rather than falling into the app."""
    regex = r"(?!api(?:/|$))[^/].*?"


console = Blueprint("console", __name__)


@console.record_once
def _register_converter(state) -> None:
    state.app.url_map.converters["console_path"] = ConsolePathConverter


def content_security_policy(nonce: str) -> str:
    return "; ".join((
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        f"style-src 'self' 'nonce-{nonce}'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ))


def console_dir() -> Path:
    return Path(current_app.config["ERP_SETTINGS"].console_dir)


def _secured(response: Response, nonce: str | None = None) -> Response:
    response.headers["Content-Security-Policy"] = content_security_policy(nonce or secrets.token_urlsafe(16))
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _index(root: Path) -> Response:
    nonce = secrets.token_urlsafe(16)
    html = (root / INDEX).read_text(encoding="utf-8").replace(NONCE_PLACEHOLDER, nonce)
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-cache"
    return _secured(response, nonce)


@console.get("/", defaults={"path": ""})
@console.get("/<console_path:path>")
def serve(path: str):
    root = console_dir()
    if not (root / INDEX).is_file():
        return problem(503, "Console not built", BUILD_HINT)
    target = safe_join(str(root), path) if path else None
    if target and path != INDEX and Path(target).is_file():
        response = send_from_directory(root, path, max_age=0)
        response.headers["Cache-Control"] = IMMUTABLE if path.startswith(ASSETS) else "no-cache"
        return _secured(response)
    if path.startswith(ASSETS):
        raise NotFound(f"/{path} is not part of this build of the console; reload the page")
    return _index(root)
