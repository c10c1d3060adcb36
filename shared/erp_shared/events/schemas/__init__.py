"""Event payload schemas, one module per producing service (the producer owns its module)."""
from . import finance, hr, inventory, manufacturing, procurement, sales  # noqa: F401
