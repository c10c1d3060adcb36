"""Calendar months for the forecast: a month is the date of its first day, shown as YYYY-MM.

The history window is the `count` whole months before the month of `as_of`; the month in progress is left out
because its sales so far would read as a drop in demand. The forecast starts with that month.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Mapping

NOTHING = Decimal("0.0000")


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_from(first: date, count: int) -> list[date]:
    return [add_months(first, offset) for offset in range(count)]


def label(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


@dataclass(frozen=True)
class Window:
    """Whole months [start, end): history is read from start up to (not including) end."""
    start: date
    end: date

    @classmethod
    def before(cls, as_of: date, count: int) -> "Window":
        end = month_of(as_of)
        return cls(add_months(end, -count), end)

    def series_start(self, first_sale: date | None) -> date | None:
        """An item's history starts with its first sale ever, or with the window if it sold before: months
        before an item was ever sold are not zero demand, they are no history. None: nothing sold by the end."""
        if first_sale is None or month_of(first_sale) >= self.end:
            return None
        return max(self.start, month_of(first_sale))

    def series(self, first_sale: date | None, sold: Mapping[date, Decimal]) -> list[tuple[date, Decimal]]:
        """Every month from the series start to the window's end, a month without sales as 0."""
        start = self.series_start(first_sale)
        if start is None:
            return []
        months = (self.end.year - start.year) * 12 + self.end.month - start.month
        return [(month, sold.get(month, NOTHING)) for month in months_from(start, months)]
