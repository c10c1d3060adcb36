"""Finance: the chart of accounts (master data it owns) and, built on it, the general ledger."""
SERVICE = "finance"
