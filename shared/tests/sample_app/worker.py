"""`python -m sample_app.worker <service> [--relay-only]`: the real shared worker around the sample handlers."""
import sys

from erp_shared.config import Settings
from erp_shared.worker import run_worker

from .handlers import HANDLERS
from .models import metadata

if __name__ == "__main__":
    service = sys.argv[1]
    run_worker(Settings.from_env(service), metadata, {} if "--relay-only" in sys.argv else HANDLERS)
