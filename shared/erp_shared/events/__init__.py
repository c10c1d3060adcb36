"""Event envelope, flow context and the catalog of event schemas."""
from .envelope import Envelope, EnvelopeSchema, new_event, parse_envelope
from .context import flow_context, current_flow
from .catalog import catalog, EventCatalog, UnknownEventType

__all__ = [
    "Envelope", "EnvelopeSchema", "new_event", "parse_envelope", "flow_context", "current_flow",
    "catalog", "EventCatalog", "UnknownEventType",
]
