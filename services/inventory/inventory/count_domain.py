"""Cycle count rules: which items a count covers (ABC classes from consumption, counts that are due), and what
a posted count books. Pure: no session, no Flask.

A count compares what was counted with the book quantity at the sheet's snapshot; the variance (counted −
book) is what posting adds to or takes from the stock as it is then, so whatever moved in between stays
booked and nothing has to be frozen while people count.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from erp_shared.errors import Conflict, RuleViolation

from .domain import COST_STEP, MONEY_STEP, QUANTITY_STEP, Movement, Valuation, exact

COUNTING = "counting"
SUBMITTED = "submitted"
POSTED = "posted"
COUNT_STATUSES = (COUNTING, SUBMITTED, POSTED)

ALL, ABC, DUE = "all", "abc", "due"
SCOPES = (ALL, ABC, DUE)
CLASSES = ("A", "B", "C")
A_SHARE, AB_SHARE = Decimal("0.80"), Decimal("0.95")    # A: the first 80 % of the value, B: the next 15 %
DEFAULT_FREQUENCY_DAYS = {"A": 30, "B": 90, "C": 180}
CONSUMPTION_DAYS = 365

COUNT_ADJUSTMENT = "count_adjustment"
NO_VALUE = Decimal("0.00")
QUANTITY_LIMIT = Decimal("1e14")    # NUMERIC(18, 4) holds less than this
VALUE_LIMIT = Decimal("1e16")       # NUMERIC(18, 2) holds less than this


class SegregationOfDuties(RuleViolation):
    title = "Segregation of duties"


class MissingUnitCost(RuleViolation):
    """A gain of an item that has no cost yet cannot be valued unless the count says what a unit is worth."""


class LossExceedsStock(Conflict):
    """A loss larger than what is on hand now: the stock moved since the snapshot, so the count no longer fits."""


def require_status(status: str, allowed: tuple[str, ...], action: str, number: str) -> None:
    if status not in allowed:
        raise Conflict(f"count {number} is {status}: it cannot be {action} now", field="status")


def scope_classes(scope: str, classes: list[str] | None) -> tuple[str, ...]:
    """The classes an "abc" count covers (at least one); the other scopes name none."""
    if scope != ABC:
        if classes:
            raise RuleViolation(f"classes only go with the scope 'abc', not {scope!r}", field="classes")
        return ()
    if not classes:
        raise RuleViolation("an 'abc' count names the classes it covers, e.g. [\"A\", \"B\"]", field="classes")
    return tuple(sorted(set(classes)))


def classify_abc(consumption: dict[uuid.UUID, Decimal], items) -> dict[uuid.UUID, str]:
    """Each of `items` in its class by the value it consumed: ranked from the largest, an item is A while the
    items before it make up less than 80 % of the total, B while they make up less than 95 %, C after that;
    items that consumed nothing are C. Ties are ranked by item id so the classes never depend on luck."""
    ranked = sorted(((value, item) for item, value in consumption.items() if value > 0),
                    key=lambda pair: (-pair[0], str(pair[1])))
    total = sum((value for value, _ in ranked), Decimal(0))
    classes, before = {}, Decimal(0)
    for value, item in ranked:
        classes[item] = "A" if before < A_SHARE * total else "B" if before < AB_SHARE * total else "C"
        before += value
    return {item: classes.get(item, "C") for item in items}


def is_due(last_counted_at: datetime | None, frequency_days: int, now: datetime) -> bool:
    """Never counted here, or last counted longer ago than its class allows."""
    return last_counted_at is None or last_counted_at < now - timedelta(days=frequency_days)


def counted_quantity(value: Decimal, where: str) -> Decimal:
    quantity = exact(value, QUANTITY_STEP, f"{where}.counted_quantity")
    if quantity < 0:
        raise RuleViolation(f"a counted quantity is 0 or more, not {quantity}", field=f"{where}.counted_quantity")
    return quantity


def entered_unit_cost(value: Decimal | None, where: str) -> Decimal | None:
    if value is None:
        return None
    cost = exact(value, COST_STEP, f"{where}.unit_cost")
    if cost < 0:
        raise RuleViolation(f"a unit cost is 0 or more, not {cost}", field=f"{where}.unit_cost")
    return cost


def require_other_poster(counters: set[str], poster: str) -> None:
    if poster in counters:
        raise SegregationOfDuties("segregation of duties: a person who entered counts on this sheet cannot post it",
                                  field="posted_by")


@dataclass(frozen=True)
class CountedLine:
    """A line of a submitted sheet as posting sees it; `index` is its place on the sheet (lines[index])."""
    line_id: uuid.UUID
    index: int
    item_id: uuid.UUID
    batch_no: str | None
    book_quantity: Decimal
    counted_quantity: Decimal
    entered_unit_cost: Decimal | None = None

    @property
    def variance(self) -> Decimal:
        return self.counted_quantity - self.book_quantity

    @property
    def batch_key(self) -> str:
        return self.batch_no or ""


@dataclass(frozen=True)
class Adjustment:
    line: CountedLine
    unit_cost: Decimal | None
    value: Decimal | None       # signed like the variance

    def movement(self, warehouse_id: uuid.UUID) -> Movement:
        return Movement(self.line.item_id, warehouse_id, self.line.batch_no, self.line.variance, self.unit_cost,
                        self.value, self.line.line_id)


def value_variance(valuation: Valuation, line: CountedLine) -> tuple[Decimal | None, Decimal | None]:
    """(unit cost, signed value) of a line's variance. A loss is worth its exact share of the item's running
    value (Valuation.value_of); a gain is valued at the current moving average the same way, so it leaves the
    average as it was; an item with nothing on hand has no average, and its gain takes the unit cost entered
    with the count (None, None when there is none)."""
    variance = line.variance
    if variance < 0:
        return valuation.average_cost, -valuation.value_of(-variance)
    if variance == 0:
        return valuation.average_cost, NO_VALUE
    if valuation.on_hand > 0:
        return valuation.average_cost, valuation.value_of(variance)
    if line.entered_unit_cost is None:
        return None, None
    return line.entered_unit_cost, (variance * line.entered_unit_cost).quantize(MONEY_STEP, ROUND_HALF_UP)


def review(lines: list[CountedLine], valuations: dict[uuid.UUID, Valuation]) -> list[Adjustment]:
    """The variances valued as posting would value them now, for review before posting: gains before losses of
    each item (a loss first could empty the item and leave its gains without an average)."""
    running = dict(valuations)
    adjustments = {}
    for line in sorted(lines, key=lambda l: (l.variance < 0, l.index)):
        valuation = running.get(line.item_id, Valuation())
        unit_cost, value = value_variance(valuation, line)
        if valuation.on_hand + line.variance >= QUANTITY_LIMIT or (value is not None and abs(value) >= VALUE_LIMIT):
            raise RuleViolation(f"line {line.index + 1} would take the item's stock beyond what the books can hold",
                                field=f"lines[{line.index}].counted_quantity")
        adjustments[line.line_id] = Adjustment(line, unit_cost, value)
        if value is not None and line.variance != 0:
            try:
                running[line.item_id] = valuation.after(line.variance, value)
            except RuleViolation:       # under review only: posting refuses such a loss before it gets here
                pass
    return [adjustments[line.line_id] for line in lines]


def adjustments_to_post(lines: list[CountedLine], valuations: dict[uuid.UUID, Valuation],
                        on_hand: dict[tuple[uuid.UUID, str], Decimal]) -> list[Adjustment]:
    """Every line valued, or the post refused whole: a loss larger than what its place (item, batch) holds now
    is a conflict with the stock as it stands (409); a gain that cannot be valued needs a unit cost (422)."""
    for line in lines:
        held = on_hand.get((line.item_id, line.batch_key), Decimal(0))
        if -line.variance > held:
            raise LossExceedsStock(f"line {line.index + 1} (item {line.item_id}, batch {line.batch_no or '-'}) "
                                   f"loses {-line.variance} but only {held} is on hand now",
                                   field=f"lines[{line.index}].counted_quantity")
    return require_values(review(lines, valuations))


def require_values(adjustments: list[Adjustment]) -> list[Adjustment]:
    """Every variance has a value; else 422 naming the lines whose gain nobody can value."""
    errors = {f"lines[{a.line.index}].unit_cost": [
        f"line {a.line.index + 1} gains {a.line.variance} of item {a.line.item_id}, which has no cost yet: enter "
        "its unit cost with the count"] for a in adjustments if a.value is None}
    if errors:
        raise MissingUnitCost(next(iter(errors.values()))[0], errors=errors)
    return adjustments


def totals(adjustments: list[Adjustment]) -> tuple[Decimal, Decimal]:
    """(total gain, total loss), both positive amounts."""
    gain = sum((a.value for a in adjustments if a.value > 0), NO_VALUE)
    loss = -sum((a.value for a in adjustments if a.value < 0), NO_VALUE)
    return gain, loss
