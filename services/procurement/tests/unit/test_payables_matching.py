"""Three-way match: per-line figures and their rounding, and each tolerance from both sides."""
import uuid
from decimal import Decimal as D

import pytest

from procurement.payables_matching import (EXACT, InvoiceLineRequest, PoLinePosition, Tolerances, invoice_totals,
                                           line_figures, match_invoice, unreceived_quantities)

LINE = uuid.uuid4()
OTHER = uuid.uuid4()
DEFAULTS = Tolerances(quantity_pct=D(0), price_pct=D("2.00"))


def position(accepted="10", invoiced="0", price="10.00", line_id=LINE):
    return {line_id: PoLinePosition(line_id, D(price), D(accepted), D(invoiced))}


def request(quantity="10", price="10.00", line_id=LINE):
    return InvoiceLineRequest(line_id, D(quantity), D(price))


def kinds(exceptions):
    return [(e.line, e.kind) for e in exceptions]


def test_figures_round_each_amount_half_up_to_the_cent():
    figures = line_figures(D("3"), D("3.335"), D("3.3333"))
    assert figures.amount == D("10.01")          # 10.005 → 10.01 (half up, not to even)
    assert figures.grni_amount == D("10.00")     # 9.9999 → 10.00
    assert figures.price_variance == D("0.01")


@pytest.mark.parametrize("price, variance", [("10.10", "1.00"), ("9.90", "-1.00"), ("10.00", "0.00")])
def test_variance_is_the_suppliers_amount_less_the_po_value_with_its_sign(price, variance):
    assert line_figures(D(10), D(price), D("10.00")).price_variance == D(variance)


def test_totals_are_sums_of_the_rounded_lines_so_total_is_grni_plus_variance():
    figures = [line_figures(D(1), D("0.335"), D("0.3333")) for _ in range(3)]
    totals = invoice_totals(figures)
    assert totals.total_amount == D("1.02")      # 3 × 0.34, not round(1.005) = 1.01
    assert totals.grni_amount == D("0.99")       # 3 × 0.33
    assert totals.total_amount == totals.grni_amount + totals.price_variance


def test_an_invoice_matching_receipt_and_price_has_no_exceptions():
    assert match_invoice([request()], position(), DEFAULTS) == []


@pytest.mark.parametrize("price, ok", [("10.20", True), ("9.80", True), ("10.2001", False), ("9.7999", False)])
def test_price_tolerance_holds_on_both_sides_and_its_edge_passes(price, ok):
    assert kinds(match_invoice([request(price=price)], position(), DEFAULTS)) == ([] if ok else [(0, "price")])


def test_a_free_po_line_accepts_only_a_free_invoice_line():
    assert match_invoice([request(price="0")], position(price="0"), DEFAULTS) == []
    assert kinds(match_invoice([request(price="0.01")], position(price="0"), DEFAULTS)) == [(0, "price")]


def test_quantity_beyond_what_was_accepted_is_an_exception_naming_the_totals():
    exceptions = match_invoice([request(quantity="4")], position(accepted="10", invoiced="7"), DEFAULTS)
    assert kinds(exceptions) == [(0, "quantity")]
    assert "invoiced 11 in total but 10 accepted" in exceptions[0].detail
    assert exceptions[0].as_dict()["po_line_id"] == str(LINE)


def test_quantity_up_to_exactly_what_is_accepted_passes():
    assert match_invoice([request(quantity="3")], position(accepted="10", invoiced="7"), DEFAULTS) == []


@pytest.mark.parametrize("quantity, ok", [("11", True), ("11.0001", False)])
def test_quantity_tolerance_is_a_percentage_of_the_accepted_quantity(quantity, ok):
    tolerances = Tolerances(quantity_pct=D("10"), price_pct=D(0))
    exceptions = match_invoice([request(quantity=quantity)], position(accepted="10"), tolerances)
    assert kinds(exceptions) == ([] if ok else [(0, "quantity")])


def test_nothing_received_means_nothing_can_be_invoiced_whatever_the_tolerance():
    tolerances = Tolerances(quantity_pct=D("50"), price_pct=D("50"))
    assert kinds(match_invoice([request(quantity="1")], position(accepted="0"), tolerances)) == [(0, "quantity")]


def test_lines_naming_the_same_po_line_are_matched_together():
    lines = [request(quantity="6"), request(quantity="6")]
    assert kinds(match_invoice(lines, position(accepted="10"), DEFAULTS)) == [(1, "quantity")]


def test_every_failing_line_is_reported_with_its_index_and_kind():
    positions = {**position(), **position(line_id=OTHER, accepted="5")}
    lines = [request(price="12.00"), request(quantity="6", price="13.00", line_id=OTHER)]
    assert kinds(match_invoice(lines, positions, DEFAULTS)) == [(0, "price"), (1, "quantity"), (1, "price")]


def test_approval_ignores_price_but_rechecks_quantity_without_tolerance():
    generous = Tolerances(quantity_pct=D("10"), price_pct=D(0))
    lines = [request(quantity="10.5", price="50.00")]
    assert kinds(match_invoice(lines, position(accepted="10"), generous)) == [(0, "price")]
    assert kinds(unreceived_quantities(lines, position(accepted="10"))) == [(0, "quantity")]
    assert unreceived_quantities([request(price="50.00")], position(accepted="10")) == []


def test_exact_means_no_tolerance_at_all():
    assert kinds(match_invoice([request(price="10.01")], position(), EXACT)) == [(0, "price")]
