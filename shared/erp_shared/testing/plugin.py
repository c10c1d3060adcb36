"""pytest fixtures every suite of this repo uses (registered through the `pytest11` entry point)."""
from __future__ import annotations

import os

import pytest

from ..config import Settings
from ..manage import create_database, drop_database
from ..messaging.topology import Management, user_of
from ..migrations import upgrade
from .infra import Infra, discover, stop_containers
from .tokens import TokenFactory

TEST_RETRY_DELAYS_MS = (200, 500)
TEST_MAX_ATTEMPTS = 3


@pytest.fixture(scope="session")
def erp_infra(worker_id_suffix) -> Infra:
    infra = discover(worker_id_suffix)
    management = Management(infra.management_url)
    management.delete_vhost(infra.vhost)
    management.ensure_vhost(infra.vhost, user_of(infra.amqp_url))
    yield infra
    management.delete_vhost(infra.vhost)
    stop_containers()


@pytest.fixture(scope="session")
def worker_id_suffix(request) -> str:
    """`ERP_TEST_SUFFIX` keeps concurrent test runs apart; xdist workers get their own too."""
    suffix = os.environ.get("ERP_TEST_SUFFIX", "")
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    return f"{suffix}_{worker}" if worker else suffix


@pytest.fixture(scope="session")
def erp_tokens() -> TokenFactory:
    return TokenFactory()


@pytest.fixture(scope="session")
def service_database(erp_infra):
    """`service_database("inventory")`: a fresh, migrated `erp_test_inventory` for this session."""
    made: list[str] = []

    def make(service: str, migrations_package: str | None = None) -> str:
        url = erp_infra.database_url(service)
        drop_database(url)
        create_database(url)
        upgrade(migrations_package or service, url)
        made.append(url)
        return url

    yield make
    for url in made:
        drop_database(url)


def settings_for_tests(infra: Infra, tokens: TokenFactory, service: str, **overrides) -> Settings:
    values = dict(
        database_url=infra.database_url(service), rabbitmq_url=infra.amqp_url,
        rabbitmq_management_url=infra.management_url, jwt_public_key=tokens.public_pem,
        retry_delays_ms=TEST_RETRY_DELAYS_MS, max_attempts=TEST_MAX_ATTEMPTS,
    )
    values.update(overrides)
    return Settings.from_env(service, **values)


def environment_for_tests(infra: Infra, tokens: TokenFactory, **extra: str) -> dict:
    """The environment a test gives the real processes it starts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ERP_", "PROMETHEUS_"))}
    env.update(
        ERP_DATABASE_URL_TEMPLATE=f"{infra.pg_server_url}/erp_test_{{service}}{infra.suffix}",
        ERP_RABBITMQ_URL=infra.amqp_url,
        ERP_RABBITMQ_MANAGEMENT_URL=infra.management_url,
        ERP_JWT_PUBLIC_KEY=tokens.public_pem,
        ERP_RETRY_DELAYS_MS=",".join(str(d) for d in TEST_RETRY_DELAYS_MS),
        ERP_MAX_ATTEMPTS=str(TEST_MAX_ATTEMPTS),
        ERP_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env
