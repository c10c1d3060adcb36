"""Moving average cost, never-below-zero, and what a goods receipt books: pure rules, no database."""
import uuid
from decimal import Decimal as D

import pytest

from erp_shared.errors import RuleViolation
from inventory.domain import InsufficientStock, Valuation, on_hand_after, receipt_movements, source_document


def test_receipts_add_their_value_and_the_average_follows():
    first = Valuation().after(D("10"), D("125.00"))
    assert (first.on_hand, first.stock_value, first.movement_count, first.average_cost) == (
        D("10"), D("125.00"), 1, D("12.500000"))
    second = first.after(D("30"), D("420.00"))
    assert (second.on_hand, second.stock_value, second.movement_count) == (D("40"), D("545.00"), 2)
    assert second.average_cost == D("13.625000") and str(second.average_cost) == "13.625000"


def test_the_running_value_is_kept_exact_not_rebuilt_from_the_rounded_average():
    valuation = Valuation().after(D("3"), D("10.00")).after(D("3"), D("10.01"))
    assert valuation.average_cost == D("3.335000")
    third = valuation.after(D("1"), D("3.33"))
    assert third.stock_value == D("23.34")                 # 10.00 + 10.01 + 3.33, to the cent
    assert third.average_cost == D("3.334286")             # 23.34 / 7, rounded only for display
    assert third.on_hand * third.average_cost != third.stock_value


def test_nothing_on_hand_costs_zero():
    assert Valuation().average_cost == D("0.000000") and str(Valuation().average_cost) == "0.000000"


def test_an_issue_is_valued_at_the_average_from_the_exact_value():
    valuation = Valuation().after(D("3"), D("10.00"))
    assert valuation.value_of(D("1")) == D("3.33")
    assert valuation.value_of(D("2")) == D("6.67")
    assert valuation.value_of(D("3")) == D("10.00")


def test_issuing_everything_leaves_no_stray_cents():
    valuation = Valuation().after(D("3"), D("10.00"))
    for _ in range(2):
        valuation = valuation.after(D("-1"), -valuation.value_of(D("1")))
    last = valuation.after(D("-1"), -valuation.value_of(D("1")))
    assert (last.on_hand, last.stock_value, last.average_cost, last.movement_count) == (
        D("0"), D("0.00"), D("0.000000"), 4)


def test_stock_never_goes_below_zero():
    assert on_hand_after(D("5.0000"), D("-5")) == D("0")
    with pytest.raises(InsufficientStock) as raised:
        on_hand_after(D("5.0000"), D("-5.0001"))
    assert raised.value.status == 422 and "quantity" in raised.value.errors
    with pytest.raises(InsufficientStock):
        Valuation().after(D("-1"), D("0.00"))


def test_value_cannot_go_below_zero_nor_stay_behind_an_empty_stock():
    valuation = Valuation().after(D("2"), D("10.00"))
    with pytest.raises(RuleViolation, match="below zero"):
        valuation.after(D("-1"), D("-10.01"))
    with pytest.raises(RuleViolation, match="all of its value"):
        valuation.after(D("-2"), D("-9.99"))


def line(accepted="10", amount="125.00", **overrides):
    values = {"receipt_line_id": uuid.uuid4(), "po_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
              "warehouse_id": uuid.uuid4(), "batch_no": None, "quantity_received": D(accepted),
              "quantity_accepted": D(accepted), "quantity_rejected": D("0"), "unit_price": D("12.50"),
              "accepted_amount": D(amount)}
    values.update(overrides)
    return values


def test_a_receipt_books_accepted_quantity_at_procurements_amount():
    accepted = line(accepted="3", amount="10.00", unit_price=D("3.3333"), batch_no="LOT-7")
    rejected = line(accepted="0", amount="0.00", quantity_rejected=D("4"))
    [movement] = receipt_movements([accepted, rejected])
    assert (movement.quantity, movement.value, movement.unit_cost) == (D("3"), D("10.00"), D("3.3333"))
    assert (movement.item_id, movement.source_line_id) == (accepted["item_id"], accepted["receipt_line_id"])
    assert movement.batch_no == movement.batch_key == "LOT-7"
    assert str(movement.value) == "10.00" and str(movement.quantity) == "3.0000"


def test_no_batch_is_keyed_as_empty():
    [movement] = receipt_movements([line(batch_no="")])
    assert movement.batch_no is None and movement.batch_key == ""


@pytest.mark.parametrize("overrides, field", [
    ({"quantity_accepted": D("-1")}, "quantity_accepted"),
    ({"accepted_amount": D("-0.01")}, "accepted_amount"),
    ({"quantity_accepted": D("1.00001")}, "quantity_accepted"),
    ({"accepted_amount": D("12.505")}, "accepted_amount"),
    ({"unit_price": D("1.0000001")}, "unit_price"),
    ({"batch_no": "L" * 61}, "batch_no"),
])
def test_a_line_the_ledger_cannot_hold_exactly_is_refused(overrides, field):
    with pytest.raises(RuleViolation) as raised:
        receipt_movements([line(**overrides)])
    assert list(raised.value.errors) == [field]


def test_a_line_named_twice_is_refused():
    twice = line()
    with pytest.raises(RuleViolation, match="once"):
        receipt_movements([twice, dict(twice)])


def test_a_source_document_fits_the_ledger():
    assert source_document("GRN-2026-000001") == "GRN-2026-000001"
    for bad in ("", "G" * 41):
        with pytest.raises(RuleViolation):
            source_document(bad)
