"""The outbox, relay and idempotent consumer, with real worker processes, PostgreSQL and RabbitMQ."""
import json
import signal

import pytest

from erp_shared.events import new_event
from erp_shared.messaging.outbox import record_events
from erp_shared.testing.waiting import wait_until
from sample_app.models import outbox
from sample_app.testkit import department, effect_counts, exactly_once_report, pending_outbox, publish

pytestmark = pytest.mark.fault


def duplicates_logged(process, event_ids) -> set:
    wanted = {str(e) for e in event_ids}
    seen = set()
    for line in process.log().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("message") == "duplicate event skipped" and record.get("event_id") in wanted:
            seen.add(record["event_id"])
    return seen


def test_a_rolled_back_change_publishes_nothing_and_a_committed_one_exactly_its_events(
        workers, producer_db, consumer_db):
    workers("sampleprod", "--relay-only")
    workers("sample")
    rolled_back = [new_event("hr.department_created.v1", department(), sequence=1) for _ in range(3)]
    with pytest.raises(RuntimeError):
        with producer_db.unit_of_work() as session:
            record_events(session, outbox, *rolled_back)
            raise RuntimeError("the business rule failed after the events were recorded")
    committed = publish(producer_db, "hr.department_created.v1", [department() for _ in range(3)])

    counts = wait_until(lambda: (c := effect_counts(consumer_db, committed)) and len(c) == 3 and c,
                        message="committed events did not arrive")
    assert all(n == 1 for n in counts.values()), exactly_once_report(committed, counts)
    assert effect_counts(consumer_db, [e.id for e in rolled_back]) == {}
    assert pending_outbox(producer_db, [e.id for e in rolled_back]) == 0


def test_relay_killed_after_publishing_before_marking_republishes_and_consumers_apply_once(
        workers, producer_db, consumer_db):
    consumer = workers("sample")
    event_ids = publish(producer_db, "hr.department_created.v1", [department() for _ in range(20)])
    crashed = workers("sampleprod", "--relay-only", fault="relay_after_publish_before_mark")
    assert crashed.wait_exit(30) == 137
    assert pending_outbox(producer_db, event_ids) == 20, "rows must stay pending when the relay dies before marking"
    wait_until(lambda: len(effect_counts(consumer_db, event_ids)) == 20, message="first publication not applied")

    workers("sampleprod", "--relay-only")
    wait_until(lambda: pending_outbox(producer_db, event_ids) == 0, message="restarted relay did not republish")
    wait_until(lambda: len(duplicates_logged(consumer, event_ids)) == 20,
               message=lambda: f"redeliveries seen: {len(duplicates_logged(consumer, event_ids))}/20")
    counts = effect_counts(consumer_db, event_ids)
    assert sorted(counts.values()) == [1] * 20, exactly_once_report(event_ids, counts)


@pytest.mark.parametrize("fault, effects_before_restart", [
    ("consumer_after_commit_before_ack", 1),
    ("consumer_before_commit", 0),
])
def test_consumer_killed_around_its_commit_applies_the_event_once(
        workers, producer_db, consumer_db, fault, effects_before_restart):
    workers("sampleprod", "--relay-only")
    crashing = workers("sample", fault=fault)
    event_ids = publish(producer_db, "hr.department_created.v1", [department()])
    assert crashing.wait_exit(30) == 137
    assert sum(effect_counts(consumer_db, event_ids).values()) == effects_before_restart

    restarted = workers("sample")
    wait_until(lambda: effect_counts(consumer_db, event_ids) == {event_ids[0]: 1},
               message=lambda: exactly_once_report(event_ids, effect_counts(consumer_db, event_ids)))
    if effects_before_restart:
        wait_until(lambda: duplicates_logged(restarted, event_ids), message="redelivery was not recognised")
    assert effect_counts(consumer_db, event_ids) == {event_ids[0]: 1}


def test_sigterm_drains_cleanly_and_nothing_is_lost_or_applied_twice(workers, producer_db, consumer_db):
    workers("sampleprod", "--relay-only")
    consumer = workers("sample")
    event_ids = publish(producer_db, "hr.department_created.v1", [department() for _ in range(200)])
    wait_until(lambda: effect_counts(consumer_db, event_ids), message="consumer never started")
    consumer.signal(signal.SIGTERM)
    assert consumer.wait_exit(40) == 0, consumer.log()[-2000:]
    workers("sample")
    wait_until(lambda: len(effect_counts(consumer_db, event_ids)) == 200, timeout=40,
               message=lambda: exactly_once_report(event_ids, effect_counts(consumer_db, event_ids)))
    counts = effect_counts(consumer_db, event_ids)
    assert all(n == 1 for n in counts.values()), exactly_once_report(event_ids, counts)
