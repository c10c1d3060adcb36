"""Settings read from the environment once, at start-up, so a misconfiguration fails fast."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

SERVICES = ("procurement", "inventory", "sales", "manufacturing", "finance", "hr")

SERVICE_PORTS = {
    "procurement": 8101,
    "inventory": 8102,
    "sales": 8103,
    "manufacturing": 8104,
    "finance": 8105,
    "hr": 8106,
}

DEFAULT_DATABASE_URL_TEMPLATE = "postgresql+psycopg://postgres@127.0.0.1:5432/erp_{service}"
DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/erp"
DEFAULT_RABBITMQ_MANAGEMENT_URL = "http://guest:guest@127.0.0.1:15672"
REPO_ROOT = Path(__file__).resolve().parents[2]


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _retry_delays(raw: str) -> tuple[int, ...]:
    delays = tuple(int(part) for part in raw.split(",") if part.strip())
    if not delays or any(d <= 0 for d in delays):
        raise ValueError(f"ERP_RETRY_DELAYS_MS must list positive milliseconds, got {raw!r}")
    return delays


def database_url_for(service: str) -> str:
    """`<SERVICE>_DATABASE_URL` wins, then `ERP_DATABASE_URL`, then the template with `{service}`."""
    explicit = _env(f"{service.upper()}_DATABASE_URL") or _env("ERP_DATABASE_URL")
    if explicit:
        return explicit
    return _env("ERP_DATABASE_URL_TEMPLATE", DEFAULT_DATABASE_URL_TEMPLATE).format(service=service)


@dataclass(frozen=True)
class Settings:
    service: str
    database_url: str
    rabbitmq_url: str
    rabbitmq_management_url: str
    jwt_public_key: str | None
    jwt_issuer: str
    jwt_audience: str
    retry_delays_ms: tuple[int, ...]
    max_attempts: int
    consumer_prefetch: int
    consumer_concurrency: int
    outbox_retention_days: int
    relay_batch_size: int
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, service: str, **overrides) -> "Settings":
        values = dict(
            service=service,
            database_url=database_url_for(service),
            rabbitmq_url=_env("ERP_RABBITMQ_URL", DEFAULT_RABBITMQ_URL),
            rabbitmq_management_url=_env("ERP_RABBITMQ_MANAGEMENT_URL", DEFAULT_RABBITMQ_MANAGEMENT_URL),
            jwt_public_key=read_key(_env("ERP_JWT_PUBLIC_KEY"), _env("ERP_JWT_PUBLIC_KEY_FILE",
                                                                     str(REPO_ROOT / "var/keys/jwt-public.pem"))),
            jwt_issuer=_env("ERP_JWT_ISSUER", "erp-gateway"),
            jwt_audience=_env("ERP_JWT_AUDIENCE", "erp"),
            retry_delays_ms=_retry_delays(_env("ERP_RETRY_DELAYS_MS", "1000,10000,60000")),
            max_attempts=int(_env("ERP_MAX_ATTEMPTS", "5")),
            consumer_prefetch=int(_env("ERP_CONSUMER_PREFETCH", "50")),
            consumer_concurrency=int(_env("ERP_CONSUMER_CONCURRENCY", "4")),
            outbox_retention_days=int(_env("ERP_OUTBOX_RETENTION_DAYS", "7")),
            relay_batch_size=int(_env("ERP_RELAY_BATCH_SIZE", "500")),
        )
        values.update(overrides)
        return cls(**values)


def read_key(inline: str | None, path: str | None) -> str | None:
    """A PEM given inline beats a file; a missing file means "not configured" (checked where it is needed)."""
    if inline:
        return inline
    if path and Path(path).is_file():
        return Path(path).read_text()
    return None
