"""Request and response bodies of the gateway's own endpoints (sign-in and user administration)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from erp_shared.web.auth import ROLES

from .identity import MIN_PASSWORD_LENGTH

MAX_PASSWORD_LENGTH = 1024  # argon2 would hash megabytes; nobody types them

USERNAME = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$",
                           error="3 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")


def role_list() -> fields.List:
    return fields.List(fields.String(validate=validate.OneOf(ROLES)), required=True,
                       validate=validate.Length(min=1, error="give at least one role"))


class TokenRequest(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH))


class TokenOut(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer(metadata={"description": "seconds until the token expires"})


class UserCreate(Schema):
    username = fields.String(required=True, validate=USERNAME)
    password = fields.String(required=True, load_only=True,
                             validate=validate.Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH))
    roles = role_list()


class RolesUpdate(Schema):
    roles = role_list()


class UserOut(Schema):
    id = fields.UUID()
    username = fields.String()
    roles = fields.List(fields.String())
    active = fields.Boolean()
    created_at = fields.AwareDateTime()


class PrincipalOut(Schema):
    id = fields.String(metadata={"description": "the token's subject: the user id"})
    username = fields.String()
    roles = fields.List(fields.String())
