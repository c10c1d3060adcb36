"""Transfer rules without a database: what a line may take at the source, its cost going into transit, how a
shortfall splits the shipped value (exact to the cent, the last unit taking the remainder), and the ledger rows
each step books (every row its own business key)."""
import uuid
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest

from erp_shared.errors import Conflict, RuleViolation
from inventory.domain import InsufficientStock, Valuation
from inventory.picking import BatchStock
from inventory.transfer_domain import (DRAFT, SHIPPED, LineToShip, ShippedPart, arrive, cost_shipment,
                                       loss_movement, loss_within, pick_for_line, receiving_movements,
                                       received_quantities, require_status, shipping_movements, split_value,
                                       transfer_request, transit_line_id)
from inventory.transit import IN_TRANSIT_ID, refuse_transit

ITEM, SOURCE, DESTINATION = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def day(n):
    return datetime(2026, 3, n, tzinfo=timezone.utc)


def to_ship(quantity, batch_no=None, line_no=1):
    return LineToShip(uuid.uuid4(), line_no, ITEM, batch_no, D(quantity))


def part(quantity, value, batch="LOT-1", turn=0, line_id=None):
    return ShippedPart(line_id or uuid.uuid4(), ITEM, batch, D(quantity), D("1"), D(value), turn)


def request(**overrides):
    return {"from_warehouse_id": SOURCE, "to_warehouse_id": DESTINATION,
            "lines": [{"item_id": ITEM, "quantity": D("2.5"), "batch_no": None}], **overrides}


def test_a_transfer_moves_positive_quantities_between_two_different_places():
    assert transfer_request(request()) == [{"line_no": 1, "item_id": ITEM, "batch_no": None, "quantity": D("2.5")}]
    with pytest.raises(RuleViolation) as same:
        transfer_request(request(to_warehouse_id=SOURCE))
    assert same.value.errors == {"to_warehouse_id": ["a transfer moves stock between two different warehouses"]}
    for bad in ("0", "-1"):
        with pytest.raises(RuleViolation) as refused:
            transfer_request(request(lines=[{"item_id": ITEM, "quantity": D(bad)}]))
        assert set(refused.value.errors) == {"lines[0].quantity"}
    with pytest.raises(RuleViolation, match="more than the 4 decimal places"):
        transfer_request(request(lines=[{"item_id": ITEM, "quantity": D("1.00001")}]))
    with pytest.raises(RuleViolation, match="at least one line"):
        transfer_request(request(lines=[]))


def test_the_in_transit_location_is_refused_naming_the_field():
    refuse_transit([SOURCE, DESTINATION])
    with pytest.raises(RuleViolation) as refused:
        refuse_transit([SOURCE, IN_TRANSIT_ID], "to_warehouse_id")
    assert set(refused.value.errors) == {"to_warehouse_id"}


def test_only_a_draft_ships_and_only_a_shipment_is_received():
    require_status(DRAFT, (DRAFT,), "shipped", "TR-2026-000001")
    with pytest.raises(Conflict, match="TR-2026-000001 is shipped: it cannot be shipped now"):
        require_status(SHIPPED, (DRAFT,), "shipped", "TR-2026-000001")


def test_a_line_takes_at_most_what_is_not_reserved_from_the_oldest_batch_or_the_one_named():
    batches = [BatchStock("LOT-2", day(2), D("5")), BatchStock("LOT-1", day(1), D("2"))]
    assert pick_for_line(to_ship("4"), D("7"), batches) == [("LOT-1", D("2")), ("LOT-2", D("2"))]
    assert pick_for_line(to_ship("4", "LOT-2"), D("7"), batches) == [("LOT-2", D("4"))]
    with pytest.raises(InsufficientStock, match="only 3 is on hand and not reserved") as short:
        pick_for_line(to_ship("4", line_no=2), D("3"), batches)        # 4 of the 7 are reserved for orders
    assert set(short.value.errors) == {"lines[1].quantity"}
    with pytest.raises(InsufficientStock, match="batch LOT-1 does not hold that much"):
        pick_for_line(to_ship("3", "LOT-1"), D("7"), batches)


def test_shipping_costs_like_an_issue_and_leaves_the_items_value_where_it_was():
    valuation = Valuation(D("3"), D("10.00"), 1)
    line = to_ship("2")
    parts, after = cost_shipment(valuation, line, [("LOT-1", D("1")), ("LOT-2", D("1"))])
    assert [(p.batch_key, p.quantity, p.unit_cost, p.value, p.turn) for p in parts] == [
        ("LOT-1", D("1"), D("3.333333"), D("3.33"), 0), ("LOT-2", D("1"), D("3.335000"), D("3.34"), 1)]
    assert after == Valuation(D("1"), D("3.33"), 3)          # as if they had left: the next line's costing
    movements = shipping_movements(parts, SOURCE)
    assert [(m.warehouse_id, m.batch_no, m.quantity, m.value) for m in movements] == [
        (SOURCE, "LOT-1", D("-1"), D("-3.33")), (SOURCE, "LOT-2", D("-1"), D("-3.34")),
        (IN_TRANSIT_ID, "LOT-1", D("1"), D("3.33")), (IN_TRANSIT_ID, "LOT-2", D("1"), D("3.34"))]
    booked = valuation
    for m in movements:                                        # booked in this order, every step is valid
        booked = booked.after(m.quantity, m.value)
    assert (booked.on_hand, booked.stock_value) == (D("3"), D("10.00"))
    assert {(m.source_line_id, m.batch_no) for m in movements[:2]} == {(line.line_id, "LOT-1"), (line.line_id, "LOT-2")}
    assert {m.source_line_id for m in movements[2:]} == {transit_line_id(line.line_id)} != {line.line_id}


