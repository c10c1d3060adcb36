"""Transfer use cases: creating a draft, shipping it into transit, receiving it at the destination, cancelling
a draft. One transaction each.

Every transition locks the transfer row first and only then the items' valuation rows (ledger.py's lock order
from there on); nothing that holds a valuation lock ever waits for a transfer, so a double-clicked ship or
receive queues behind the first and is refused (409) instead of moving the stock twice.
"""
from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.errors import NotFound, RuleViolation
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number
from erp_shared.web.auth import Principal

from . import domain, reservations
from . import transfer_domain as rules
from .events import stock_level_changed
from .issues import after_picks, batches_at
from .ledger import Source, book_movements, lock_valuations
from .models import Item, Transfer, TransferLine, TransferPart, Warehouse, document_counters, outbox
from .stock_control_events import transfer_received, transfer_shipped
from .transfer_queries import present_transfer
from .transit import refuse_transit

PREFIX = "TR"


def now() -> datetime:
    return datetime.now(timezone.utc)


def document_warehouse(session: Session, warehouse_id: uuid.UUID, field: str, *, active: bool = False) -> Warehouse:
    """A warehouse a document names: known here, never the in-transit location, and active if `active`."""
    refuse_transit([warehouse_id], field)
    warehouse = session.get(Warehouse, warehouse_id)
    if warehouse is None:
        raise RuleViolation(f"warehouse {warehouse_id} does not exist", field=field)
    if active and not warehouse.active:
        raise RuleViolation(f"warehouse {warehouse.code} is inactive", field=field)
    return warehouse


def _require_items(session: Session, lines: list[dict]) -> None:
    wanted = {line["item_id"] for line in lines}
    found = {row.id: row for row in session.execute(select(Item).where(Item.id.in_(wanted))).scalars()}
    errors = {}
    for index, line in enumerate(lines):
        item = found.get(line["item_id"])
        if item is None:
            errors[f"lines[{index}].item_id"] = [f"item {line['item_id']} does not exist"]
        elif not item.active:
            errors[f"lines[{index}].item_id"] = [f"item {item.code} is inactive"]
    if errors:
        raise RuleViolation(next(iter(errors.values()))[0], errors=errors)


def create_transfer(session: Session, values: dict, principal: Principal) -> dict:
    """A draft transfer, numbered TR-<year>-NNNNNN; nothing moves yet. Runs inside `idempotent_create`'s unit
    of work; the number is taken last, so a refused request never holds the counter."""
    lines = rules.transfer_request(values)
    document_warehouse(session, values["from_warehouse_id"], "from_warehouse_id")
    document_warehouse(session, values["to_warehouse_id"], "to_warehouse_id", active=True)
    _require_items(session, lines)
    transfer = Transfer(
        id=uuid.uuid4(), status=rules.DRAFT, from_warehouse_id=values["from_warehouse_id"],
        to_warehouse_id=values["to_warehouse_id"], notes=values.get("notes"), created_by=principal.subject,
        created_by_name=principal.username, version=1, created_at=now(),
        lines=[TransferLine(id=uuid.uuid4(), **line) for line in lines])
    transfer.number = next_number(session, document_counters, PREFIX)
    session.add(transfer)
    session.flush()
    return present_transfer(session, transfer)


def lock_transfer(session: Session, transfer_id: uuid.UUID) -> Transfer:
    """The transfer row `FOR UPDATE` (its lines and parts only change under it); 404 when there is none."""
    transfer = session.execute(select(Transfer).where(Transfer.id == transfer_id).with_for_update()
                               .execution_options(populate_existing=True)).scalar_one_or_none()
    if transfer is None:
        raise NotFound(f"no transfer with id {transfer_id}")
    return transfer


