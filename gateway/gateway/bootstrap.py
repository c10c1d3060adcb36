"""`python -m gateway.bootstrap`: create the admin user, or bring it back to a known state.

Reads ERP_ADMIN_USER and ERP_ADMIN_PASSWORD; an existing user of that name gets the password, is reactivated
and holds the admin role afterwards, so running it again is how a locked-out operator gets back in.
"""
from __future__ import annotations

import os
import sys

from erp_shared.config import database_url_for
from erp_shared.db import Database

from . import SERVICE
from .identity import MIN_PASSWORD_LENGTH, ensure_admin


def admin_credentials(environ=os.environ) -> tuple[str, str]:
    username = (environ.get("ERP_ADMIN_USER") or "").strip()
    password = environ.get("ERP_ADMIN_PASSWORD") or ""
    if not username or not password:
        raise SystemExit("gateway.bootstrap: set ERP_ADMIN_USER and ERP_ADMIN_PASSWORD to the admin's username "
                         "and password")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise SystemExit(f"gateway.bootstrap: ERP_ADMIN_PASSWORD must have at least {MIN_PASSWORD_LENGTH} "
                         "characters")
    return username, password


def bootstrap_admin(database: Database, username: str, password: str) -> str:
    with database.unit_of_work() as session:
        user, created = ensure_admin(session, username, password)
        return f"admin user {user.username!r} {'created' if created else 'updated'}"


def main() -> int:
    username, password = admin_credentials()
    database = Database(database_url_for(SERVICE), pool_size=1)
    try:
        print(bootstrap_admin(database, username, password))
    finally:
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
