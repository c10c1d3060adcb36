#!/usr/bin/env python
"""Wait until a service's database schema is at the head revision this image's code expects.

Kubernetes runs the migration Jobs alongside a rollout; every API and worker pod runs this as an init
container so it starts only once its schema is ready. A schema *ahead* of this image (a rollback to an
older release) is accepted with a warning, so a rollback is never blocked.

    wait-for-migrations <service> [--timeout SECONDS] [--interval SECONDS]
"""
from __future__ import annotations

import argparse
import sys
import time

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool
from sqlalchemy.exc import SQLAlchemyError

from erp_shared.config import database_url_for
from erp_shared.migrations import alembic_config


def known_revisions(script: ScriptDirectory) -> set[str]:
    return {revision.revision for revision in script.walk_revisions()}


def current_revisions(url: str) -> set[str]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()


def schema_state(service: str, url: str) -> tuple[bool, str]:
    """(ready, description) for the schema at `url` against the migrations packaged with `service`."""
    script = ScriptDirectory.from_config(alembic_config(service, url))
    heads = set(script.get_heads())
    current = current_revisions(url)
    if current == heads:
        return True, f"{service}: schema at head {sorted(heads)}"
    if current and not current & known_revisions(script):
        return True, f"{service}: schema {sorted(current)} is newer than this image {sorted(heads)}; continuing"
    return False, f"{service}: schema at {sorted(current) or 'no revision'}, waiting for {sorted(heads)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wait-for-migrations", description=__doc__.splitlines()[0])
    parser.add_argument("service")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before giving up (exit 1)")
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between checks")
    args = parser.parse_args(argv)
    url = database_url_for(args.service)
    deadline = time.monotonic() + args.timeout
    while True:
        try:
            ready, state = schema_state(args.service, url)
        except SQLAlchemyError as exc:
            ready, state = False, f"{args.service}: database not reachable ({exc.__class__.__name__})"
        print(state, flush=True)
        if ready:
            return 0
        if time.monotonic() >= deadline:
            print(f"{args.service}: gave up after {args.timeout:.0f}s", file=sys.stderr, flush=True)
            return 1
        time.sleep(args.interval)


if __name__ == "__main__":
    sys.exit(main())
