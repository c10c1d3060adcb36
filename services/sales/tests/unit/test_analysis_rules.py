"""Gross margin and sales aggregation without I/O: signs, grouping, distinct invoice counts, margin %, totals."""
import uuid
from decimal import Decimal as D

from sales import analysis_domain as analysis
from sales.analysis_domain import CostPart, InvoicedPart, Part


def test_margin_pct_is_rounded_half_up_to_two_places_and_null_without_revenue():
    assert analysis.margin_pct(D("67.50"), D("240.00")) == D("28.13")      # 28.125
    assert analysis.margin_pct(D("-10.00"), D("30.00")) == D("-33.33")
    assert analysis.margin_pct(D("-75.00"), D("0.00")) is None
    assert analysis.margin_pct(D("0.00"), D("0")) is None


def test_revenue_is_invoiced_less_credited_and_cogs_is_issued_less_returned_per_group():
    report = analysis.gross_margin_report(
        invoiced=[Part("A", D("250.00")), Part("A", D("40.00")), Part("B", D("125.00"))],
        credited=[Part("A", D("50.00"))],
        issued=[CostPart("A", D("172.50")), CostPart("C", D("75.00"), uncosted_lines=2)],
        returned=[CostPart("A", D("30.00")), CostPart("C", D("0"), uncosted_lines=1)],
        labels={"A": "SO-1", "B": "SO-2", "C": "SO-0"})
    assert report["rows"] == [
        {"key": "C", "label": "SO-0", "revenue": D("0.00"), "cogs": D("75.00"), "gross_margin": D("-75.00"),
         "margin_pct": None, "uncosted_lines": 3},
        {"key": "A", "label": "SO-1", "revenue": D("240.00"), "cogs": D("142.50"), "gross_margin": D("97.50"),
         "margin_pct": D("40.63"), "uncosted_lines": 0},
        {"key": "B", "label": "SO-2", "revenue": D("125.00"), "cogs": D("0.00"), "gross_margin": D("125.00"),
         "margin_pct": D("100.00"), "uncosted_lines": 0}]
    assert report["totals"] == {"revenue": D("365.00"), "cogs": D("217.50"), "gross_margin": D("147.50"),
                                "margin_pct": D("40.41"), "uncosted_lines": 3}


def test_totals_are_the_sum_of_the_rows():
    report = analysis.gross_margin_report(
        [Part(k, D(a)) for k, a in (("x", "10.01"), ("y", "0.02"), ("z", "3.33"))], [Part("y", D("0.03"))],
        [CostPart("x", D("7.77")), CostPart("z", D("4.00"))], [CostPart("x", D("0.50"))], {})
    for figure in ("revenue", "cogs", "gross_margin"):
        assert sum(row[figure] for row in report["rows"]) == report["totals"][figure]
    assert report["totals"]["gross_margin"] == D("2.06")


def test_rows_without_a_label_come_last_and_every_figure_has_two_places():
    report = analysis.gross_margin_report([Part("b-id", D("1")), Part("a-id", D("2"))], [], [], [],
                                           {"b-id": "Bolt"})
    assert [(row["key"], row["label"]) for row in report["rows"]] == [("b-id", "Bolt"), ("a-id", None)]
    assert [str(row["revenue"]) for row in report["rows"]] == ["1.00", "2.00"]
    empty = analysis.gross_margin_report([], [], [], [], {})
    assert empty == {"rows": [], "totals": {"revenue": D("0.00"), "cogs": D("0.00"), "gross_margin": D("0.00"),
                                            "margin_pct": None, "uncosted_lines": 0}}


def test_sales_count_each_invoice_once_per_group_and_once_in_the_totals():
    first, second = uuid.uuid4(), uuid.uuid4()
    report = analysis.sales_report(
        invoiced=[InvoicedPart("item-a", first, D("250.00"), D("10.0000")),
                  InvoicedPart("item-b", first, D("40.00"), D("4.0000")),
                  InvoicedPart("item-a", second, D("125.00"), D("5.0000"))],
        credited=[Part("item-a", D("50.00")), Part("item-c", D("9.99"))],
        labels={"item-a": "A-1 Anvil", "item-b": "B-1 Bolt", "item-c": "C-1 Chain"})
    assert report["rows"] == [
        {"key": "item-a", "label": "A-1 Anvil", "net_sales": D("325.00"), "quantity_invoiced": D("15.0000"),
         "invoice_count": 2},
        {"key": "item-b", "label": "B-1 Bolt", "net_sales": D("40.00"), "quantity_invoiced": D("4.0000"),
         "invoice_count": 1},
        {"key": "item-c", "label": "C-1 Chain", "net_sales": D("-9.99"), "quantity_invoiced": D("0.0000"),
         "invoice_count": 0}]
    assert report["totals"] == {"net_sales": D("355.01"), "quantity_invoiced": D("19.0000"), "invoice_count": 2}


def test_months_sort_in_calendar_order():
    report = analysis.sales_report([InvoicedPart(m, uuid.uuid4(), D("1.00"), D("1")) for m in
                                    ("2025-12", "2026-01", "2025-02")], [], {m: m for m in
                                                                             ("2025-12", "2026-01", "2025-02")})
    assert [row["key"] for row in report["rows"]] == ["2025-02", "2025-12", "2026-01"]
