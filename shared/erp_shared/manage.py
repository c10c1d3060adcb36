"""`erp-manage`: create databases, migrate, declare the broker topology, export it.

Services are found by convention: `<service>.models.metadata`, `<service>.handlers.HANDLERS`.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys

import psycopg
from sqlalchemy.engine import make_url

from .config import SERVICES, Settings, database_url_for
from .messaging.broker import close_quietly, connect
from .messaging.topology import (Management, ServiceQueues, declare, declare_exchanges, definitions, user_of,
                                 vhost_of)
from .migrations import upgrade


def handlers_of(service: str) -> dict:
    return importlib.import_module(f"{service}.handlers").HANDLERS


def service_queues(settings: Settings) -> list[ServiceQueues]:
    queues = []
    for service in SERVICES:
        handlers = handlers_of(service)
        if handlers:
            queues.append(ServiceQueues(service, tuple(sorted(handlers)), settings.retry_delays_ms))
    return queues


def create_database(url: str) -> bool:
    """CREATE DATABASE if it is missing; returns True when it was created."""
    target = make_url(url)
    admin = target.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (target.database,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{target.database}"')
            return True
    return False


def drop_database(url: str) -> None:
    target = make_url(url)
    admin = target.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')


def declare_topology(settings: Settings, *, with_policies: bool = True) -> None:
    Management(settings.rabbitmq_management_url).ensure_vhost(vhost_of(settings.rabbitmq_url),
                                                             user_of(settings.rabbitmq_url))
    connection = connect(settings.rabbitmq_url, name="erp-manage", give_up_after=60)
    try:
        channel = connection.channel()
        declare_exchanges(channel)
        for queues in service_queues(settings):
            declare(channel, queues)
    finally:
        close_quietly(connection)
    if with_policies:
        management = Management(settings.rabbitmq_management_url)
        for queues in service_queues(settings):
            management.apply_policy(vhost_of(settings.rabbitmq_url), queues.policy())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="erp-manage")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("create-db", "migrate"):
        cmd = sub.add_parser(name)
        cmd.add_argument("services", nargs="*", default=list(SERVICES))
    sub.add_parser("declare-topology")
    export = sub.add_parser("export-definitions")
    export.add_argument("--vhost", default="erp")
    args = parser.parse_args(argv)
    settings = Settings.from_env("manage")
    if args.command == "create-db":
        for service in args.services:
            created = create_database(database_url_for(service))
            print(f"{service}: database {'created' if created else 'exists'}")
    elif args.command == "migrate":
        for service in args.services:
            upgrade(service, database_url_for(service))
            print(f"{service}: migrated")
    elif args.command == "declare-topology":
        declare_topology(settings)
        print("topology declared")
    elif args.command == "export-definitions":
        json.dump(definitions(service_queues(settings), args.vhost), sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
