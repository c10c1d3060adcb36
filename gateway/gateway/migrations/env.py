from erp_shared.config import database_url_for
from erp_shared.migrations import run_migrations

from gateway.models import metadata

run_migrations(metadata, database_url_for("gateway"))
