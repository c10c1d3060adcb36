"""The whole ERP, started for real: six APIs and six workers under their production launchers, the
gateway in front, on free ports, against `erp_test_*` databases and the test vhost."""
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from erp_shared.config import SERVICES, Settings
from erp_shared.manage import declare_topology
from erp_shared.testing.plugin import TEST_RETRY_DELAYS_MS, environment_for_tests
from erp_shared.testing.processes import ManagedProcess, free_port, python_module, wait_for_http
from erp_shared.testing.tokens import TokenFactory
from erp_shared.testing.waiting import wait_until

REPO = Path(__file__).resolve().parents[1]
ADMIN = ("e2e-admin", "e2e-admin-password")
ROLE_USERS = ("purchasing", "warehouse", "sales", "production", "accounting", "hr", "viewer")


@dataclass
class System:
    gateway: str
    service_urls: dict
    processes: dict
    env: dict
    tokens: dict = field(default_factory=dict)

    def login(self, username: str, password: str) -> requests.Response:
        return requests.post(f"{self.gateway}/api/auth/token", json={"username": username, "password": password},
                             timeout=10)

    def token(self, role: str) -> str:
        if role not in self.tokens:
            username, password = ADMIN if role == "admin" else (f"e2e-{role}", f"{role}-password-123")
            response = self.login(username, password)
            assert response.status_code == 200, response.text
            self.tokens[role] = response.json()["access_token"]
        return self.tokens[role]

    def call(self, method: str, path: str, role: str | None = "admin", **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if role:
            headers["Authorization"] = f"Bearer {self.token(role)}"
        return requests.request(method, f"{self.gateway}{path}", headers=headers, timeout=15, **kwargs)


def pytest_collection_modifyitems(items):
    """The console's browser journeys last: they open every page, which fills each service's connection pool,
    and the concurrency scenarios before them should find the database as the API tests leave it."""
    items.sort(key=lambda item: item.path.name == "test_console_browser.py")


@pytest.fixture(scope="session")
def system(erp_infra, service_database, tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    keys = TokenFactory()
    for service in (*SERVICES, "gateway"):
        service_database(service)
    declare_topology(Settings.from_env("manage", rabbitmq_url=erp_infra.amqp_url,
                                       rabbitmq_management_url=erp_infra.management_url,
                                       retry_delays_ms=TEST_RETRY_DELAYS_MS))
    ports = {service: free_port() for service in SERVICES}
    gateway_port = free_port()
    env = environment_for_tests(
        erp_infra, keys, ERP_JWT_PRIVATE_KEY=keys.private_pem, ERP_ADMIN_USER=ADMIN[0], ERP_ADMIN_PASSWORD=ADMIN[1],
        ERP_RATELIMIT_STORAGE_URI="memory://", ERP_LOGIN_RATE_LIMIT="1000 per minute", ERP_API_WORKERS="1",
        ERP_API_THREADS="8", ERP_METRICS_DIR=str(tmp_path_factory.mktemp("metrics")),
        # At most four PostgreSQL connections per process (one kept): the thirteen processes then fit beside
        # a `make run` on the same server (100 connections by default) however the scenarios load them.
        ERP_DB_POOL_SIZE="1", ERP_DB_MAX_OVERFLOW="3",
        # The built web console (`make console`); a run may point at another build.
        ERP_CONSOLE_DIR=os.environ.get("ERP_CONSOLE_DIR", str(REPO / "gateway/console/dist")),
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        **{f"ERP_UPSTREAM_{s.upper()}": f"http://127.0.0.1:{p}" for s, p in ports.items()})
    subprocess.run(python_module("gateway.bootstrap"), env=env, check=True, cwd=REPO, capture_output=True)

    processes = {}
    for service, port in ports.items():
        processes[f"{service}-api"] = ManagedProcess(f"{service}-api", ["bash", str(REPO / "scripts/api.sh"),
                                                                         service, str(port)], env, logs)
        processes[f"{service}-worker"] = ManagedProcess(f"{service}-worker", python_module(f"{service}.worker"),
                                                        env, logs)
    processes["gateway"] = ManagedProcess("gateway", ["bash", str(REPO / "scripts/api.sh"), "gateway",
                                                      str(gateway_port)], env, logs)
    for process in processes.values():
        process.start()
    try:
        for port in (*ports.values(), gateway_port):
            wait_for_http(f"http://127.0.0.1:{port}/health", timeout=60)
        system = System(f"http://127.0.0.1:{gateway_port}",
                        {s: f"http://127.0.0.1:{p}" for s, p in ports.items()}, processes, env)
        for role in ROLE_USERS:
            created = system.call("POST", "/api/auth/users", json={
                "username": f"e2e-{role}", "password": f"{role}-password-123", "roles": [role]})
            assert created.status_code == 201, created.text
        yield system
    finally:
        for process in processes.values():
            process.stop()
        for process in processes.values():
            if process.process and process.process.returncode not in (0, -15, None):
                sys.stderr.write(f"--- {process.name} exited {process.process.returncode}\n{process.log()[-3000:]}\n")


@pytest.fixture(autouse=True)
def stock_reconciles_with_the_ledger(request):
    """After every scenario that ran the system, the stock ledger and GL 1200 agree to the cent, with no
    difference left to explain (once the events in flight have been consumed)."""
    yield
    if "system" not in request.fixturenames:
        return
    system = request.getfixturevalue("system")
    state = {}

    def balanced():
        response = system.call("GET", "/api/inventory/reconciliation/stock-to-gl", role="viewer")
        state["last"] = response.text[:2000]
        return response.status_code == 200 and response.json()["status"] == "balanced"
    wait_until(balanced, timeout=45, interval=0.5,
               message=lambda: f"{request.node.nodeid} left the stock ledger and GL 1200 apart: {state.get('last')}")
