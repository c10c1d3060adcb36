"""Posting rules for stock adjustments (DESIGN.md §4): goods lost in transit and stock count gains and losses
post against 5100 Inventory adjustments; what moved no money posts nothing."""
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from erp_shared.events import catalog
from finance import posting
from finance.journal import KINDS, InvalidJournalEntry
from finance.posting import DEFAULT_ACCOUNTS, PostingAccounts

RECEIVED, COUNTED = "inventory.transfer_received.v1", "inventory.count_posted.v1"


def loaded(event_type, payload):
    """What a handler receives: the payload dumped for the wire and loaded back through the catalog."""
    return catalog.load(event_type, catalog.dump(event_type, payload))


def transfer_received(total_loss, received_at=None, transfer_no="TR-2026-000042"):
    return loaded(RECEIVED, {
        "transfer_id": uuid.uuid4(), "transfer_no": transfer_no, "from_warehouse_id": uuid.uuid4(),
        "to_warehouse_id": uuid.uuid4(), "received_at": received_at or datetime.now(timezone.utc),
        "lines": [{"transfer_line_id": uuid.uuid4(), "item_id": uuid.uuid4(), "batch_no": "LOT-B",
                   "quantity_shipped": D("2"), "quantity_received": D("1"), "quantity_lost": D("1"),
                   "value_received": D("2.86"), "value_lost": D(total_loss)}],
        "total_loss": D(total_loss)})


def count_posted(total_gain, total_loss, posted_at=None, count_no="CC-2026-000007"):
    return loaded(COUNTED, {
        "count_id": uuid.uuid4(), "count_no": count_no, "warehouse_id": uuid.uuid4(),
        "snapshot_at": datetime.now(timezone.utc) - timedelta(hours=2),
        "posted_at": posted_at or datetime.now(timezone.utc),
        "lines": [{"count_line_id": uuid.uuid4(), "item_id": uuid.uuid4(), "batch_no": None,
                   "book_quantity": D("10"), "counted_quantity": D("12"), "variance": D("2"),
                   "unit_cost": D("2.000000"), "value": D(total_gain)}],
        "total_gain": D(total_gain), "total_loss": D(total_loss)})


def sides(entry):
    return [(line.account_code, line.debit, line.credit) for line in entry.lines]


def test_the_new_kinds_and_the_adjustments_account_are_known():
    assert {"transfer_loss", "count_adjustment"} <= set(KINDS)
    assert DEFAULT_ACCOUNTS.inventory_adjustments == "5100"


def test_goods_lost_in_transit_are_an_inventory_adjustment_on_the_day_they_were_received():
    late_in_tokyo = datetime(2026, 6, 1, 7, 0, tzinfo=timezone(timedelta(hours=9)))
    entry = posting.transfer_received(transfer_received("2.86", received_at=late_in_tokyo))
    assert sides(entry) == [("5100", D("2.86"), D("0")), ("1200", D("0"), D("2.86"))]
    assert (entry.kind, entry.source_document, entry.entry_date) == ("transfer_loss", "TR-2026-000042",
                                                                     date(2026, 5, 31))
    assert "TR-2026-000042" in entry.description


def test_a_transfer_that_lost_nothing_posts_nothing():
    assert posting.transfer_received(transfer_received("0.00")) is None


def test_a_count_posts_its_gains_and_its_losses_in_one_entry():
    entry = posting.count_posted(count_posted("4.00", "3.33"))
    assert sides(entry) == [("1200", D("4.00"), D("0")), ("5100", D("0"), D("4.00")),
                            ("5100", D("3.33"), D("0")), ("1200", D("0"), D("3.33"))]
    assert (entry.kind, entry.source_document) == ("count_adjustment", "CC-2026-000007")
    assert entry.total_debit == entry.total_credit == D("7.33")


def test_a_count_with_gains_only_or_losses_only_leaves_the_empty_side_out():
    assert sides(posting.count_posted(count_posted("4.00", "0.00"))) == [("1200", D("4.00"), D("0")),
                                                                         ("5100", D("0"), D("4.00"))]
    assert sides(posting.count_posted(count_posted("0.00", "1.10"))) == [("5100", D("1.10"), D("0")),
                                                                         ("1200", D("0"), D("1.10"))]


def test_a_count_that_found_the_books_right_posts_nothing():
    assert posting.count_posted(count_posted("0.00", "0.00")) is None


def test_a_negative_or_sub_cent_total_is_refused_for_good():
    with pytest.raises(InvalidJournalEntry, match="not a non-negative amount"):
        posting.count_posted(count_posted("-1.00", "0.00"))
    with pytest.raises(InvalidJournalEntry, match="whole number of cents"):
        posting.transfer_received(transfer_received("0.005"))


def test_another_chart_passes_its_own_accounts():
    accounts = PostingAccounts(inventory="1250", inventory_adjustments="5150")
    assert sides(posting.transfer_received(transfer_received("1.00"), accounts)) == [
        ("5150", D("1.00"), D("0")), ("1250", D("0"), D("1.00"))]
