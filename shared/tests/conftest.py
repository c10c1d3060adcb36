import os
import sys
from pathlib import Path

import pika
import pytest
from sqlalchemy import create_engine

from erp_shared.db import Database
from erp_shared.manage import create_database, drop_database
from erp_shared.messaging.topology import Management, ServiceQueues, declare, vhost_of
from erp_shared.testing.plugin import TEST_RETRY_DELAYS_MS, environment_for_tests
from erp_shared.testing.processes import ManagedProcess, python_module

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from sample_app.handlers import HANDLERS  # noqa: E402
from sample_app.models import metadata  # noqa: E402

PRODUCER, CONSUMER = "sampleprod", "sample"


@pytest.fixture(scope="session")
def sample_databases(erp_infra):
    urls = {name: erp_infra.database_url(name) for name in (PRODUCER, CONSUMER)}
    for url in urls.values():
        drop_database(url)
        create_database(url)
        engine = create_engine(url)
        metadata.create_all(engine)
        engine.dispose()
    databases = {name: Database(url) for name, url in urls.items()}
    yield databases
    for name, db in databases.items():
        db.dispose()
        drop_database(urls[name])


@pytest.fixture(scope="session")
def producer_db(sample_databases) -> Database:
    return sample_databases[PRODUCER]


@pytest.fixture(scope="session")
def consumer_db(sample_databases) -> Database:
    return sample_databases[CONSUMER]


@pytest.fixture(scope="session")
def sample_queues(erp_infra) -> ServiceQueues:
    queues = ServiceQueues(CONSUMER, tuple(sorted(HANDLERS)), TEST_RETRY_DELAYS_MS)
    connection = pika.BlockingConnection(pika.URLParameters(erp_infra.amqp_url))
    declare(connection.channel(), queues)
    connection.close()
    Management(erp_infra.management_url).apply_policy(vhost_of(erp_infra.amqp_url), queues.policy())
    return queues


@pytest.fixture()
def workers(erp_infra, erp_tokens, sample_databases, sample_queues, tmp_path):
    """Start real worker processes; every one still running is killed when the test ends."""
    started: list[ManagedProcess] = []
    env = environment_for_tests(erp_infra, erp_tokens, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))

    def start(service: str, *args: str, fault: str | None = None, name: str | None = None,
              heartbeat: int | None = None) -> ManagedProcess:
        process_env = dict(env, ERP_FAULT_POINT=fault) if fault else dict(env)
        if heartbeat:
            process_env["ERP_BROKER_HEARTBEAT"] = str(heartbeat)
        process = ManagedProcess(name or f"{service}-{len(started)}", python_module("sample_app.worker", service, *args),
                                 process_env, tmp_path).start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.kill()
