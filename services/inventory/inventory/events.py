"""The stock events inventory publishes (its master-data events are built in masterdata.py)."""
from __future__ import annotations

import uuid

from erp_shared.events import Envelope, new_event

from .domain import Valuation

STOCK_LEVEL_CHANGED = "inventory.stock_level_changed.v1"
PUBLISHES = frozenset({STOCK_LEVEL_CHANGED})  # besides the master-data snapshots built in masterdata.py


def stock_level_changed(item_id: uuid.UUID, valuation: Valuation) -> Envelope:
    """The item's stock over all warehouses; the movement count is the sequence, so a consumer keeps the newest."""
    return new_event(STOCK_LEVEL_CHANGED, {
        "item_id": item_id,
        "on_hand": valuation.on_hand,
        "stock_value": valuation.stock_value,
        "average_cost": valuation.average_cost,
    }, subject=str(item_id), sequence=valuation.movement_count)
