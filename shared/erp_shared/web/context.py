"""Request ids: taken from the gateway's X-Request-ID (or made here) and opened as the flow's correlation id."""
from __future__ import annotations

import re
import uuid

from flask import Flask, g, request

from ..events.context import _current, Flow

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


def incoming_request_id() -> str:
    candidate = request.headers.get(REQUEST_ID_HEADER, "")
    return candidate if _SAFE_ID.match(candidate) else str(uuid.uuid4())


def install_request_context(app: Flask) -> None:
    @app.before_request
    def open_flow():
        g.request_id = incoming_request_id()
        g.flow_token = _current.set(Flow(correlation_id=g.request_id, causation_id=g.request_id))

    @app.after_request
    def echo_request_id(response):
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        return response

    @app.teardown_request
    def close_flow(exc):
        token = g.pop("flow_token", None)
        if token is not None:
            _current.reset(token)
