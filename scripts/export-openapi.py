"""Write the gateway's merged OpenAPI document without a running system: `python scripts/export-openapi.py OUT`.

`--policy FILE` also writes the gateway's role policy (gateway/gateway/policy.py) as JSON, so the console
offers exactly what the gateway will allow.

Each service's Flask app and the gateway's own are built in-process with addresses that nothing listens on
(engines connect lazily, so nothing is ever contacted) and merged exactly as `/api/openapi.json` merges them.
The output is sorted, indented JSON so the committed copy diffs cleanly; the web console's typed client is
generated from it (`make console-client`).
"""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from pathlib import Path

from erp_shared.config import SERVICES, Settings

NOWHERE_DATABASE = "postgresql+psycopg://nobody@127.0.0.1:9/nowhere"
NOWHERE_BROKER = "amqp://nobody:nobody@127.0.0.1:9/nowhere"


def service_document(service: str) -> dict:
    settings = Settings.from_env(service, database_url=NOWHERE_DATABASE, rabbitmq_url=NOWHERE_BROKER,
                                 jwt_public_key=None)
    app = importlib.import_module(f"{service}.app").create_app(settings)
    with app.app_context():
        return app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()


def gateway_document(services: dict[str, dict]) -> dict:
    from gateway.app import create_app
    from gateway.keys import new_private_pem
    from gateway.openapi import merge_documents

    app = create_app({"database_url": NOWHERE_DATABASE, "jwt_private_key": new_private_pem(),
                      "jwt_public_key": None, "upstreams": {name: "http://127.0.0.1:9" for name in services}})
    with app.app_context():
        own = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    return merge_documents(own, services)


def merged_document() -> dict:
    return gateway_document({service: service_document(service) for service in SERVICES})


def policy_rules() -> list[dict]:
    from gateway.policy import RULES, SIGNED_IN
    return [{"service": rule.service, "methods": sorted(rule.methods), "path": rule.path,
             "roles": ["*"] if rule.roles == SIGNED_IN else sorted(rule.roles)} for rule in RULES]


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="where to write the document (e.g. gateway/console/openapi/erp.json)")
    parser.add_argument("--policy", type=Path, help="also write the role policy's rules here, as JSON")
    args = parser.parse_args(argv)
    logging.disable(logging.INFO)  # the apps log their start-up; the document is the only output wanted
    document = merged_document()
    if document.get("x-unavailable"):
        print(f"services missing from the document: {document['x-unavailable']}", file=sys.stderr)
        return 1
    write_json(args.output, document)
    if args.policy:
        write_json(args.policy, {"rules": policy_rules()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
