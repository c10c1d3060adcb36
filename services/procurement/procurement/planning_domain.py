"""Reorder arithmetic: which items to buy, and how many, from stock, open orders and open requisitions."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

PLANNED_ITEM_TYPES = ("raw_material", "finished_good")  # services are bought, never stocked


@dataclass(frozen=True)
class StockPosition:
    item_id: uuid.UUID
    on_hand: Decimal
    on_order: Decimal
    requisitioned: Decimal
    reorder_level: Decimal
    reorder_quantity: Decimal

    @property
    def projected(self) -> Decimal:
        """What the item will have once everything already asked for has arrived."""
        return self.on_hand + self.on_order + self.requisitioned


def suggested_quantity(position: StockPosition) -> Decimal | None:
    """At or below its reorder level an item is reordered: at least its reorder quantity, and enough to get
    back to the level. None when no order is due (or the item has no reorder policy, both figures zero)."""
    projected = position.projected
    if projected > position.reorder_level:
        return None
    quantity = max(position.reorder_quantity, position.reorder_level - projected)
    return quantity if quantity > 0 else None


def suggestions(positions: list[StockPosition]) -> list[tuple[StockPosition, Decimal]]:
    return [(position, quantity) for position in positions
            if (quantity := suggested_quantity(position)) is not None]
