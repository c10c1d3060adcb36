"""What the returned goods were worth: inventory takes a return back into stock at the cost the goods were
issued at and reports it (`inventory.stock_returned.v1`); sales keeps it per return line, so margin can net
it off the delivery's COGS.

Setting (not adding) the reported cost, and only when it differs from what is kept, makes a repeated event
change nothing.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_shared.errors import PermanentEventError
from erp_shared.events import Envelope

from .models import GoodsReturn
from .return_domain import returned_costs


def record_return_cost(session: Session, event: Envelope, data: dict) -> None:
    goods_return = session.execute(select(GoodsReturn).where(GoodsReturn.id == data["source_id"]).with_for_update()
                                   .execution_options(populate_existing=True)).scalar_one_or_none()
    if goods_return is None:
        raise PermanentEventError(f"{event.type} names return {data['source_id']} ({data['source_document']}), "
                                  "which sales does not have")
    lines = {line.id: line for line in goods_return.lines}
    costs = returned_costs(data["lines"])
    unknown = [str(line_id) for line_id in costs if line_id not in lines]
    if unknown:
        raise PermanentEventError(f"{event.type} names lines return {goods_return.number} does not have: "
                                  f"{', '.join(unknown)}")
    recorded_at = datetime.now(timezone.utc)
    for line_id, (unit_cost, cost) in costs.items():
        line = lines[line_id]
        if (line.unit_cost, line.cost) != (unit_cost, cost):
            line.unit_cost, line.cost, line.cost_recorded_at = unit_cost, cost, recorded_at
