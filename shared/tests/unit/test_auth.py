from datetime import datetime, timedelta, timezone

import jwt
import pytest

from erp_shared.testing.tokens import TokenFactory
from erp_shared.web.auth import AuthError, Principal, verify_token

TOKENS = TokenFactory()


def verify(token):
    return verify_token(token, TOKENS.public_pem, issuer="erp-gateway", audience="erp")


def test_a_gateway_token_yields_the_principal():
    principal = verify(TOKENS.token("purchasing", "viewer", username="li"))
    assert principal.username == "li" and principal.roles == {"purchasing", "viewer"}


@pytest.mark.parametrize("claims", [
    {"exp": datetime.now(timezone.utc) - timedelta(minutes=5)},
    {"iss": "someone-else"},
    {"aud": "another-app"},
])
def test_expired_foreign_or_misaddressed_tokens_are_refused(claims):
    with pytest.raises(AuthError) as refused:
        verify(TOKENS.token("admin", **claims))
    assert refused.value.status == 401


def test_a_token_without_exp_is_refused():
    token = jwt.encode({"sub": "x", "iss": "erp-gateway", "aud": "erp", "iat": datetime.now(timezone.utc)},
                       TOKENS.private_pem, algorithm="RS256")
    with pytest.raises(AuthError):
        verify(token)


def test_the_algorithm_is_pinned_hs256_with_the_public_key_is_refused():
    now = datetime.now(timezone.utc)
    forged = jwt.encode({"sub": "x", "iss": "erp-gateway", "aud": "erp", "iat": now, "exp": now + timedelta(hours=1),
                         "roles": ["admin"]}, "not-the-key-" * 3, algorithm="HS256")
    with pytest.raises(AuthError):
        verify(forged)


def test_a_token_signed_by_another_key_is_refused():
    with pytest.raises(AuthError):
        verify(TokenFactory().token("admin"))


def test_admin_passes_every_role_check():
    assert Principal("1", "a", frozenset({"admin"})).has_any({"hr"})
    assert not Principal("1", "a", frozenset({"viewer"})).has_any({"hr"})
