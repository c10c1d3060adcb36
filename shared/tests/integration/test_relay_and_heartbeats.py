"""One active relay per service, retention of published rows, and heartbeats during long handlers."""
import json
import uuid
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.engine import make_url

from erp_shared.messaging.relay import OutboxRelay
from erp_shared.testing.waiting import wait_until
from sample_app.models import inbox, outbox
from sample_app.testkit import department, effect_counts, pending_outbox, publish

pytestmark = pytest.mark.fault


def relay_lock_holders(db) -> int:
    url = make_url(db.url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                            "AND objid = hashtext('outbox-relay:sampleprod')::oid "
                            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                            ).fetchone()[0]


def test_only_one_relay_is_active_and_a_standby_takes_over_when_it_dies(workers, producer_db, consumer_db):
    workers("sample")
    first = workers("sampleprod", "--relay-only")
    wait_until(lambda: relay_lock_holders(producer_db) == 1, message="no relay took the lock")
    second = workers("sampleprod", "--relay-only")
    before = publish(producer_db, "hr.department_created.v1", [department() for _ in range(10)])
    wait_until(lambda: len(effect_counts(consumer_db, before)) == 10, message="events not relayed")
    assert relay_lock_holders(producer_db) == 1 and first.alive and second.alive

    first.kill()
    after = publish(producer_db, "hr.department_created.v1", [department() for _ in range(10)])
    wait_until(lambda: len(effect_counts(consumer_db, after)) == 10, timeout=30, message="the standby never took over")
    assert relay_lock_holders(producer_db) == 1
    counts = effect_counts(consumer_db, before + after)
    assert sorted(counts.values()) == [1] * 20


def test_published_rows_past_retention_are_removed_and_pending_ones_kept(producer_db, erp_infra):
    old = datetime.now(timezone.utc) - timedelta(days=8)
    with producer_db.unit_of_work() as session:
        ids = [session.execute(insert(outbox).values(
            event_id=uuid.uuid4(), event_type="hr.department_created.v1", correlation_id="c",
            body=json.dumps({}), status=status, published_at=published_at)).inserted_primary_key[0]
            for status, published_at in (("published", old), ("published", datetime.now(timezone.utc)),
                                         ("pending", None))]
        session.execute(insert(inbox).values(event_id=uuid.uuid4(), event_type="x",
                                             received_at=datetime.now(timezone.utc) - timedelta(days=31)))
    relay = OutboxRelay("sampleprod", producer_db, outbox, inbox, erp_infra.amqp_url)
    relay._housekeeping()
    with producer_db.unit_of_work() as session:
        kept = set(session.execute(select(outbox.c.id).where(outbox.c.id.in_(ids))).scalars())
        old_inbox = session.execute(select(func.count()).where(
            inbox.c.received_at < datetime.now(timezone.utc) - timedelta(days=30))).scalar_one()
    assert kept == set(ids[1:]) and old_inbox == 0


def test_a_handler_longer_than_two_heartbeats_keeps_its_connection(workers, producer_db, consumer_db):
    workers("sampleprod", "--relay-only")
    consumer = workers("sample", heartbeat=1)
    slow = publish(producer_db, "hr.department_updated.v1", [department(name="slow:4")], sequence=2)
    behind = publish(producer_db, "hr.department_created.v1", [department()])
    wait_until(lambda: effect_counts(consumer_db, slow + behind) == {slow[0]: 1, behind[0]: 1}, timeout=30,
               message="the slow event or the one behind it was not applied")
    assert pending_outbox(producer_db, slow + behind) == 0
    assert "lost the broker" not in consumer.log(), consumer.log()[-2000:]
