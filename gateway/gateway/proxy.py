"""`/api/<service>/<path>`: check the token and the role policy, then relay the request to the service."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, g, request
from werkzeug.exceptions import BadRequest

from erp_shared.errors import NotFound
from erp_shared.web.auth import current_principal

from .forwarding import client_response_headers, upstream_request_headers
from .policy import Policy
from .upstreams import Upstreams

PROXIED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]

proxy = Blueprint("proxy", __name__)


def upstreams() -> Upstreams:
    return current_app.extensions["gateway_upstreams"]


def policy() -> Policy:
    return current_app.extensions["gateway_policy"]


def checked_path(path: str) -> str:
    """`..` would let a path the policy reads as harmless reach an admin route once the service resolves it."""
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments):
        raise BadRequest("the path must not contain '.' or '..' segments")
    return "/" + path


@proxy.route("/api/<service>/", defaults={"path": ""}, methods=PROXIED_METHODS)
@proxy.route("/api/<service>/<path:path>", methods=PROXIED_METHODS)
def relay(service: str, path: str):
    targets = upstreams()
    if service not in targets:
        raise NotFound(f"there is no API under /api/{service}; the services are: {', '.join(targets.services)}")
    path = checked_path(path)
    principal = current_principal()
    policy().authorize(principal, service, request.method, path)
    answer = targets.send(service, request.method, path, query=request.query_string,
                          headers=upstream_request_headers(request.headers, g.request_id),
                          body=request.get_data(cache=False))
    headers = client_response_headers(answer.raw.headers.items(), service=service,
                                      upstream_base=targets.base_url(service))
    response = Response(answer.content, status=answer.status_code, headers=headers)
    if not any(name.lower() == "content-type" for name, _ in headers):
        del response.headers["Content-Type"]
    return response
