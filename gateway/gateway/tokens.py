"""Access tokens: RS256 JWTs the services verify with the gateway's public key (erp_shared.web.auth)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable

import jwt

from erp_shared.web.auth import ALGORITHM

from .config import GatewaySettings


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    token_type: str = "Bearer"


def issue_token(settings: GatewaySettings, *, user_id: uuid.UUID | str, username: str, roles: Iterable[str],
                now: datetime | None = None) -> IssuedToken:
    """`jti` makes every token unique, so one can be traced in the logs (and revoked, should that come)."""
    issued_at = now or datetime.now(timezone.utc)
    claims = {
        "sub": str(user_id),
        "username": username,
        "roles": sorted(roles),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": issued_at,
        "exp": issued_at + timedelta(seconds=settings.token_ttl_seconds),
        "jti": str(uuid.uuid4()),
    }
    token = jwt.encode(claims, settings.jwt_private_key, algorithm=ALGORITHM)
    return IssuedToken(access_token=token, expires_in=settings.token_ttl_seconds)
