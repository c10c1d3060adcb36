"""What crosses the gateway in each direction: the headers a service may see and the ones a client gets back."""
from __future__ import annotations

from typing import Iterable, Mapping
from urllib.parse import urlsplit

from erp_shared.web.context import REQUEST_ID_HEADER

FORWARDED_REQUEST_HEADERS = ("Authorization", "Content-Type", "Accept", "Idempotency-Key", "If-Match")

# RFC 9110 §7.6.1: meaningful for one connection only.
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
                        "te", "trailer", "trailers", "transfer-encoding", "upgrade"})
# Set again by the gateway itself: the body is re-framed (and decoded by requests), and the request id,
# date and server are the gateway's.
REFRAMED = frozenset({"content-length", "content-encoding", "date", "server", REQUEST_ID_HEADER.lower()})


def upstream_request_headers(incoming: Mapping[str, str], request_id: str) -> dict[str, str]:
    headers = {name: incoming[name] for name in FORWARDED_REQUEST_HEADERS if incoming.get(name)}
    headers[REQUEST_ID_HEADER] = request_id
    return headers


def client_response_headers(upstream: Iterable[tuple[str, str]], *, service: str,
                            upstream_base: str) -> list[tuple[str, str]]:
    """Repeated headers (Set-Cookie, Link) stay separate; the ones `Connection` names are dropped too."""
    upstream = list(upstream)
    named_by_connection = {token.strip().lower() for name, value in upstream if name.lower() == "connection"
                           for token in value.split(",")}
    dropped = HOP_BY_HOP | REFRAMED | named_by_connection
    return [(name, rewrite_location(value, service=service, upstream_base=upstream_base)
             if name.lower() in ("location", "content-location") else value)
            for name, value in upstream if name.lower() not in dropped]


def rewrite_location(value: str, *, service: str, upstream_base: str) -> str:
    """A service answers with its own URLs (`http://127.0.0.1:8102/items/1`, `/items/1`); the client must get
    the gateway's (`/api/inventory/items/1`), never an internal address."""
    base = urlsplit(upstream_base)
    target = urlsplit(value)
    if target.scheme or target.netloc:
        if (target.scheme, target.netloc) != (base.scheme, base.netloc):
            return value
    elif not target.path.startswith("/"):
        return value
    path = target.path
    base_path = base.path.rstrip("/")
    if base_path and path.startswith(base_path + "/"):
        path = path[len(base_path):]
    rewritten = f"/api/{service}{path}"
    return rewritten + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")
