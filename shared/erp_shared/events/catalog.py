"""One marshmallow schema per event type and version, shared by producer and consumers.

Producers dump through it (so what goes out matches the contract) and consumers load through it (so what
comes in is checked before any effect). Schemas live in the producer's module under `schemas/`.
"""
from __future__ import annotations

import threading
from typing import Callable

from marshmallow import Schema


class UnknownEventType(LookupError):
    pass


class EventCatalog:
    def __init__(self):
        self._schemas: dict[str, type[Schema]] = {}
        self._instances: dict[str, Schema] = {}

    def register(self, event_type: str) -> Callable[[type[Schema]], type[Schema]]:
        def decorator(schema_cls: type[Schema]) -> type[Schema]:
            if event_type in self._schemas and self._schemas[event_type] is not schema_cls:
                raise ValueError(f"{event_type} is registered twice")
            self._schemas[event_type] = schema_cls
            return schema_cls
        return decorator

    def schema(self, event_type: str) -> Schema:
        """One shared instance per type: marshmallow schemas keep no per-call state."""
        instance = self._instances.get(event_type)
        if instance is None:
            _load_all()
            try:
                instance = self._instances[event_type] = self._schemas[event_type]()
            except KeyError:
                raise UnknownEventType(event_type) from None
        return instance

    def types(self) -> list[str]:
        _load_all()
        return sorted(self._schemas)

    def dump(self, event_type: str, data: dict) -> dict:
        schema = self.schema(event_type)
        dumped = schema.dump(data)
        errors = schema.validate(dumped)
        if errors:
            raise ValueError(f"{event_type} payload breaks its schema: {errors}")
        return dumped

    def load(self, event_type: str, data: dict) -> dict:
        return self.schema(event_type).load(data)


catalog = EventCatalog()
_loaded = False
_loading = threading.Lock()


def _load_all() -> None:
    """Registers every producer's schemas once. The flag is set only after the import finished, under a lock:
    a thread that saw it set early would find an empty catalog and dead-letter a valid event."""
    global _loaded
    if _loaded:
        return
    with _loading:
        if not _loaded:
            from . import schemas  # noqa: F401
            _loaded = True


MASTER_DATA_FACTS = ("created", "updated", "deactivated")


def master_data_types(producer: str, record: str, major: int = 1) -> tuple[str, ...]:
    """The three lifecycle events of a master record; each carries the full record as a snapshot."""
    return tuple(f"{producer}.{record}_{fact}.v{major}" for fact in MASTER_DATA_FACTS)


def register_master_data(producer: str, record: str, schema_cls: type[Schema], major: int = 1) -> type[Schema]:
    for event_type in master_data_types(producer, record, major):
        catalog.register(event_type)(schema_cls)
    return schema_cls
