import pytest

from erp_shared.config import SERVICE_PORTS
from erp_shared.testing.tokens import TokenFactory

from gateway.config import ConfigurationError, GatewaySettings

KEYS = TokenFactory()


@pytest.fixture()
def clean_env(monkeypatch, tmp_path):
    for name in ("ERP_JWT_PRIVATE_KEY", "ERP_JWT_PUBLIC_KEY", "ERP_JWT_PUBLIC_KEY_FILE", "ERP_LOGIN_RATE_LIMIT",
                 "ERP_GATEWAY_TIMEOUT", "ERP_GATEWAY_CONNECT_TIMEOUT", "ERP_TOKEN_TTL_SECONDS",
                 "ERP_GATEWAY_TRUSTED_PROXIES", "ERP_RATELIMIT_STORAGE_URI", "ERP_GATEWAY_OPENAPI_CACHE_SECONDS",
                 *(f"ERP_UPSTREAM_{service.upper()}" for service in SERVICE_PORTS)):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ERP_JWT_PRIVATE_KEY_FILE", str(tmp_path / "missing.pem"))
    return monkeypatch


def test_without_a_signing_key_start_up_fails_and_says_what_to_do(clean_env):
    with pytest.raises(ConfigurationError, match="ERP_JWT_PRIVATE_KEY.*gateway.keys"):
        GatewaySettings.from_env()


def test_defaults_come_from_the_design(clean_env):
    clean_env.setenv("ERP_JWT_PRIVATE_KEY", KEYS.private_pem)
    settings = GatewaySettings.from_env()
    assert settings.upstreams == {service: f"http://127.0.0.1:{port}" for service, port in SERVICE_PORTS.items()}
    assert (settings.connect_timeout, settings.read_timeout) == (2.0, 10.0)
    assert settings.login_rate_limit == "10 per minute" and settings.ratelimit_storage_uri == "memory://"
    assert settings.token_ttl_seconds == 3600 and settings.openapi_cache_seconds == 30
    assert settings.trusted_proxies == 0
    assert settings.jwt_public_key == KEYS.public_pem


def test_the_environment_and_then_overrides_change_them(clean_env, tmp_path):
    key_file = tmp_path / "key.pem"
    key_file.write_text(KEYS.private_pem)
    clean_env.setenv("ERP_JWT_PRIVATE_KEY_FILE", str(key_file))
    clean_env.setenv("ERP_UPSTREAM_SALES", "http://sales.internal:8000/")
    clean_env.setenv("ERP_GATEWAY_TIMEOUT", "3.5")
    settings = GatewaySettings.from_env()
    assert settings.jwt_private_key == KEYS.private_pem
    assert settings.upstreams["sales"] == "http://sales.internal:8000" and settings.read_timeout == 3.5
    assert GatewaySettings.coerce({"read_timeout": 1}).read_timeout == 1
    assert GatewaySettings.coerce(settings) is settings


def test_a_misspelt_override_is_refused(clean_env):
    with pytest.raises(ConfigurationError, match="read_timout"):
        GatewaySettings.from_env(jwt_private_key=KEYS.private_pem, read_timout=1)
