"""Operations endpoints every service exposes: its dead letters, listed and replayed (admin only)."""
from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..errors import NotFound
from ..messaging.dead_letters import DeadLetterQueue, describe
from ..messaging.topology import ServiceQueues
from .auth import requires_roles


class DeadLetterQuery(Schema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class DeadLetterOut(Schema):
    message_id = fields.String(allow_none=True)
    event_type = fields.String(allow_none=True)
    correlation_id = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    error = fields.String(allow_none=True)
    failed_at = fields.String(allow_none=True)
    retry_count = fields.Integer()
    body = fields.Raw()


class ReplayOut(Schema):
    replayed = fields.Integer()


def dead_letter_blueprint(queues: ServiceQueues, rabbitmq_url: str) -> Blueprint:
    blp = Blueprint("admin", __name__, url_prefix="/admin", description="Dead letters: inspect and replay")
    dlq = DeadLetterQueue(queues, rabbitmq_url)

    @blp.route("/dead-letters", methods=["GET"])
    @requires_roles("admin")
    @blp.arguments(DeadLetterQuery, location="query")
    @blp.response(200, DeadLetterOut(many=True))
    def list_dead_letters(args):
        return [describe(letter) for letter in dlq.list(args["limit"])]

    @blp.route("/dead-letters/<message_id>/replay", methods=["POST"])
    @requires_roles("admin")
    @blp.response(200, ReplayOut)
    def replay_one(message_id):
        replayed = dlq.replay(message_id)
        if not replayed:
            raise NotFound(f"no dead letter with message id {message_id}")
        return {"replayed": replayed}

    @blp.route("/dead-letters/replay", methods=["POST"])
    @requires_roles("admin")
    @blp.response(200, ReplayOut)
    def replay_all():
        return {"replayed": dlq.replay(None)}

    return blp
