"""Goods in transit: the one place stock stays owned (and valued) while a transfer carries it between two
warehouses.

It is a warehouse row seeded by migration 0006 under a fixed id, inactive and never published as master data,
so no other service can name it on a document. Inventory itself refuses it wherever a document names a
warehouse (receipts, reservations, deliveries, returns, counts and transfers all pass through
`refuse_transit`); only the transfer use cases book into and out of it.
"""
from __future__ import annotations

import uuid

from erp_shared.errors import RuleViolation

IN_TRANSIT_ID = uuid.UUID("7a1c0e55-5e1d-4d0e-9c55-17a2b5f0c0de")
IN_TRANSIT_CODE = "IN-TRANSIT"
IN_TRANSIT_NAME = "Goods in transit"


def refuse_transit(warehouse_ids, field: str = "warehouse_id") -> None:
    """422 naming `field` when any of `warehouse_ids` is the in-transit location."""
    if IN_TRANSIT_ID in set(warehouse_ids):
        raise RuleViolation(f"{IN_TRANSIT_CODE} holds goods between warehouses while a transfer carries them; "
                            "no document may name it", field=field)
