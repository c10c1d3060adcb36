from erp_shared.config import Settings
from erp_shared.web.app import create_service_app

from . import SERVICE
from .api import BLUEPRINTS
from .handlers import HANDLERS


def create_app(settings: Settings | None = None):
    settings = settings or Settings.from_env(SERVICE)
    return create_service_app(settings, title="Manufacturing", blueprints=BLUEPRINTS, handlers=HANDLERS)