def test_a_shortfall_is_its_share_of_the_shipped_value_and_the_two_add_up_to_the_cent():
    assert split_value(D("3"), D("10.00"), D("3")) == (D("10.00"), D("0.00"))
    assert split_value(D("3"), D("10.00"), D("0")) == (D("0.00"), D("10.00"))
    assert split_value(D("3"), D("10.00"), D("2")) == (D("6.67"), D("3.33"))
    assert split_value(D("3"), D("10.00"), D("1")) == (D("3.33"), D("6.67"))
    assert split_value(D("7"), D("0.05"), D("6.5")) == (D("0.05"), D("0.00"))      # half a unit of 0.7 cents
    for received in (D("0.0001"), D("1.2345"), D("2.9999")):
        kept, lost = split_value(D("3"), D("10.01"), received)
        assert kept + lost == D("10.01") and lost >= 0 and kept >= 0


def test_what_arrived_fills_the_parts_in_picking_order_and_the_last_ones_carry_the_shortfall():
    line_id = uuid.uuid4()
    older, newer = part("2", "6.00", "LOT-1", 0, line_id), part("3", "9.00", "LOT-2", 1, line_id)
    arrived = arrive([newer, older], D("3.5"))
    assert [(a.part.batch_key, a.quantity_received, a.quantity_lost, a.value_received, a.value_lost)
            for a in arrived] == [("LOT-1", D("2"), D("0"), D("6.00"), D("0.00")),
                                  ("LOT-2", D("1.5"), D("1.5"), D("4.50"), D("4.50"))]
    into_and_out = receiving_movements(arrived, DESTINATION)
    assert [(m.warehouse_id, m.batch_no, m.quantity, m.value) for m in into_and_out] == [
        (DESTINATION, "LOT-1", D("2"), D("6.00")), (DESTINATION, "LOT-2", D("1.5"), D("4.50")),
        (IN_TRANSIT_ID, "LOT-1", D("-2"), D("-6.00")), (IN_TRANSIT_ID, "LOT-2", D("-1.5"), D("-4.50"))]
    loss = loss_movement(arrived[1])
    assert (loss.warehouse_id, loss.batch_no, loss.quantity, loss.value, loss.source_line_id) == (
        IN_TRANSIT_ID, "LOT-2", D("-1.5"), D("-4.50"), line_id)
    assert arrive([older], D("0"))[0].value_lost == D("6.00")


def test_a_loss_never_takes_more_than_the_item_still_holds_and_the_last_units_take_all_of_it():
    assert loss_within(Valuation(D("10"), D("50.00"), 4), D("2"), D("10.00")) == D("10.00")
    assert loss_within(Valuation(D("2"), D("10.01"), 4), D("2"), D("10.00")) == D("10.01")   # empties the item
    assert loss_within(Valuation(D("5"), D("3.00"), 4), D("2"), D("10.00")) == D("3.00")


def test_every_line_is_received_once_between_nothing_and_what_was_shipped():
    first, second = uuid.uuid4(), uuid.uuid4()
    shipped = {first: D("5"), second: D("2")}
    assert received_quantities(shipped, [{"transfer_line_id": first, "quantity_received": D("4")},
                                         {"transfer_line_id": second, "quantity_received": D("0")}]) == {
        first: D("4"), second: D("0")}
    cases = [
        ([{"transfer_line_id": first, "quantity_received": D("5.0001")},
          {"transfer_line_id": second, "quantity_received": D("2")}], "lines[0].quantity_received"),
        ([{"transfer_line_id": first, "quantity_received": D("-1")},
          {"transfer_line_id": second, "quantity_received": D("2")}], "lines[0].quantity_received"),
        ([{"transfer_line_id": first, "quantity_received": D("5")}], "lines"),
        ([{"transfer_line_id": first, "quantity_received": D("5")},
          {"transfer_line_id": first, "quantity_received": D("5")}], "lines"),
        ([{"transfer_line_id": first, "quantity_received": D("5")},
          {"transfer_line_id": uuid.uuid4(), "quantity_received": D("2")}], "lines[1].transfer_line_id"),
    ]
    for lines, field in cases:
        with pytest.raises(RuleViolation) as refused:
            received_quantities(shipped, lines)
        assert set(refused.value.errors) == {field}
