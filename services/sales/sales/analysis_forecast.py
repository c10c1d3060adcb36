"""Forecast of an item's monthly invoiced quantity, in Decimal throughout so the same history always gives the
same figures, to the digit.

- 3 months of history or more: Holt's linear trend exponential smoothing (level + trend; a straight line is
  continued, a flat series stays at its level). Start: level = first month, trend = second − first month.
- 2 months: simple exponential smoothing; two points cannot tell a trend from noise.
- 1 month: naive (that month again); no history at all: naive of nothing sold.
Alpha (and beta) are chosen on the grid 0.1 … 0.9 by the smallest sum of squared one-step-ahead errors over the
history; on a tie the smaller value wins (the smoother fit that explains the history as well). A forecast is
never negative (a falling trend runs out at zero, it does not turn into returns) and is rounded half up to 4 dp,
the scale of a quantity.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from datetime import date
from typing import Mapping, Sequence

from .analysis_months import Window, label, months_from

HOLT_LINEAR = "holt_linear"
SIMPLE_EXPONENTIAL_SMOOTHING = "simple_exponential_smoothing"
NAIVE = "naive"

GRID = tuple(Decimal(step) / 10 for step in range(1, 10))
QUANTITY_STEP = Decimal("0.0001")
ZERO = Decimal(0)
ARITHMETIC = Context(prec=34, rounding=ROUND_HALF_EVEN)   # far beyond NUMERIC(18, 4): no rounding drift


@dataclass(frozen=True)
class Forecast:
    method: str
    alpha: Decimal | None
    beta: Decimal | None
    quantities: list[Decimal]


def _quantity(value: Decimal) -> Decimal:
    return max(value, ZERO).quantize(QUANTITY_STEP, ROUND_HALF_UP)


def holt_fit(series: Sequence[Decimal], alpha: Decimal, beta: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(sum of squared one-step errors, final level, final trend) of Holt's method on at least 2 points."""
    with localcontext(ARITHMETIC):
        level, trend = series[0], series[1] - series[0]
        squared_errors = ZERO
        for actual in series[1:]:
            error = actual - (level + trend)
            squared_errors += error * error
            previous = level
            level = alpha * actual + (1 - alpha) * (level + trend)
            trend = beta * (level - previous) + (1 - beta) * trend
        return squared_errors, level, trend


def ses_fit(series: Sequence[Decimal], alpha: Decimal) -> tuple[Decimal, Decimal]:
    """(sum of squared one-step errors, final level) of simple exponential smoothing."""
    with localcontext(ARITHMETIC):
        level = series[0]
        squared_errors = ZERO
        for actual in series[1:]:
            error = actual - level
            squared_errors += error * error
            level = alpha * actual + (1 - alpha) * level
        return squared_errors, level


def holt_linear(series: Sequence[Decimal], months: int) -> Forecast:
    best = None
    for alpha in GRID:
        for beta in GRID:
            fit = holt_fit(series, alpha, beta)
            if best is None or fit[0] < best[0][0]:
                best = (fit, alpha, beta)
    (_, level, trend), alpha, beta = best
    with localcontext(ARITHMETIC):
        quantities = [_quantity(level + step * trend) for step in range(1, months + 1)]
    return Forecast(HOLT_LINEAR, alpha, beta, quantities)


def simple_exponential_smoothing(series: Sequence[Decimal], months: int) -> Forecast:
    best = None
    for alpha in GRID:
        fit = ses_fit(series, alpha)
        if best is None or fit[0] < best[0][0]:
            best = (fit, alpha)
    (_, level), alpha = best
    return Forecast(SIMPLE_EXPONENTIAL_SMOOTHING, alpha, None, [_quantity(level)] * months)


def naive(series: Sequence[Decimal], months: int) -> Forecast:
    last = series[-1] if series else ZERO
    return Forecast(NAIVE, None, None, [_quantity(last)] * months)


def forecast(series: Sequence[Decimal], months: int) -> Forecast:
    """The method follows from how many months of history there are."""
    if len(series) >= 3:
        return holt_linear(series, months)
    if len(series) == 2:
        return simple_exponential_smoothing(series, months)
    return naive(series, months)


def item_forecast(window: Window, first_sale: date | None, sold: Mapping[date, Decimal], months: int) -> dict:
    """An item's monthly history in the window (months without sales as 0) and the next `months` months,
    starting with the month the window ends at."""
    series = window.series(first_sale, sold)
    predicted = forecast([quantity for _, quantity in series], months)
    return {"method": predicted.method, "alpha": predicted.alpha, "beta": predicted.beta,
            "history": [{"month": label(month), "quantity": quantity} for month, quantity in series],
            "forecast": [{"month": label(month), "quantity": quantity}
                         for month, quantity in zip(months_from(window.end, months), predicted.quantities)]}
