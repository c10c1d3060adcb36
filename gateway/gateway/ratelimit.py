"""The sign-in rate limit: guessing passwords costs an attacker time, per client address.

With several gunicorn workers or gateway replicas the counters must be shared: set
ERP_RATELIMIT_STORAGE_URI to a redis:// URL; the default memory:// counts per process.
"""
from __future__ import annotations

import math
import time

from flask import Flask
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_smorest import Blueprint

from erp_shared.web.problems import problem

from .config import GatewaySettings


def limit_sign_in(app: Flask, settings: GatewaySettings, blueprint: Blueprint) -> Limiter:
    # If the shared storage (redis) goes away, count in memory rather than refuse every sign-in.
    limiter = Limiter(get_remote_address, app=app, storage_uri=settings.ratelimit_storage_uri,
                      headers_enabled=True, key_prefix=settings.service, in_memory_fallback_enabled=True)
    limiter.limit(settings.login_rate_limit)(blueprint)

    @app.errorhandler(RateLimitExceeded)
    def too_many_attempts(exc: RateLimitExceeded):
        current = limiter.current_limit
        wait = max(1, math.ceil(current.reset_at - time.time())) if current else 60
        return problem(429, "Too many requests",
                       f"too many sign-in attempts from this address (limit: {exc.limit.limit}); "
                       f"retry in {wait} s", headers={"Retry-After": str(wait)})

    return limiter
