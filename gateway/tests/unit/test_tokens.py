import uuid
from datetime import datetime, timedelta, timezone

import jwt
import pytest

from erp_shared.testing.tokens import TokenFactory
from erp_shared.web.auth import AuthError, verify_token

from gateway.config import ConfigurationError, GatewaySettings
from gateway.tokens import issue_token

KEYS = TokenFactory()


def settings(**overrides) -> GatewaySettings:
    values = dict(jwt_private_key=KEYS.private_pem, jwt_issuer="erp-gateway", jwt_audience="erp",
                  token_ttl_seconds=900, upstreams={})
    values.update(overrides)
    return GatewaySettings.from_env(**values)


def test_the_token_carries_who_and_what_and_the_services_accept_it():
    user_id = uuid.uuid4()
    issued = issue_token(settings(), user_id=user_id, username="alice", roles={"warehouse", "viewer"})
    assert issued.token_type == "Bearer" and issued.expires_in == 900
    principal = verify_token(issued.access_token, KEYS.public_pem, issuer="erp-gateway", audience="erp")
    assert principal.subject == str(user_id) and principal.username == "alice"
    assert principal.roles == {"warehouse", "viewer"}


def test_claims_are_rs256_with_issuer_audience_and_lifetime():
    now = datetime.now(timezone.utc).replace(microsecond=0)
    issued = issue_token(settings(jwt_issuer="me", jwt_audience="them"), user_id="u-1", username="bob",
                         roles=["sales"], now=now)
    assert jwt.get_unverified_header(issued.access_token)["alg"] == "RS256"
    claims = jwt.decode(issued.access_token, KEYS.public_pem, algorithms=["RS256"], audience="them")
    assert claims["iss"] == "me" and claims["aud"] == "them" and claims["sub"] == "u-1"
    assert claims["roles"] == ["sales"] and claims["username"] == "bob"
    assert claims["iat"] == int(now.timestamp()) and claims["exp"] - claims["iat"] == 900
    assert uuid.UUID(claims["jti"])


def test_an_expired_token_is_refused():
    long_ago = datetime.now(timezone.utc) - timedelta(hours=2)
    issued = issue_token(settings(), user_id="u-1", username="bob", roles=["sales"], now=long_ago)
    with pytest.raises(AuthError, match="expired"):
        verify_token(issued.access_token, KEYS.public_pem, issuer="erp-gateway", audience="erp")


def test_a_token_signed_with_another_key_is_refused():
    issued = issue_token(settings(jwt_private_key=TokenFactory().private_pem), user_id="u", username="x",
                         roles=["viewer"])
    with pytest.raises(AuthError):
        verify_token(issued.access_token, KEYS.public_pem, issuer="erp-gateway", audience="erp")


def test_the_public_key_is_derived_from_the_private_key_unless_given():
    assert settings().jwt_public_key == KEYS.public_pem
    assert settings(jwt_public_key=KEYS.public_pem).jwt_public_key == KEYS.public_pem


def test_a_public_key_of_another_pair_fails_at_start_up():
    with pytest.raises(ConfigurationError, match="does not belong to the private key"):
        settings(jwt_public_key=TokenFactory().public_pem)
