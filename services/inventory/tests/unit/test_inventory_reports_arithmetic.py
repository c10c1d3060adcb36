"""The stock reports' arithmetic: UTC business days, running balances, ageing buckets that add up to the
stock value to the cent, and the suggested reorder quantity."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from inventory.reporting import (BUCKETS, UNKNOWN, Balance, BucketFigures, age_bucket, age_stock, bucket_totals,
                                 business_day, end_of_day, running_balances, split_value, start_of_day,
                                 suggested_order_quantity)

AS_OF = date(2026, 6, 30)


def test_a_day_ends_at_the_next_midnight_utc_whatever_the_offset_of_the_instant():
    assert end_of_day(date(2026, 3, 1)) == datetime(2026, 3, 2, tzinfo=timezone.utc)
    assert start_of_day(date(2026, 3, 1)) == datetime(2026, 3, 1, tzinfo=timezone.utc)
    late_in_new_york = datetime(2026, 3, 1, 21, 30, tzinfo=timezone(timedelta(hours=-5)))   # 02:30 UTC next day
    assert business_day(late_in_new_york) == date(2026, 3, 2)
    assert late_in_new_york >= end_of_day(date(2026, 3, 1))


def test_running_balances_carry_on_from_the_opening_exactly():
    opening = Balance(D("10.0000"), D("25.00"))
    moves = [(D("4"), D("10.00")), (D("-5"), D("-12.50")), (D("1.5"), D("3.33")), (D("-10.5"), D("-25.83"))]
    balances = running_balances(opening, moves)
    assert [(b.quantity, b.value) for b in balances] == [
        (D("14.0000"), D("35.00")), (D("9.0000"), D("22.50")), (D("10.5000"), D("25.83")), (D("0.0000"), D("0.00"))]
    assert str(balances[-1].quantity) == "0.0000" and str(balances[-1].value) == "0.00"
    assert running_balances(opening, []) == []


def test_a_paged_running_balance_is_the_same_as_an_unpaged_one():
    moves = [(D(q), D(v)) for q, v in (("3", "7.50"), ("-1", "-2.50"), ("2", "5.20"), ("-4", "-10.20"), ("6", "1.11"))]
    whole = running_balances(Balance(), moves)
    carried = Balance()
    for quantity, value in moves[:2]:
        carried = carried.after(quantity, value)
    assert running_balances(carried, moves[2:]) == whole[2:]


def test_balances_from_sums_of_no_rows_are_zero_at_the_ledger_scale():
    assert Balance.of(None, None) == Balance(D("0.0000"), D("0.00"))
    assert str(Balance.of(None, None).value) == "0.00"


@pytest.mark.parametrize("age, bucket", [
    (0, "0-30"), (30, "0-30"), (31, "31-60"), (60, "31-60"), (61, "61-90"), (90, "61-90"), (91, "91-180"),
    (180, "91-180"), (181, "over-180"), (4000, "over-180")])
def test_age_buckets_have_inclusive_bounds(age, bucket):
    assert age_bucket(AS_OF - timedelta(days=age), AS_OF) == bucket


def test_no_receipt_date_is_unknown_and_a_future_receipt_is_new():
    assert age_bucket(None, AS_OF) == UNKNOWN
    assert age_bucket(AS_OF + timedelta(days=3), AS_OF) == "0-30"


def test_split_value_puts_the_rounding_remainder_on_the_largest_bucket():
    # 10.00 over 3 equal thirds: 3.33 each, the cent left over goes to the first of the (tied) largest
    assert split_value(D("10.00"), {"31-60": D("1"), "0-30": D("1"), UNKNOWN: D("1")}) == {
        "0-30": D("3.34"), "31-60": D("3.33"), UNKNOWN: D("3.33")}
    # 7 units worth 20.00: 2/7 → 5.71, 5/7 → 14.29 (14.285… half up); they add up already
    assert split_value(D("20.00"), {"0-30": D("2"), "over-180": D("5")}) == {"0-30": D("5.71"), "over-180": D("14.29")}
    # 1/3 each of 0.02: 0.01 each is 0.03, one cent too much, taken off the largest
    assert split_value(D("0.02"), {"0-30": D("1"), "31-60": D("1"), "61-90": D("1")}) == {
        "0-30": D("0.00"), "31-60": D("0.01"), "61-90": D("0.01")}


@pytest.mark.parametrize("total, quantities", [
    ("100.00", ["1", "1", "1", "1", "1", "1"]),
    ("14.29", ["0.3333", "1.6667", "3"]),
    ("0.05", ["1", "1", "1", "1", "1", "1"]),
    ("123456.78", ["0.0001", "9999.9999", "17", "3.5"]),
    ("999.99", ["7"]),
])
def test_bucket_values_always_add_up_to_the_stock_value_exactly(total, quantities):
    shares = split_value(D(total), dict(zip(BUCKETS, (D(q) for q in quantities))))
    assert sum(shares.values()) == D(total)
    assert all(share == share.quantize(D("0.01")) for share in shares.values())


def test_an_items_stock_is_aged_by_batch_into_every_bucket_listed():
    lots = [(AS_OF - timedelta(days=10), D("2")), (AS_OF - timedelta(days=45), D("3")),
            (AS_OF - timedelta(days=200), D("1")), (None, D("1")), (AS_OF - timedelta(days=12), D("1"))]
    figures = age_stock(AS_OF, D("80.01"), lots)
    assert [f.bucket for f in figures] == list(BUCKETS)
    by_bucket = {f.bucket: (f.quantity, f.value) for f in figures}
    assert by_bucket == {
        "0-30": (D("3.0000"), D("30.01")),         # 80.01 × 3/8 = 30.00375 → 30.00, +0.01 remainder: largest
        "31-60": (D("3.0000"), D("30.00")),
        "61-90": (D("0.0000"), D("0.00")),
        "91-180": (D("0.0000"), D("0.00")),
        "over-180": (D("1.0000"), D("10.00")),
        UNKNOWN: (D("1.0000"), D("10.00"))}
    assert sum(f.value for f in figures) == D("80.01")


def test_empty_lots_age_into_nothing_and_totals_add_up_per_bucket():
    assert all(f.quantity == 0 and f.value == 0 for f in age_stock(AS_OF, D("0.00"), [(None, D("0"))]))
    one = age_stock(AS_OF, D("10.00"), [(AS_OF, D("1"))])
    two = age_stock(AS_OF, D("5.55"), [(None, D("3"))])
    totals = {f.bucket: (f.quantity, f.value) for f in bucket_totals([one, two])}
    assert totals["0-30"] == (D("1.0000"), D("10.00")) and totals[UNKNOWN] == (D("3.0000"), D("5.55"))
    assert bucket_totals([]) == [BucketFigures(b, D("0.0000"), D("0.00")) for b in BUCKETS]


@pytest.mark.parametrize("on_hand, level, reorder_quantity, suggested", [
    ("2", "10", "50", "50.0000"),       # the reorder quantity covers the shortfall
    ("2", "100", "50", "98.0000"),      # the shortfall is larger
    ("0", "10", "0", "10.0000"),        # no reorder quantity set: the shortfall
])
def test_suggested_quantity_is_the_reorder_quantity_or_the_shortfall_if_larger(on_hand, level, reorder_quantity,
                                                                               suggested):
    assert suggested_order_quantity(D(on_hand), D(level), D(reorder_quantity)) == D(suggested)
