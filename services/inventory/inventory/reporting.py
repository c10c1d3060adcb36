"""The arithmetic of the stock reports: business days in UTC, running balances, ageing buckets whose values add
up to the stock value exactly, and what to reorder. Pure: no session, no Flask.

Every figure is read from the stock ledger (signed quantity and value per row), so a report as of any day is
the sum of the rows that moved before that day ended, and "now" is the sum of every row: the valuation's
total to the cent.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from .domain import MONEY_STEP, QUANTITY_STEP

ZERO_QUANTITY = Decimal(0).quantize(QUANTITY_STEP)
ZERO_VALUE = Decimal(0).quantize(MONEY_STEP)


def start_of_day(day: date) -> datetime:
    """The instant a business day starts: midnight UTC, the clock every service's timestamps share (finance
    dates its entries by the UTC day of the same instants)."""
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def end_of_day(day: date) -> datetime:
    """The first instant after the day: a row counts as of `day` if it moved before this."""
    return start_of_day(day + timedelta(days=1))


def business_day(moment: datetime) -> date:
    """The UTC day an instant falls on."""
    return moment.astimezone(timezone.utc).date()


@dataclass(frozen=True)
class Balance:
    """A running quantity and value (signed sums of ledger rows)."""
    quantity: Decimal = ZERO_QUANTITY
    value: Decimal = ZERO_VALUE

    def after(self, quantity: Decimal, value: Decimal) -> Balance:
        return Balance((self.quantity + quantity).quantize(QUANTITY_STEP), (self.value + value).quantize(MONEY_STEP))

    @classmethod
    def of(cls, quantity, value) -> Balance:
        """From sums that may be NULL (no rows)."""
        return cls(Decimal(quantity or 0).quantize(QUANTITY_STEP), Decimal(value or 0).quantize(MONEY_STEP))


def running_balances(opening: Balance, moves: Iterable[tuple[Decimal, Decimal]]) -> list[Balance]:
    """The balance after each (quantity, value) move, in the order given, starting from `opening`."""
    balances, balance = [], opening
    for quantity, value in moves:
        balance = balance.after(quantity, value)
        balances.append(balance)
    return balances


# --- ageing -----------------------------------------------------------------------------------------------

UNKNOWN = "unknown"
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-30", 0, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("91-180", 91, 180), ("over-180", 181, None))
BUCKETS: tuple[str, ...] = tuple(name for name, _, _ in AGE_BUCKETS) + (UNKNOWN,)


def age_bucket(received_on: date | None, as_of: date) -> str:
    """The bucket of stock first received on `received_on`, `as_of` that day; no receipt date is 'unknown'.
    Stock received after `as_of` (it cannot be on hand then) counts as new."""
    if received_on is None:
        return UNKNOWN
    age = max((as_of - received_on).days, 0)
    for name, low, high in AGE_BUCKETS:
        if age >= low and (high is None or age <= high):
            return name
    raise AssertionError(f"no bucket for an age of {age} days")  # pragma: no cover - the last is open-ended


def split_value(total: Decimal, quantities: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """`total` shared out over the buckets in proportion to their quantities (quantity × average cost, from the
    exact total rather than the rounded average), each share to the cent half up. The rounding remainder goes
    to the bucket holding the most (the first in bucket order on a tie), so the shares add up to `total`
    exactly."""
    if not quantities:
        return {}
    on_hand = sum(quantities.values(), Decimal(0))
    shares = {bucket: (total * quantity / on_hand).quantize(MONEY_STEP, ROUND_HALF_UP) if on_hand else ZERO_VALUE
              for bucket, quantity in quantities.items()}
    order = {bucket: position for position, bucket in enumerate(BUCKETS)}
    largest = min(quantities, key=lambda bucket: (-quantities[bucket], order.get(bucket, len(order)), bucket))
    shares[largest] += total - sum(shares.values(), Decimal(0))
    return {bucket: share.quantize(MONEY_STEP) for bucket, share in shares.items()}


@dataclass(frozen=True)
class BucketFigures:
    bucket: str
    quantity: Decimal
    value: Decimal


def age_stock(as_of: date, stock_value: Decimal,
              lots: Iterable[tuple[date | None, Decimal]]) -> list[BucketFigures]:
    """One item's stock (its lots: receipt date or None, quantity on hand) in the age buckets, every bucket
    listed; the values add up to `stock_value` exactly."""
    quantities: dict[str, Decimal] = {}
    for received_on, quantity in lots:
        if quantity:
            bucket = age_bucket(received_on, as_of)
            quantities[bucket] = quantities.get(bucket, Decimal(0)) + quantity
    if not quantities and stock_value:
        quantities[UNKNOWN] = Decimal(0)      # value without quantity (never in a sound ledger): keep the total
    values = split_value(Decimal(stock_value), quantities)
    return [BucketFigures(bucket, Decimal(quantities.get(bucket, 0)).quantize(QUANTITY_STEP),
                          values.get(bucket, ZERO_VALUE)) for bucket in BUCKETS]


def bucket_totals(rows: Iterable[list[BucketFigures]]) -> list[BucketFigures]:
    """Bucket by bucket sums over items."""
    quantity = {bucket: ZERO_QUANTITY for bucket in BUCKETS}
    value = {bucket: ZERO_VALUE for bucket in BUCKETS}
    for figures in rows:
        for figure in figures:
            quantity[figure.bucket] += figure.quantity
            value[figure.bucket] += figure.value
    return [BucketFigures(bucket, quantity[bucket], value[bucket]) for bucket in BUCKETS]


# --- reordering -------------------------------------------------------------------------------------------

def suggested_order_quantity(on_hand: Decimal, reorder_level: Decimal, reorder_quantity: Decimal) -> Decimal:
    """What to order for an item below its reorder level: its reorder quantity, or the shortfall to the level
    if that is larger."""
    shortfall = reorder_level - on_hand
    return max(reorder_quantity, shortfall, Decimal(0)).quantize(QUANTITY_STEP)
