"""The gateway's settings, read from the environment once at start-up so a misconfiguration fails fast.

`create_app(config)` also takes a dict of overrides (or a ready `GatewaySettings`), so tests set upstream
URLs, timeouts, keys and limits without touching the environment.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Mapping

from erp_shared.config import REPO_ROOT, SERVICE_PORTS, SERVICES, database_url_for, read_key

from . import SERVICE
from .keys import is_key_pair, public_pem_of

DEFAULT_PRIVATE_KEY_FILE = REPO_ROOT / "var/keys/jwt-private.pem"
DEFAULT_PUBLIC_KEY_FILE = REPO_ROOT / "var/keys/jwt-public.pem"
DEFAULT_CONSOLE_DIR = REPO_ROOT / "gateway/console/dist"


class ConfigurationError(RuntimeError):
    """Raised at start-up; the message says which variable to set."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def default_upstreams() -> dict[str, str]:
    """`ERP_UPSTREAM_<SERVICE>` or the service's local port from the Procfile."""
    return {service: _env(f"ERP_UPSTREAM_{service.upper()}", f"http://127.0.0.1:{SERVICE_PORTS[service]}")
            for service in SERVICES}


def _public_key_from_env() -> str | None:
    """Only an explicitly configured public key; otherwise it is derived from the private key."""
    return read_key(_env("ERP_JWT_PUBLIC_KEY"), _env("ERP_JWT_PUBLIC_KEY_FILE"))


ENVIRONMENT = {
    "database_url": lambda: database_url_for(SERVICE),
    "jwt_private_key": lambda: read_key(_env("ERP_JWT_PRIVATE_KEY"),
                                        _env("ERP_JWT_PRIVATE_KEY_FILE", str(DEFAULT_PRIVATE_KEY_FILE))),
    "jwt_public_key": _public_key_from_env,
    "jwt_issuer": lambda: _env("ERP_JWT_ISSUER", "erp-gateway"),
    "jwt_audience": lambda: _env("ERP_JWT_AUDIENCE", "erp"),
    "token_ttl_seconds": lambda: int(_env("ERP_TOKEN_TTL_SECONDS", "3600")),
    "login_rate_limit": lambda: _env("ERP_LOGIN_RATE_LIMIT", "10 per minute"),
    "ratelimit_storage_uri": lambda: _env("ERP_RATELIMIT_STORAGE_URI", "memory://"),
    "upstreams": default_upstreams,
    "connect_timeout": lambda: float(_env("ERP_GATEWAY_CONNECT_TIMEOUT", "2")),
    "read_timeout": lambda: float(_env("ERP_GATEWAY_TIMEOUT", "10")),
    "openapi_cache_seconds": lambda: float(_env("ERP_GATEWAY_OPENAPI_CACHE_SECONDS", "30")),
    "upstream_pool_size": lambda: int(_env("ERP_GATEWAY_POOL_SIZE", "20")),
    "trusted_proxies": lambda: int(_env("ERP_GATEWAY_TRUSTED_PROXIES", "0")),
    "console_dir": lambda: _env("ERP_CONSOLE_DIR", str(DEFAULT_CONSOLE_DIR)),
}


@dataclass(frozen=True)
class GatewaySettings:
    database_url: str
    jwt_private_key: str
    jwt_public_key: str
    jwt_issuer: str
    jwt_audience: str
    token_ttl_seconds: int
    login_rate_limit: str
    ratelimit_storage_uri: str
    upstreams: Mapping[str, str]
    connect_timeout: float
    read_timeout: float
    openapi_cache_seconds: float
    upstream_pool_size: int
    # Load balancers in front of the gateway whose X-Forwarded-For may be believed: without this, behind
    # an ingress every client has the ingress's address and shares one sign-in rate limit.
    trusted_proxies: int
    # The web console's built files (`make console`), served at `/`; read on each request, so a rebuild
    # needs no restart.
    console_dir: str
    service: str = SERVICE

    @classmethod
    def from_env(cls, **overrides) -> "GatewaySettings":
        """Overrides win; the environment is read only for what they leave out (a key file need not exist)."""
        unknown = set(overrides) - set(ENVIRONMENT)
        if unknown:
            raise ConfigurationError(f"unknown gateway settings: {', '.join(sorted(unknown))}")
        values = {name: overrides[name] if name in overrides else read() for name, read in ENVIRONMENT.items()}
        if not values["jwt_private_key"]:
            raise ConfigurationError(
                f"no token signing key: set ERP_JWT_PRIVATE_KEY (PEM) or ERP_JWT_PRIVATE_KEY_FILE "
                f"(default {DEFAULT_PRIVATE_KEY_FILE}); `python -m gateway.keys` generates a key pair")
        if not values["jwt_public_key"]:
            values["jwt_public_key"] = public_pem_of(values["jwt_private_key"])
        elif not is_key_pair(values["jwt_private_key"], values["jwt_public_key"]):
            raise ConfigurationError("ERP_JWT_PUBLIC_KEY(_FILE) does not belong to the private key: the gateway would "
                                     "refuse its own tokens; configure the pair's public key or leave it unset")
        values["upstreams"] = MappingProxyType({name: url.rstrip("/") for name, url in values["upstreams"].items()})
        return cls(**values)

    @classmethod
    def coerce(cls, config: "GatewaySettings | Mapping | None") -> "GatewaySettings":
        if isinstance(config, GatewaySettings):
            return config
        return cls.from_env(**dict(config or {}))

    def describe(self) -> dict:
        """For start-up logs: everything but the keys and the database URL (it may hold a password)."""
        hidden = {"jwt_private_key", "jwt_public_key", "database_url"}
        return {f.name: getattr(self, f.name) if f.name != "upstreams" else dict(self.upstreams)
                for f in fields(self) if f.name not in hidden}
