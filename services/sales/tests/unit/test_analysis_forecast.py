"""The forecast without I/O: Holt's linear trend on known series, the fallbacks, the grid search, no
negative quantities, Decimal to 4 places, and the monthly history window."""
from datetime import date
from decimal import Decimal as D

import pytest

from sales import analysis_forecast as forecasting
from sales.analysis_months import Window, add_months


def series(*values):
    return [D(str(v)) for v in values]


def test_a_straight_line_is_continued():
    result = forecasting.forecast(series(10, 20, 30, 40, 50, 60, 70, 80, 90), 3)
    assert result.method == "holt_linear"
    assert result.quantities == [D("100.0000"), D("110.0000"), D("120.0000")]
    assert (result.alpha, result.beta) == (D("0.1"), D("0.1"))   # every pair fits exactly; the smoothest wins


def test_a_flat_series_forecasts_its_level():
    result = forecasting.forecast(series(7.5, 7.5, 7.5, 7.5), 4)
    assert result.method == "holt_linear" and result.quantities == [D("7.5000")] * 4


def test_alpha_and_beta_minimise_the_one_step_squared_error_over_the_grid():
    history = series(12, 15, 11, 19, 22, 18, 27, 25, 31, 30)
    result = forecasting.forecast(history, 2)
    fits = {(a, b): forecasting.holt_fit(history, a, b)[0] for a in forecasting.GRID for b in forecasting.GRID}
    best = min(fits.values())
    assert fits[(result.alpha, result.beta)] == best
    assert [pair for pair, error in fits.items() if error == best][0] == (result.alpha, result.beta)
    assert len(set(fits.values())) > 1                        # the grid really changes the fit
    assert result.quantities[1] > result.quantities[0] > D(30)     # an upward trend keeps going


def test_holt_by_hand_for_one_pair():
    # level 10, trend 2 (12 − 10); at 12: error 0, level 12, trend 2; at 20: error 6 → level 0.5×20 + 0.5×14 = 17,
    # trend 0.5×5 + 0.5×2 = 3.5
    assert forecasting.holt_fit(series(10, 12, 20), D("0.5"), D("0.5")) == (D(36), D("17.00"), D("3.500"))


def test_two_months_fall_back_to_simple_exponential_smoothing():
    result = forecasting.forecast(series(10, 20), 2)
    assert (result.method, result.beta) == ("simple_exponential_smoothing", None)
    assert result.alpha == D("0.1")                           # two points: every alpha errs alike
    assert result.quantities == [D("11.0000"), D("11.0000")]   # 0.1 × 20 + 0.9 × 10


def test_simple_exponential_smoothing_picks_the_alpha_with_the_smallest_error():
    history = series(10, 30, 30, 30)
    _, level = forecasting.ses_fit(history, D("0.9"))
    result = forecasting.simple_exponential_smoothing(history, 1)
    assert result.alpha == D("0.9") and result.quantities == [level.quantize(D("0.0001"))]


def test_one_month_is_naive_and_no_history_forecasts_nothing():
    assert forecasting.forecast(series(4.25), 3) == forecasting.Forecast("naive", None, None, [D("4.2500")] * 3)
    assert forecasting.forecast([], 2) == forecasting.Forecast("naive", None, None, [D("0.0000")] * 2)


def test_a_falling_trend_stops_at_zero():
    result = forecasting.forecast(series(50, 40, 30, 20, 10), 3)
    assert result.method == "holt_linear"
    assert result.quantities == [D("0.0000")] * 3


def test_forecasts_are_decimals_to_four_places():
    result = forecasting.forecast(series(1, 2, 2, 3.3333, 5), 3)
    assert all(isinstance(q, D) and q.as_tuple().exponent == -4 and q >= 0 for q in result.quantities)


@pytest.mark.parametrize("as_of, start, end", [
    (date(2026, 3, 15), date(2025, 3, 1), date(2026, 3, 1)),
    (date(2026, 1, 1), date(2025, 1, 1), date(2026, 1, 1)),
])
def test_the_window_is_the_whole_months_before_the_month_of_as_of(as_of, start, end):
    assert Window.before(as_of, 12) == Window(start, end)
    assert add_months(date(2025, 11, 1), 3) == date(2026, 2, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_the_history_starts_at_the_first_sale_and_fills_months_without_sales_with_zero():
    window = Window.before(date(2026, 7, 10), 6)              # 2026-01 … 2026-06
    sold = {date(2026, 4, 1): D("5.0000"), date(2026, 6, 1): D("2.5000")}
    assert [q for _, q in window.series(date(2026, 4, 20), sold)] == [D(5), D(0), D("2.5")]
    assert [m for m, _ in window.series(date(2019, 1, 1), sold)][0] == date(2026, 1, 1)
    assert len(window.series(date(2019, 1, 1), sold)) == 6
    assert window.series(None, {}) == [] and window.series(date(2026, 7, 1), {}) == []


def test_an_item_forecast_names_its_months():
    window = Window.before(date(2026, 7, 10), 3)              # 2026-04 … 2026-06
    result = forecasting.item_forecast(window, date(2025, 1, 1), {date(2026, 4, 1): D("10.0000"),
                                                                  date(2026, 5, 1): D("20.0000"),
                                                                  date(2026, 6, 1): D("30.0000")}, 2)
    assert result["method"] == "holt_linear"
    assert [(h["month"], h["quantity"]) for h in result["history"]] == [
        ("2026-04", D(10)), ("2026-05", D(20)), ("2026-06", D(30))]
    assert result["forecast"] == [{"month": "2026-07", "quantity": D("40.0000")},
                                  {"month": "2026-08", "quantity": D("50.0000")}]
