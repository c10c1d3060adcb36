"""`python -m manufacturing.worker`: outbox relay and event consumer."""
from erp_shared.config import Settings
from erp_shared.worker import run_worker

from . import SERVICE
from .handlers import HANDLERS
from .models import metadata

if __name__ == "__main__":
    run_worker(Settings.from_env(SERVICE), metadata, HANDLERS)
