"""Writing events into the outbox, inside the caller's transaction."""
from __future__ import annotations

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from ..events import Envelope
from .tables import OUTBOX_CHANNEL


def record_events(session: Session, outbox, *events: Envelope) -> None:
    """The events commit or vanish with the business change; NOTIFY wakes the relay only after commit."""
    if not events:
        return
    session.execute(insert(outbox), [
        {
            "event_id": event.id,
            "event_type": event.type,
            "correlation_id": event.correlation_id,
            "body": event.to_json(),
        }
        for event in events
    ])
    session.execute(text(f"SELECT pg_notify('{OUTBOX_CHANNEL}', '')"))
