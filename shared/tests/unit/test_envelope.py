import json
import uuid

import pytest
from marshmallow import ValidationError

from erp_shared.events import catalog, flow_context, new_event, parse_envelope
from erp_shared.events.catalog import UnknownEventType


def department():
    return {"id": uuid.uuid4(), "code": "D1", "name": "Assembly", "active": True}


def test_a_new_event_carries_the_flow_and_round_trips():
    with flow_context("req-1", "req-1"):
        event = new_event("hr.department_created.v1", department(), subject="s", sequence=3)
    parsed = parse_envelope(event.to_json())
    assert parsed == event
    assert (parsed.type, parsed.version, parsed.source) == ("hr.department_created.v1", 1, "hr")
    assert parsed.correlation_id == parsed.causation_id == "req-1"
    assert parsed.occurred_at.tzinfo is not None


def test_events_caused_by_an_incoming_event_get_ids_derived_from_it():
    incoming = uuid.uuid4()
    with flow_context("flow", str(incoming), incoming):
        first = [new_event("hr.department_created.v1", department()).id for _ in range(2)]
    with flow_context("flow", str(incoming), incoming):
        second = [new_event("hr.department_created.v1", department()).id for _ in range(2)]
    assert first == second and first[0] != first[1]


def test_events_from_requests_get_fresh_ids():
    with flow_context("r", "r"):
        assert new_event("hr.department_created.v1", department()).id != new_event(
            "hr.department_created.v1", department()).id


@pytest.mark.parametrize("mutate, field", [
    (lambda e: e.update(version=2), "version"),
    (lambda e: e.update(source="sales"), "source"),
    (lambda e: e.update(type="Not.A.Type"), "type"),
    (lambda e: e.pop("correlation_id"), "correlation_id"),
    (lambda e: e.update(occurred_at="2026-01-01T00:00:00"), "occurred_at"),
])
def test_a_broken_envelope_is_refused(mutate, field):
    envelope = new_event("hr.department_created.v1", department()).to_dict()
    mutate(envelope)
    with pytest.raises(ValidationError) as refused:
        parse_envelope(json.dumps(envelope))
    assert field in refused.value.messages


def test_bad_json_is_refused():
    with pytest.raises(ValueError):
        parse_envelope(b"{nope")


def test_the_catalog_checks_payloads_both_ways():
    with pytest.raises(ValueError):
        new_event("hr.department_created.v1", {"id": uuid.uuid4(), "name": "no code", "active": True})
    with pytest.raises(ValidationError):
        catalog.load("sales.customer_created.v1", {"id": str(uuid.uuid4()), "code": "C", "name": "n",
                                                    "credit_rating": "Z", "credit_limit": "1", "active": True})
    with pytest.raises(UnknownEventType):
        catalog.schema("hr.department_created.v7")


def test_decimals_travel_as_exact_strings():
    event = new_event("sales.customer_created.v1", {"id": uuid.uuid4(), "code": "C", "name": "n",
                                                    "credit_rating": "A", "credit_limit": "1000.10",
                                                    "active": True})
    assert event.data["credit_limit"] == "1000.10"
    assert str(catalog.load(event.type, event.data)["credit_limit"]) == "1000.10"


def test_the_catalog_is_complete_for_every_thread_from_the_first_lookup():
    """Regression: the lazy load marked itself done before importing, so a racing thread saw no schemas."""
    import importlib
    import sys
    import threading

    module = importlib.import_module("erp_shared.events.catalog")
    for _ in range(20):
        module.catalog._schemas.clear()
        module.catalog._instances.clear()
        module._loaded = False
        for name in [m for m in sys.modules if m.startswith("erp_shared.events.schemas")]:
            del sys.modules[name]
        if hasattr(sys.modules["erp_shared.events"], "schemas"):
            delattr(sys.modules["erp_shared.events"], "schemas")
        barrier = threading.Barrier(8)
        failures = []

        def look_up():
            barrier.wait()
            try:
                module.catalog.schema("hr.department_created.v1")
            except UnknownEventType as exc:
                failures.append(exc)

        threads = [threading.Thread(target=look_up) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures
