"""Cycle count rules without a database: ABC classes from consumption, what is due, and how variances are
valued and refused (a loss at its exact share of the running value, a gain at the current average or at the
unit cost entered when the item has no cost yet)."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from erp_shared.errors import Conflict, RuleViolation
from inventory.count_domain import (CountedLine, LossExceedsStock, MissingUnitCost, SegregationOfDuties,
                                    adjustments_to_post, classify_abc, counted_quantity, is_due,
                                    require_other_poster, review, scope_classes, totals, value_variance)
from inventory.domain import Valuation

NOW = datetime(2026, 12, 2, tzinfo=timezone.utc)


def line(book, counted, *, item=None, batch="LOT-1", index=0, unit_cost=None):
    return CountedLine(uuid.uuid4(), index, item or uuid.uuid4(), batch, D(book), D(counted),
                       D(unit_cost) if unit_cost else None)


def test_abc_ranks_by_consumption_value_a_up_to_80_percent_b_the_next_15_c_the_rest():
    a1, a2, b, c, idle = (uuid.uuid4() for _ in range(5))
    classes = classify_abc({a1: D("500"), a2: D("300"), b: D("150"), c: D("50")}, {a1, a2, b, c, idle})
    assert classes == {a1: "A", a2: "A", b: "B", c: "C", idle: "C"}


def test_an_item_that_crosses_80_percent_is_still_a_and_one_dominant_item_is_a():
    big, small, tiny = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    assert classify_abc({big: D("900"), small: D("70"), tiny: D("30")}, {big, small, tiny}) == {
        big: "A", small: "B", tiny: "C"}        # before small: 90 % (B), before tiny: 97 % (C)
    assert classify_abc({}, {big}) == {big: "C"}
    assert classify_abc({big: D("0"), small: D("-5")}, {big, small}) == {big: "C", small: "C"}


def test_equal_values_are_ranked_by_item_id_so_the_classes_do_not_depend_on_luck():
    items = sorted((uuid.uuid4() for _ in range(10)), key=str)
    classes = classify_abc({item: D("10") for item in items}, set(items))
    assert [classes[item] for item in items] == ["A"] * 8 + ["B", "B"]
    assert classify_abc({item: D("10") for item in reversed(items)}, set(items)) == classes


def test_a_count_is_due_when_never_counted_or_counted_longer_ago_than_its_class_allows():
    assert is_due(None, 30, NOW)
    assert is_due(NOW - timedelta(days=31), 30, NOW)
    assert not is_due(NOW - timedelta(days=29), 30, NOW)


def test_classes_go_with_the_abc_scope_only():
    assert scope_classes("abc", ["B", "A", "A"]) == ("A", "B")
    assert scope_classes("all", None) == ()
    for scope, classes, field in (("abc", None, "classes"), ("abc", [], "classes"), ("due", ["A"], "classes")):
        with pytest.raises(RuleViolation) as refused:
            scope_classes(scope, classes)
        assert set(refused.value.errors) == {field}


def test_counted_quantities_are_not_negative_and_fit_the_ledger():
    assert counted_quantity(D("0"), "lines[0]") == D("0")
    with pytest.raises(RuleViolation) as negative:
        counted_quantity(D("-1"), "lines[2]")
    assert set(negative.value.errors) == {"lines[2].counted_quantity"}
    with pytest.raises(RuleViolation, match="4 decimal places"):
        counted_quantity(D("1.00001"), "lines[0]")


def test_a_loss_is_its_exact_share_of_the_running_value_and_a_gain_keeps_the_average():
    valuation = Valuation(D("3"), D("10.00"), 5)
    assert value_variance(valuation, line("3", "2")) == (D("3.333333"), D("-3.33"))
    assert value_variance(valuation, line("3", "0")) == (D("3.333333"), D("-10.00"))   # all of it: all its value
    assert value_variance(valuation, line("3", "4")) == (D("3.333333"), D("3.33"))
    assert value_variance(valuation, line("3", "3")) == (D("3.333333"), D("0.00"))


def test_a_gain_of_an_item_without_cost_takes_the_unit_cost_entered_or_cannot_be_valued():
    empty = Valuation()
    assert value_variance(empty, line("0", "3", unit_cost="2.505")) == (D("2.505"), D("7.52"))
    assert value_variance(empty, line("0", "3")) == (None, None)
    with pytest.raises(MissingUnitCost) as refused:
        adjustments_to_post([line("0", "3", index=4)], {}, {})
    assert set(refused.value.errors) == {"lines[4].unit_cost"}


def test_gains_of_an_item_are_valued_before_its_losses():
    item = uuid.uuid4()
    lost, found = line("2", "0", item=item, batch="LOT-1", index=0), line("0", "1", item=item, batch="LOT-2", index=1)
    adjustments = review([lost, found], {item: Valuation(D("2"), D("5.00"), 1)})
    assert [(a.line.index, a.unit_cost, a.value) for a in adjustments] == [
        (0, D("2.500000"), D("-5.00")),       # valued after the gain: 7.50 × 2/3
        (1, D("2.500000"), D("2.50"))]
    assert totals(adjustments) == (D("2.50"), D("5.00"))


def test_a_loss_larger_than_what_its_place_holds_now_is_a_conflict_naming_the_line():
    item = uuid.uuid4()
    lines = [line("5", "5", item=item, index=0), line("10", "2", item=item, batch="LOT-2", index=1)]
    with pytest.raises(LossExceedsStock) as refused:
        adjustments_to_post(lines, {item: Valuation(D("15"), D("30.00"), 3)},
                            {(item, "LOT-1"): D("5"), (item, "LOT-2"): D("7")})    # 3 of LOT-2 left since
    assert isinstance(refused.value, Conflict) and set(refused.value.errors) == {"lines[1].counted_quantity"}
    posted = adjustments_to_post(lines, {item: Valuation(D("15"), D("30.00"), 3)},
                                 {(item, "LOT-1"): D("5"), (item, "LOT-2"): D("8")})
    assert [(a.line.variance, a.value) for a in posted] == [(D("0"), D("0.00")), (D("-8"), D("-16.00"))]
    assert posted[1].movement(uuid.uuid4()).quantity == D("-8")


def test_whoever_entered_counts_cannot_post_them():
    require_other_poster({"alice", None}, "bob")
    with pytest.raises(SegregationOfDuties) as refused:
        require_other_poster({"alice", "bob"}, "bob")
    assert refused.value.status == 422 and refused.value.title == "Segregation of duties"
