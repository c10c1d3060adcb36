"""Where the tests' PostgreSQL and RabbitMQ are.

`ERP_TEST_PG_URL` / `ERP_TEST_RABBITMQ_URL` / `ERP_TEST_RABBITMQ_MANAGEMENT_URL` win; without them and with
a reachable Docker engine, testcontainers starts both; otherwise the local servers are used. Databases are
named `erp_test_*` and the vhost `erp_test*`, so tests never touch what `make run` uses.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from urllib.parse import quote

LOCAL_PG = "postgresql+psycopg://postgres@127.0.0.1:5432"
LOCAL_AMQP = "amqp://guest:guest@127.0.0.1:5672"
LOCAL_MANAGEMENT = "http://guest:guest@127.0.0.1:15672"


@dataclass
class Infra:
    pg_server_url: str      # without a database name
    amqp_server_url: str    # without a vhost
    management_url: str
    suffix: str             # distinguishes parallel test workers

    def database_url(self, name: str) -> str:
        return f"{self.pg_server_url}/erp_test_{name}{self.suffix}"

    @property
    def vhost(self) -> str:
        return f"erp_test{self.suffix}"

    @property
    def amqp_url(self) -> str:
        return f"{self.amqp_server_url}/{quote(self.vhost, safe='')}"


def docker_reachable() -> bool:
    if not shutil.which("docker"):
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=5).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


_containers = []


def discover(suffix: str = "") -> Infra:
    pg = os.environ.get("ERP_TEST_PG_URL")
    amqp = os.environ.get("ERP_TEST_RABBITMQ_URL")
    management = os.environ.get("ERP_TEST_RABBITMQ_MANAGEMENT_URL")
    if (pg is None or amqp is None) and docker_reachable():
        from testcontainers.postgres import PostgresContainer
        from testcontainers.rabbitmq import RabbitMqContainer
        if pg is None:
            container = PostgresContainer("postgres:15", driver="psycopg").start()
            _containers.append(container)
            pg = container.get_connection_url().rsplit("/", 1)[0]
        if amqp is None:
            container = RabbitMqContainer("rabbitmq:3.10-management").with_exposed_ports(5672, 15672).start()
            _containers.append(container)
            host = container.get_container_host_ip()
            amqp = f"amqp://guest:guest@{host}:{container.get_exposed_port(5672)}"
            management = f"http://guest:guest@{host}:{container.get_exposed_port(15672)}"
    return Infra(pg or LOCAL_PG, (amqp or LOCAL_AMQP).rstrip("/"), management or LOCAL_MANAGEMENT, suffix)


def stop_containers() -> None:
    while _containers:
        _containers.pop().stop()
