"""The business flow an event belongs to, carried in a context variable so nothing has to thread it by hand.

A web request opens a flow whose correlation id is the gateway's request id; a consumer opens one from the
incoming event, so every event it causes keeps the correlation id and names the incoming event as its cause.
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Iterator


@dataclass
class Flow:
    correlation_id: str
    causation_id: str
    # Set when the flow is the handling of an incoming event: outgoing ids are derived from it, so a handler
    # that runs twice (after a crash before commit) emits the same ids and consumers de-duplicate them.
    incoming_event_id: uuid.UUID | None = None
    emitted: dict = field(default_factory=dict)

    def next_event_id(self, event_type: str) -> uuid.UUID:
        if self.incoming_event_id is None:
            return uuid.uuid4()
        n = self.emitted.get(event_type, 0)
        self.emitted[event_type] = n + 1
        name = event_type if n == 0 else f"{event_type}#{n}"
        return uuid.uuid5(self.incoming_event_id, name)


_current: ContextVar[Flow | None] = ContextVar("erp_flow", default=None)


def current_flow() -> Flow:
    flow = _current.get()
    if flow is None:
        new_id = str(uuid.uuid4())
        flow = Flow(correlation_id=new_id, causation_id=new_id)
        _current.set(flow)
    return flow


def peek_flow() -> Flow | None:
    return _current.get()


@contextmanager
def flow_context(correlation_id: str, causation_id: str, incoming_event_id: uuid.UUID | None = None) -> Iterator[Flow]:
    flow = Flow(correlation_id=correlation_id, causation_id=causation_id, incoming_event_id=incoming_event_id)
    token = _current.set(flow)
    try:
        yield flow
    finally:
        _current.reset(token)
