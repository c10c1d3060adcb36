"""SQLAlchemy 2 engine and unit of work: one transaction per use case, committed or rolled back whole."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker


def pool_limits(pool_size: int | None = None) -> tuple[int, int]:
    """Connections kept open per process, and how many more a burst may open (closed again when returned).

    PostgreSQL serves a fixed number of connections (100 by default) to everything on the machine; a test
    system started beside `make run` sets ERP_DB_POOL_SIZE / ERP_DB_MAX_OVERFLOW low so both fit."""
    size = pool_size if pool_size is not None else int(os.environ.get("ERP_DB_POOL_SIZE", "5"))
    return size, int(os.environ.get("ERP_DB_MAX_OVERFLOW", "10"))


class Database:
    def __init__(self, url: str, *, pool_size: int | None = None, echo: bool = False):
        self.url = url
        size, overflow = pool_limits(pool_size)
        self.engine: Engine = create_engine(
            url,
            pool_size=size,
            max_overflow=overflow,
            # No pre-ping: it costs a round trip per transaction. A connection that died with the server
            # fails as a transient error (503 for the API, an in-place retry for a consumer) and SQLAlchemy
            # then invalidates the whole pool, so the next attempt connects afresh.
            pool_pre_ping=False,
            pool_recycle=1800,
            echo=echo,
            connect_args={"connect_timeout": 5},
        )
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Commit on success, roll back on any exception: a business change and its outbox rows land together."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def session(self) -> Session:
        return self._sessions()

    def is_reachable(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except DBAPIError:
            return False

    def dispose(self) -> None:
        self.engine.dispose()


TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available


def is_transient_db_error(exc: BaseException) -> bool:
    """Errors worth retrying in place: lost connections and concurrency conflicts, never data errors."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate in TRANSIENT_SQLSTATES or (sqlstate or "").startswith("08") or (sqlstate or "").startswith("57P"):
        return True
    return exc.__class__.__name__ == "OperationalError"
