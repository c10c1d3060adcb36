"""JWT verification (RS256 only, `exp`/`iss`/`aud`/`sub` required) and the role decorator.

Services verify the gateway's token themselves, so a request that bypasses the gateway is still refused.
`admin` passes every role check.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

import jwt
from flask import current_app, g, request

ALGORITHM = "RS256"
ROLES = ("admin", "purchasing", "warehouse", "sales", "production", "accounting", "hr", "viewer")


class AuthError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Principal:
    subject: str
    username: str
    roles: frozenset[str]

    def has_any(self, roles) -> bool:
        return "admin" in self.roles or bool(self.roles & set(roles))


def verify_token(token: str, public_key: str, *, issuer: str, audience: str) -> Principal:
    try:
        claims = jwt.decode(token, public_key, algorithms=[ALGORITHM], issuer=issuer, audience=audience,
                            options={"require": ["exp", "iss", "aud", "sub", "iat"]}, leeway=5)
    except jwt.ExpiredSignatureError:
        raise AuthError(401, "the token has expired") from None
    except jwt.InvalidTokenError as exc:
        raise AuthError(401, f"invalid token: {exc}") from None
    roles = claims.get("roles") or []
    if not isinstance(roles, list):
        raise AuthError(401, "invalid token: roles must be a list")
    return Principal(subject=claims["sub"], username=claims.get("username", claims["sub"]),
                     roles=frozenset(str(r) for r in roles))


def current_principal() -> Principal:
    principal = g.get("principal")
    if principal is None:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise AuthError(401, "a bearer token is required")
        settings = current_app.config["ERP_SETTINGS"]
        if not settings.jwt_public_key:
            raise AuthError(401, "token verification is not configured")
        principal = verify_token(token.strip(), settings.jwt_public_key,
                                 issuer=settings.jwt_issuer, audience=settings.jwt_audience)
        g.principal = principal
    return principal


def requires_roles(*roles: str):
    """No roles: any signed-in user. Otherwise one of `roles` (or admin)."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {unknown}")

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            principal = current_principal()
            if roles and not principal.has_any(roles):
                raise AuthError(403, f"this action needs one of the roles: {', '.join(roles)}")
            return view(*args, **kwargs)
        return wrapper
    return decorator
