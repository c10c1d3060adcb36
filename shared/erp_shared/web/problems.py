"""RFC 9457 problem details for every error a service or the gateway returns."""
from __future__ import annotations

from flask import Response, json, request
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, *, errors: dict | None = None,
            headers: dict | None = None, **extra) -> Response:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body["instance"] = request.path if request else None
    body.update(extra)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def flatten_messages(messages) -> dict:
    """webargs nests errors by location (`json`, `query`); clients want them by field name."""
    if isinstance(messages, dict) and set(messages) & {"json", "query", "path", "form", "headers", "files"}:
        merged: dict = {}
        for location_errors in messages.values():
            if isinstance(location_errors, dict):
                merged.update(location_errors)
        return merged
    return messages if isinstance(messages, dict) else {"_schema": messages}


def from_http_exception(exc: HTTPException) -> Response:
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    errors = flatten_messages(messages) if messages else None
    if errors and exc.code == 422:
        fields_named = ", ".join(sorted(str(k) for k in errors))
        return problem(422, "Validation failed", f"invalid fields: {fields_named}", errors=errors)
    if exc.code == 400 and errors:
        return problem(400, "Malformed request", "the request body could not be read", errors=errors)
    return problem(exc.code or 500, exc.name, exc.description if exc.code != 500 else None)
