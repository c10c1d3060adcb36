import pytest

from erp_shared.testing.plugin import settings_for_tests


@pytest.fixture(scope="session")
def settings(erp_infra, erp_tokens, service_database):
    service_database("finance")
    return settings_for_tests(erp_infra, erp_tokens, "finance")


@pytest.fixture(scope="session")
def app(settings):
    from finance.app import create_app
    app = create_app(settings)
    yield app
    app.extensions["erp_db"].dispose()


@pytest.fixture()
def client(app):
    return app.test_client()
