"""`Idempotency-Key` on creates: the first answer is stored with the change and replayed for retries."""
from __future__ import annotations

import hashlib
import json
from typing import Callable

from flask import Response, request
from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db import Database
from ..errors import RuleViolation
from .auth import current_principal

HEADER = "Idempotency-Key"


def _json_response(status: int, body: str, replayed: bool = False) -> Response:
    response = Response(body, status=status, mimetype="application/json")
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


def idempotent_create(db: Database, keys: Table, create: Callable[[Session], dict], status: int = 201) -> Response:
    """Run `create` (which returns the dumped body) in one unit of work, keyed by the request's header."""
    key = request.headers.get(HEADER)
    if not key:
        with db.unit_of_work() as session:
            body = json.dumps(create(session))
        return _json_response(status, body)
    if len(key) > 200:
        raise RuleViolation("the Idempotency-Key header is longer than 200 characters", field=HEADER)
    subject = current_principal().subject
    request_hash = hashlib.sha256(request.get_data()).hexdigest()

    def stored() -> Response | None:
        with db.unit_of_work() as session:
            row = session.execute(select(keys).where(keys.c.key == key, keys.c.subject == subject)).first()
        if row is None:
            return None
        if row.request_hash != request_hash:
            raise RuleViolation("this Idempotency-Key was used with a different request body", field=HEADER)
        return _json_response(row.status, row.body, replayed=True)

    previous = stored()
    if previous is not None:
        return previous
    try:
        with db.unit_of_work() as session:
            body = json.dumps(create(session))
            session.execute(insert(keys).values(key=key, subject=subject, request_hash=request_hash,
                                                status=status, body=body))
    except IntegrityError:
        replay = stored()  # a concurrent retry committed first: answer as it did
        if replay is None:
            raise
        return replay
    return _json_response(status, body)
