"""The envelope every event travels in (DESIGN.md §3)."""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .context import current_flow

EVENT_TYPE_PATTERN = re.compile(r"^(?P<source>[a-z][a-z0-9_]*)\.(?P<fact>[a-z][a-z0-9_]*)\.v(?P<major>[1-9][0-9]*)$")


class EnvelopeSchema(Schema):
    id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Regexp(EVENT_TYPE_PATTERN))
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True)
    source = fields.String(required=True, validate=validate.Length(min=1, max=64))
    correlation_id = fields.String(required=True, validate=validate.Length(min=1, max=128))
    causation_id = fields.String(required=True, validate=validate.Length(min=1, max=128))
    subject = fields.String(load_default=None, allow_none=True)
    sequence = fields.Integer(load_default=None, allow_none=True)
    data = fields.Dict(required=True)

    @validates_schema
    def _type_matches_version_and_source(self, values, **kwargs):
        match = EVENT_TYPE_PATTERN.match(values.get("type", ""))
        if match is None:
            return
        if int(match["major"]) != values.get("version"):
            raise ValidationError("version must equal the major version in the type", "version")
        if match["source"] != values.get("source"):
            raise ValidationError("source must be the producer named in the type", "source")


_ENVELOPE = EnvelopeSchema()  # schemas hold no per-call state; building one per message costs more than parsing it


@dataclass(frozen=True)
class Envelope:
    id: uuid.UUID
    type: str
    version: int
    occurred_at: datetime
    source: str
    correlation_id: str
    causation_id: str
    data: dict[str, Any]
    subject: str | None = None
    sequence: int | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> str:
        return json.dumps(_ENVELOPE.dump(self.__dict__), separators=(",", ":"), sort_keys=True)

    def to_dict(self) -> dict:
        return _ENVELOPE.dump(self.__dict__)


def new_event(event_type: str, data: dict, *, subject: str | None = None, sequence: int | None = None) -> Envelope:
    """Build an event in the current flow; `data` is validated and serialised by its catalog schema."""
    from .catalog import catalog  # the catalog imports this module

    match = EVENT_TYPE_PATTERN.match(event_type)
    if match is None:
        raise ValueError(f"not an event type: {event_type!r}")
    flow = current_flow()
    payload = catalog.dump(event_type, data)
    return Envelope(
        id=flow.next_event_id(event_type),
        type=event_type,
        version=int(match["major"]),
        occurred_at=datetime.now(timezone.utc),
        source=match["source"],
        correlation_id=flow.correlation_id,
        causation_id=flow.causation_id,
        subject=subject,
        sequence=sequence,
        data=payload,
    )


def parse_envelope(body: bytes | str) -> Envelope:
    """Raises ValidationError (or ValueError for bad JSON): both mean the message can never be processed."""
    raw = json.loads(body)
    if not isinstance(raw, dict):
        raise ValidationError("an event must be a JSON object")
    loaded = _ENVELOPE.load(raw)
    return Envelope(**loaded)
