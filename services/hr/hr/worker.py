"""`python -m hr.worker`: outbox relay (hr consumes no events)."""
from erp_shared.config import Settings
from erp_shared.worker import run_worker

from . import SERVICE
from .handlers import HANDLERS
from .models import metadata

if __name__ == "__main__":
    run_worker(Settings.from_env(SERVICE), metadata, HANDLERS)
