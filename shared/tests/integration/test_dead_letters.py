"""Poison messages and exhausted retries are parked without blocking the queue, listed and replayed."""
import json
import uuid

import pytest
from sqlalchemy.dialects.postgresql import insert as pg_insert

from erp_shared.events import new_event
from erp_shared.messaging.dead_letters import DeadLetterQueue
from erp_shared.testing.plugin import settings_for_tests
from erp_shared.testing.waiting import wait_until
from erp_shared.web.app import create_service_app
from sample_app.handlers import HANDLERS
from sample_app.models import switches
from sample_app.testkit import department, effect_counts, publish, publish_raw

pytestmark = pytest.mark.fault


@pytest.fixture()
def dead_letters(erp_infra, sample_queues):
    return DeadLetterQueue(sample_queues, erp_infra.amqp_url)


@pytest.fixture()
def admin_client(erp_infra, erp_tokens, consumer_db):
    settings = settings_for_tests(erp_infra, erp_tokens, "sample")
    app = create_service_app(settings, title="Sample", blueprints=[], handlers=HANDLERS, database=consumer_db)
    return app.test_client()


def parked(dead_letters, message_id):
    return next((letter for letter in dead_letters.list(1000) if letter.message_id == message_id), None)


def set_switch(db, on: bool):
    with db.unit_of_work() as session:
        statement = pg_insert(switches).values(name="deactivations", on=on)
        session.execute(statement.on_conflict_do_update(index_elements=["name"], set_={"on": on}))


def test_poison_messages_are_parked_at_once_and_the_messages_behind_them_flow(
        workers, producer_db, consumer_db, erp_infra, dead_letters):
    workers("sample")
    bad_json, bad_schema, unknown_version = (str(uuid.uuid4()) for _ in range(3))
    publish_raw(erp_infra.amqp_url, "hr.department_created.v1", b"{not json", message_id=bad_json)
    envelope = new_event("hr.department_created.v1", department(), sequence=1).to_dict()
    envelope["data"].pop("code")
    envelope["id"] = bad_schema
    publish_raw(erp_infra.amqp_url, "hr.department_created.v1", json.dumps(envelope).encode(), message_id=bad_schema)
    future = new_event("hr.department_created.v1", department(), sequence=1).to_dict()
    future.update(id=unknown_version, type="hr.department_created.v9", version=9)
    publish_raw(erp_infra.amqp_url, "sample.events", json.dumps(future).encode(), exchange="",
                message_id=unknown_version)
    workers("sampleprod", "--relay-only")
    good = publish(producer_db, "hr.department_created.v1", [department()])

    wait_until(lambda: effect_counts(consumer_db, good) == {good[0]: 1}, message="the good event was blocked")
    reasons = {mid: wait_until(lambda: parked(dead_letters, mid), message=f"{mid} not parked").reason
               for mid in (bad_json, bad_schema, unknown_version)}
    assert reasons == {bad_json: "malformed", bad_schema: "schema", unknown_version: "unhandled_type"}


def test_a_handler_that_always_fails_is_parked_after_its_retry_budget(
        workers, producer_db, consumer_db, dead_letters):
    workers("sampleprod", "--relay-only")
    workers("sample")
    failing = publish(producer_db, "hr.employee_created.v1", [{
        "id": uuid.uuid4(), "employee_no": "E-1", "full_name": "Ann", "active": True}])
    behind = publish(producer_db, "hr.department_created.v1", [department()])
    wait_until(lambda: effect_counts(consumer_db, behind), message="the queue was blocked by a failing handler")
    letter = wait_until(lambda: parked(dead_letters, str(failing[0])), timeout=30, message="never parked")
    assert letter.reason == "retries_exhausted"
    assert letter.retry_count == 2  # three attempts in all (ERP_MAX_ATTEMPTS=3 in tests)
    assert "always fails" in letter.error


def test_dead_letters_are_listed_and_replayed_through_the_admin_endpoint(
        workers, producer_db, consumer_db, dead_letters, admin_client, erp_tokens):
    set_switch(consumer_db, False)
    workers("sampleprod", "--relay-only")
    workers("sample")
    record = department()
    event_ids = publish(producer_db, "hr.department_deactivated.v1", [dict(record, active=False)], sequence=2)
    message_id = str(event_ids[0])
    wait_until(lambda: parked(dead_letters, message_id), timeout=30, message="never parked")

    assert admin_client.get("/admin/dead-letters", headers=erp_tokens.headers("accounting")).status_code == 403
    listed = admin_client.get("/admin/dead-letters?limit=1000", headers=erp_tokens.headers("admin"))
    assert listed.status_code == 200
    entry = next(e for e in listed.json if e["message_id"] == message_id)
    assert entry["event_type"] == "hr.department_deactivated.v1" and "switched off" in entry["error"]
    assert entry["body"]["data"]["code"] == record["code"]

    set_switch(consumer_db, True)
    replay = admin_client.post(f"/admin/dead-letters/{message_id}/replay", headers=erp_tokens.headers("admin"))
    assert replay.status_code == 200 and replay.json == {"replayed": 1}
    wait_until(lambda: effect_counts(consumer_db, event_ids) == {event_ids[0]: 1}, message="replay not applied")
    assert parked(dead_letters, message_id) is None
    again = admin_client.post(f"/admin/dead-letters/{message_id}/replay", headers=erp_tokens.headers("admin"))
    assert again.status_code == 404 and again.content_type == "application/problem+json"


def test_dead_letter_depth_and_outbox_backlog_are_in_the_metrics(admin_client, dead_letters):
    text = admin_client.get("/metrics").get_data(as_text=True)
    depth = next(line for line in text.splitlines() if line.startswith('erp_dead_letters{service="sample"}'))
    assert float(depth.split()[-1]) == dead_letters.depth()
    assert 'erp_outbox_pending{service="sample"}' in text
