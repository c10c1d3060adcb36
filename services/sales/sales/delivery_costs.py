"""What the delivered goods cost: inventory issues a delivery's stock at moving-average cost and reports it
(`inventory.stock_issued.v1`, purpose "delivery"); sales keeps it per delivery line for gross margin.

Setting (not adding) the reported cost makes a repeated event harmless.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_shared.errors import PermanentEventError
from erp_shared.events import Envelope

from .delivery_domain import issued_costs
from .models import Delivery

DELIVERY_PURPOSE = "delivery"


def record_delivery_cost(session: Session, event: Envelope, data: dict) -> None:
    if data["purpose"] != DELIVERY_PURPOSE:
        return
    delivery = session.execute(select(Delivery).where(Delivery.id == data["source_id"]).with_for_update()
                               .execution_options(populate_existing=True)).scalar_one_or_none()
    if delivery is None:
        raise PermanentEventError(f"{event.type} names delivery {data['source_id']} ({data['source_document']}), "
                                  "which sales does not have")
    lines = {line.id: line for line in delivery.lines}
    costs = issued_costs(data["lines"])
    unknown = [str(line_id) for line_id in costs if line_id not in lines]
    if unknown:
        raise PermanentEventError(f"{event.type} names lines delivery {delivery.number} does not have: "
                                  f"{', '.join(unknown)}")
    recorded_at = datetime.now(timezone.utc)
    for line_id, (unit_cost, cost) in costs.items():
        line = lines[line_id]
        line.unit_cost, line.cost, line.cost_recorded_at = unit_cost, cost, recorded_at
