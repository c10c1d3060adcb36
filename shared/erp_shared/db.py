"""SQLAlchemy 2 engine and unit of work: one transaction per use case, committed or rolled back whole."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker


class Database:
    def __init__(self, url: str, *, pool_size: int = 5, echo: bool = False):
        self.url = url
        self.engine: Engine = create_engine(
            url,
            pool_size=pool_size,
            max_overflow=10,
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
