"""`/api/openapi.json` (the merged document, cached) and `/api/docs/` (Swagger UI from the package's own files,
so the docs work without Internet access)."""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from flask import Blueprint, current_app, jsonify, render_template_string, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path
from werkzeug.exceptions import NotFound

from .openapi import merge_documents
from .upstreams import Upstreams

log = logging.getLogger(__name__)

UPSTREAM_DOCUMENT_PATH = "/openapi.json"
# The package's demo page and its initializer point at the public petstore; the page comes from index.j2.
NOT_SERVED = frozenset({"index.html", "index.j2", "swagger-initializer.js"})

docs = Blueprint("docs", __name__)


class OpenApiCatalog:
    """Fetches every service's document in parallel (a down service costs one connect timeout, not six) and
    keeps the merged result for `ttl` seconds, rebuilding it once however many requests are waiting."""

    def __init__(self, upstreams: Upstreams, own_document: Callable[[], dict], ttl: float):
        self.upstreams = upstreams
        self.own_document = own_document
        self.ttl = ttl
        self._lock = threading.Lock()
        self._document: dict | None = None
        self._expires_at = 0.0

    def document(self) -> dict:
        with self._lock:
            if self._document is None or time.monotonic() >= self._expires_at:
                self._document = merge_documents(self.own_document(), self._fetch_all())
                self._expires_at = time.monotonic() + self.ttl
            return self._document

    def _fetch_all(self) -> dict[str, dict | None]:
        services = self.upstreams.services
        with ThreadPoolExecutor(max_workers=max(len(services), 1), thread_name_prefix="openapi") as pool:
            return dict(zip(services, pool.map(self._fetch, services)))

    def _fetch(self, service: str) -> dict | None:
        try:
            document = self.upstreams.get_json(service, UPSTREAM_DOCUMENT_PATH)
        except Exception as exc:  # noqa: BLE001 - any failure leaves this service out of the document
            log.warning("upstream OpenAPI document unavailable", extra={"upstream": service, "error": repr(exc)})
            return None
        return document if isinstance(document, dict) else None


def catalog() -> OpenApiCatalog:
    return current_app.extensions["gateway_openapi"]


@docs.get("/api/openapi.json")
def openapi_document():
    return jsonify(catalog().document())


@docs.get("/api/docs/")
def swagger_ui():
    template = (swagger_ui_path / "index.j2").read_text()
    return render_template_string(template, openapi_spec_url=url_for("docs.openapi_document"))


@docs.get("/api/docs/<path:filename>")
def swagger_ui_asset(filename: str):
    if filename in NOT_SERVED:
        raise NotFound()
    return send_from_directory(str(swagger_ui_path), filename)
