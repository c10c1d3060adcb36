"""Reorder arithmetic without a database."""
import uuid
from decimal import Decimal as D

from procurement.planning_domain import StockPosition, suggested_quantity, suggestions


def position(on_hand="0", on_order="0", requisitioned="0", level="100", quantity="500"):
    return StockPosition(uuid.uuid4(), D(on_hand), D(on_order), D(requisitioned), D(level), D(quantity))


def test_projected_stock_counts_what_is_on_hand_on_order_and_requisitioned():
    assert position("10", "20", "30").projected == D("60")


def test_an_item_at_or_below_its_reorder_level_gets_at_least_its_reorder_quantity():
    assert suggested_quantity(position(on_hand="100")) == D("500")
    assert suggested_quantity(position(on_hand="40", on_order="30", requisitioned="20")) == D("500")
    assert suggested_quantity(position(on_hand="100.0001")) is None


def test_the_suggestion_brings_the_item_back_to_its_level_when_that_is_more():
    assert suggested_quantity(position(on_hand="10", level="800", quantity="500")) == D("790")


def test_open_orders_and_requisitions_prevent_a_second_suggestion():
    assert suggested_quantity(position(on_hand="50", on_order="500")) is None
    assert suggested_quantity(position(on_hand="50", requisitioned="500")) is None


def test_negative_stock_is_made_good():
    assert suggested_quantity(position(on_hand="-20", level="10", quantity="5")) == D("30")


def test_an_item_without_a_reorder_policy_is_never_suggested():
    assert suggested_quantity(position(level="0", quantity="0")) is None


def test_an_item_with_a_zero_level_is_reordered_when_it_runs_out():
    assert suggested_quantity(position(on_hand="0", level="0", quantity="25")) == D("25")
    assert suggested_quantity(position(on_hand="1", level="0", quantity="25")) is None


def test_suggestions_keep_only_items_due():
    due, fine = position(on_hand="1"), position(on_hand="1000")
    assert suggestions([due, fine]) == [(due, D("500"))]
