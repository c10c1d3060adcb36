"""Recording the SQL a block of code sends, to hold hot paths to a statement budget in tests.

On this stack the CPU a use case costs grows with its statements, and a statement SQLAlchemy cannot cache
(a multi-row `.values([...])`, say) is compiled again on every call. Tests count statements and the ones
compiled afresh, never time them.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine, default

_SAVEPOINT = re.compile(r"(RELEASE |ROLLBACK TO )?SAVEPOINT ", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    sql: str
    cached: bool

    def __str__(self) -> str:
        return f"{'cached' if self.cached else 'COMPILED'}: {' '.join(self.sql.split())[:160]}"


@contextmanager
def recorded_statements(engine: Engine) -> Iterator[list[Statement]]:
    """Every statement executed on `engine` inside the block; `cached` is False when SQLAlchemy compiled it
    for this call (a cache miss, or a statement with no cache key). Plain SQL strings count as cached, and so
    do savepoints: they have no cache key, but there is nothing in them to compile."""
    seen: list[Statement] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        hit = getattr(context, "cache_hit", None)
        compiled = hit in (default.CACHE_MISS, default.NO_CACHE_KEY) and not _SAVEPOINT.match(statement)
        seen.append(Statement(statement, cached=not compiled))

    event.listen(engine, "after_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "after_cursor_execute", record)


def describe(statements: list[Statement]) -> str:
    return "\n".join(str(s) for s in statements)
