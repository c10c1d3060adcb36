"""An RSA key pair and tokens signed like the gateway signs them, for tests that call services directly."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class TokenFactory:
    def __init__(self, issuer: str = "erp-gateway", audience: str = "erp"):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()).decode()
        self.public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        self.issuer = issuer
        self.audience = audience

    def token(self, *roles: str, username: str = "tester", ttl: int = 600, **claims) -> str:
        now = datetime.now(timezone.utc)
        payload = {"sub": claims.pop("sub", str(uuid.uuid5(uuid.NAMESPACE_OID, username))), "username": username,
                   "roles": list(roles), "iss": self.issuer, "aud": self.audience, "iat": now,
                   "exp": now + timedelta(seconds=ttl), **claims}
        return jwt.encode(payload, self.private_pem, algorithm="RS256")

    def headers(self, *roles: str, **kwargs) -> dict:
        return {"Authorization": f"Bearer {self.token(*roles, **kwargs)}"}
