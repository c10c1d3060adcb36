"""Helpers the messaging tests share: publish through the outbox, count effects from the outside."""
import uuid

import pika
from sqlalchemy import func, select

from erp_shared.db import Database
from erp_shared.events import new_event
from erp_shared.messaging.broker import EVENTS_EXCHANGE
from erp_shared.messaging.outbox import record_events

from .models import effects, inbox, outbox


def department(code: str | None = None, name: str = "Assembly") -> dict:
    return {"id": uuid.uuid4(), "code": code or f"D-{uuid.uuid4().hex[:10]}", "name": name, "active": True}


def publish(db: Database, event_type: str, records: list[dict], sequence: int = 1) -> list:
    """Commit the events through the outbox, as a service's use case would."""
    events = [new_event(event_type, record, subject=str(record["id"]), sequence=sequence) for record in records]
    with db.unit_of_work() as session:
        record_events(session, outbox, *events)
    return [event.id for event in events]


def effect_counts(db: Database, event_ids) -> dict:
    with db.unit_of_work() as session:
        rows = session.execute(select(effects.c.event_id, func.count()).where(effects.c.event_id.in_(list(event_ids)))
                               .group_by(effects.c.event_id)).all()
    return {row[0]: row[1] for row in rows}


def pending_outbox(db: Database, event_ids) -> int:
    with db.unit_of_work() as session:
        return session.execute(select(func.count()).where(outbox.c.event_id.in_(list(event_ids)),
                                                          outbox.c.status == "pending")).scalar_one()


def in_inbox(db: Database, event_ids) -> int:
    with db.unit_of_work() as session:
        return session.execute(select(func.count()).where(inbox.c.event_id.in_(list(event_ids)))).scalar_one()


def publish_raw(amqp_url: str, routing_key: str, body: bytes, exchange: str = EVENTS_EXCHANGE, **properties) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    channel.basic_publish(exchange, routing_key, body, pika.BasicProperties(delivery_mode=2, **properties),
                          mandatory=True)
    connection.close()


def exactly_once_report(expected, counts) -> str:
    lost = [e for e in expected if counts.get(e, 0) == 0]
    duplicated = [e for e in expected if counts.get(e, 0) > 1]
    unexpected = [e for e in counts if e not in set(expected)]
    return f"lost={len(lost)} duplicated={len(duplicated)} unexpected={len(unexpected)} of {len(expected)}"
