"""Business events this service publishes besides its master-data snapshots (built in masterdata.py)."""

PUBLISHES: frozenset[str] = frozenset()