def ship_transfer(db: Database, transfer_id: uuid.UUID, principal: Principal) -> dict:
    """Every line leaves the source whole or nothing does: at most what is on hand and not reserved for sales
    orders there, from the named batch or the oldest first, at the moving average; the same batches enter
    transit at the same value."""
    with db.unit_of_work() as session:
        transfer = lock_transfer(session, transfer_id)
        rules.require_status(transfer.status, (rules.DRAFT,), "shipped", transfer.number)
        source = transfer.from_warehouse_id
        valuations = lock_valuations(session, {line.item_id for line in transfer.lines})
        available = reservations.available_at(session, {(line.item_id, source) for line in transfer.lines})
        running = {item_id: row.valuation for item_id, row in valuations.items()}
        stock: dict[tuple, list] = {}
        parts: list[rules.ShippedPart] = []
        for line in transfer.lines:
            place = (line.item_id, source)
            batches = stock.setdefault(place, batches_at(session, *place))
            request = rules.LineToShip(line.id, line.line_no, line.item_id, line.batch_no, line.quantity)
            picks = rules.pick_for_line(request, available[place], batches)
            available[place] -= line.quantity
            stock[place] = after_picks(batches, picks)
            line_parts, running[line.item_id] = rules.cost_shipment(running[line.item_id], request, picks)
            parts.extend(line_parts)
        transfer.status, transfer.shipped_at, transfer.shipped_by_name = rules.SHIPPED, now(), principal.username
        transfer.version += 1
        session.add_all(TransferPart(transfer_line_id=p.line_id, batch_no=p.batch_key, turn=p.turn, item_id=p.item_id,
                                     quantity=p.quantity, unit_cost=p.unit_cost, value=p.value) for p in parts)
        shipped = transfer_shipped(transfer, parts)
        booked = book_movements(session, Source(rules.TRANSFER_OUT, domain.source_document(transfer.number),
                                                shipped.id, transfer.shipped_at),
                                rules.shipping_movements(parts, source))
        record_events(session, outbox, shipped,
                      *(stock_level_changed(item_id, booked[item_id]) for item_id in sorted(booked)))
        session.flush()
        return present_transfer(session, transfer)


def receive_transfer(db: Database, transfer_id: uuid.UUID, values: dict, principal: Principal) -> dict:
    """What arrived moves from transit into the destination at the value it was shipped at; what did not leaves
    transit as a loss; the transfer is then closed, and what arrived fills the backorders waiting there."""
    with db.unit_of_work() as session:
        transfer = lock_transfer(session, transfer_id)
        rules.require_status(transfer.status, (rules.SHIPPED,), "received", transfer.number)
        received = rules.received_quantities({line.id: line.quantity for line in transfer.lines}, values["lines"])
        valuations = lock_valuations(session, {line.item_id for line in transfer.lines})
        rows = {(line.id, part.batch_no): part for line in transfer.lines for part in line.parts}
        arrived: list[rules.ArrivedPart] = []
        for line in transfer.lines:
            line.quantity_received = received[line.id]
            shipped = [rules.ShippedPart(line.id, part.item_id, part.batch_no, part.quantity, part.unit_cost,
                                         part.value, part.turn) for part in line.parts]
            arrived.extend(rules.arrive(shipped, received[line.id]))
        # Moving goods on nets out in the item's valuation, so the losses meet it as it stands now.
        running = {item_id: row.valuation for item_id, row in valuations.items()}
        for index, part in enumerate(arrived):
            if part.quantity_lost > 0:
                valuation = running[part.part.item_id]
                lost = rules.loss_within(valuation, part.quantity_lost, part.value_lost)
                running[part.part.item_id] = valuation.after(-part.quantity_lost, -lost)
                arrived[index] = dataclasses.replace(part, value_lost=lost)
        for part in arrived:
            row = rows[(part.part.line_id, part.part.batch_key)]
            row.quantity_received, row.value_received, row.value_lost = (
                part.quantity_received, part.value_received, part.value_lost)
        transfer.status, transfer.received_at, transfer.received_by_name = rules.RECEIVED, now(), principal.username
        transfer.total_loss = sum((part.value_lost for part in arrived), rules.NO_VALUE)
        transfer.version += 1
        event = transfer_received(transfer, arrived)
        document = domain.source_document(transfer.number)
        booked = book_movements(session, Source(rules.TRANSFER_IN, document, event.id, transfer.received_at),
                                rules.receiving_movements(arrived, transfer.to_warehouse_id))
        booked.update(book_movements(session, Source(rules.TRANSFER_LOSS, document, event.id, transfer.received_at),
                                     [rules.loss_movement(part) for part in arrived if part.quantity_lost > 0]))
        record_events(session, outbox, event,
                      *(stock_level_changed(item_id, booked[item_id]) for item_id in sorted(booked)))
        reservations.fill_backorders(session, {(part.part.item_id, transfer.to_warehouse_id) for part in arrived
                                               if part.quantity_received > 0})
        session.flush()
        return present_transfer(session, transfer)


def cancel_transfer(db: Database, transfer_id: uuid.UUID) -> dict:
    """Only a draft: once shipped, the goods are on their way and the transfer ends by being received."""
    with db.unit_of_work() as session:
        transfer = lock_transfer(session, transfer_id)
        rules.require_status(transfer.status, (rules.DRAFT,), "cancelled", transfer.number)
        transfer.status, transfer.cancelled_at = rules.CANCELLED, now()
        transfer.version += 1
        session.flush()
        return present_transfer(session, transfer)
