"""The HTTP client every call from the gateway to a service goes through: one pooled session, two timeouts.

A write is never retried: a POST that failed mid-way may have been applied, and only the client, holding its
Idempotency-Key, can tell whether trying again is safe. A read whose connection was refused or reset is tried
once more: gunicorn closes a keep-alive connection after a few idle seconds, and a request the gateway sends on
it at that moment is reset before the service has read it (a spurious 502 otherwise). Timeouts are not retried.
"""
from __future__ import annotations

import logging
import time
from typing import Mapping
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter

from .errors import UpstreamTimedOut, UpstreamUnreachable
from .metrics import UPSTREAM_ERRORS, UPSTREAM_LATENCY

log = logging.getLogger(__name__)

SAFE_TO_REPEAT = frozenset({"GET", "HEAD", "OPTIONS"})

PATH_SAFE = "/:@!$&'()*+,;=-._~"


class Upstreams:
    def __init__(self, urls: Mapping[str, str], *, connect_timeout: float, read_timeout: float, pool_size: int):
        self.urls = dict(urls)
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.session = requests.Session()
        self.session.trust_env = False  # service URLs are internal: no proxies or .netrc from the environment
        self.session.headers["Accept-Encoding"] = "identity"  # bodies are relayed as they are, not re-compressed
        adapter = HTTPAdapter(pool_connections=max(len(self.urls), 1), pool_maxsize=pool_size, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(self.urls)

    def __contains__(self, service: str) -> bool:
        return service in self.urls

    def base_url(self, service: str) -> str:
        return self.urls[service]

    def send(self, service: str, method: str, path: str, *, query: bytes = b"", headers: Mapping | None = None,
             body: bytes | None = None) -> requests.Response:
        """The service's answer whatever its status; raises UpstreamTimedOut / UpstreamUnreachable."""
        url = self.urls[service] + quote(path, safe=PATH_SAFE)
        if query:
            url += "?" + query.decode("latin-1")
        started = time.perf_counter()
        try:
            response = self._request(method, url, headers, body)
        except requests.ConnectTimeout as exc:
            raise self._failed(service, method, path, UpstreamTimedOut(
                f"{service} did not accept a connection within {self.connect_timeout:g} s"), exc) from None
        except requests.Timeout as exc:
            raise self._failed(service, method, path, UpstreamTimedOut(
                f"{service} did not answer within {self.read_timeout:g} s"), exc) from None
        except requests.RequestException as exc:
            raise self._failed(service, method, path, UpstreamUnreachable(
                f"{service} is unreachable (connection refused or reset)"), exc) from None
        UPSTREAM_LATENCY.labels(service).observe(time.perf_counter() - started)
        if response.status_code >= 500:
            UPSTREAM_ERRORS.labels(service, str(response.status_code)).inc()
        return response

    def _request(self, method: str, url: str, headers: Mapping | None, body: bytes | None) -> requests.Response:
        attempts = 2 if method.upper() in SAFE_TO_REPEAT else 1
        for attempt in range(1, attempts + 1):
            try:
                return self.session.request(method, url, headers=dict(headers or {}), data=body or None,
                                            timeout=(self.connect_timeout, self.read_timeout),
                                            allow_redirects=False)
            except requests.ConnectionError as exc:
                if attempt == attempts or isinstance(exc, (requests.Timeout, requests.exceptions.SSLError)):
                    raise
                log.info("upstream connection reset or refused; repeating the read once",
                         extra={"method": method, "url": url, "error": repr(exc)})
        raise AssertionError("unreachable")  # the loop returns or raises

    def get_json(self, service: str, path: str, *, headers: Mapping | None = None) -> dict:
        response = self.send(service, "GET", path, headers=headers)
        if response.status_code != 200:
            raise UpstreamUnreachable(f"{service} answered {path} with {response.status_code}")
        return response.json()

    def close(self) -> None:
        self.session.close()

    @staticmethod
    def _failed(service: str, method: str, path: str, error, cause: Exception):
        UPSTREAM_ERRORS.labels(service, str(error.status)).inc()
        log.warning("upstream call failed", extra={"upstream": service, "method": method, "path": path,
                                                   "status": error.status, "error": repr(cause)})
        return error
