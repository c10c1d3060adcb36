"""Producer and consumer agree: every event a service consumes is in the catalog and is published by the
service its type names (through that service's master-data definitions)."""
import importlib

import pytest

from erp_shared.config import SERVICES
from erp_shared.events import catalog
from erp_shared.masterdata import MasterData


def produced_types(service: str) -> set[str]:
    """Master-data snapshots from `masterdata.py`, plus the business events `events.PUBLISHES` declares."""
    module = importlib.import_module(f"{service}.masterdata")
    snapshots = {record.event_type(fact) for record in vars(module).values() if isinstance(record, MasterData)
                 for fact in ("created", "updated", "deactivated")}
    return snapshots | set(importlib.import_module(f"{service}.events").PUBLISHES)


PRODUCED = {service: produced_types(service) for service in SERVICES}


@pytest.mark.parametrize("service", SERVICES)
def test_every_consumed_event_is_catalogued_and_published_by_its_owner(service):
    consumed = set(importlib.import_module(f"{service}.handlers").HANDLERS)
    unknown = consumed - set(catalog.types())
    assert not unknown, f"{service} consumes types missing from the catalog: {unknown}"
    orphans = {t for t in consumed if t not in PRODUCED.get(t.split(".")[0], set())}
    assert not orphans, f"{service} consumes types nobody publishes: {orphans}"


@pytest.mark.parametrize("service", SERVICES)
def test_every_published_event_is_catalogued_under_its_producer(service):
    for event_type in PRODUCED[service]:
        assert event_type.startswith(f"{service}.")
        catalog.schema(event_type)


def test_the_committed_broker_definitions_match_the_topology_in_code():
    """`make definitions` regenerates the file; a handler added without it would leave compose/k8s behind."""
    import json
    from pathlib import Path

    from erp_shared.config import Settings
    from erp_shared.manage import service_queues
    from erp_shared.messaging.topology import definitions

    committed = json.loads((Path(__file__).resolve().parents[1] / "deploy/rabbitmq/definitions.json").read_text())
    settings = Settings.from_env("manage", retry_delays_ms=(1000, 10000, 60000))
    assert committed == json.loads(json.dumps(definitions(service_queues(settings), "erp"))), \
        "deploy/rabbitmq/definitions.json is stale: run `make definitions`"
