"""Receiving rules without a database: over-receipt with tolerance, lateness, line checks, status moves."""
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from erp_shared.errors import Conflict, RuleViolation
from procurement import ordering_domain as orders
from procurement.models import PurchaseOrder, PurchaseOrderLine
from procurement.receiving_domain import (book_receipt, days_late, most_acceptable, over_receipt,
                                          status_after_receipt)

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=timezone.utc)
WAREHOUSE = uuid.uuid4()
ACTIVE = {WAREHOUSE: True}


def po_line(line_no=1, ordered="10", accepted="0", price="2.5", expected=date(2026, 3, 8)):
    return PurchaseOrderLine(id=uuid.uuid4(), line_no=line_no, item_id=uuid.uuid4(), quantity=D(ordered),
                             unit_price=D(price), expected_date=expected, quantity_received=D(accepted),
                             quantity_accepted=D(accepted), quantity_rejected=D(0), quantity_invoiced=D(0))


def order(*lines, status=orders.SENT):
    return PurchaseOrder(id=uuid.uuid4(), number="PO-2026-000007", status=status, version=5,
                         lines=list(lines) or [po_line()])


def request(line, accepted, rejected="0", warehouse=WAREHOUSE, batch_no=None):
    return {"po_line_id": line.id, "quantity_received": D(accepted) + D(rejected), "quantity_accepted": D(accepted),
            "quantity_rejected": D(rejected), "warehouse_id": warehouse, "batch_no": batch_no}


def book(po, *requests, tolerance="0", received_at=NOW, warehouses=ACTIVE):
    return book_receipt(po, list(requests), tolerance_pct=D(tolerance), received_at=received_at, now=NOW,
                        warehouses=warehouses)


def refused_fields(call):
    with pytest.raises(RuleViolation) as refused:
        call()
    return refused.value.errors


def test_the_tolerance_widens_what_a_line_may_accept():
    assert most_acceptable(D("10"), D("0")) == D("10")
    assert most_acceptable(D("10"), D("5")) == D("10.5")
    assert most_acceptable(D("3"), D("33.33")) == D("3.9999")


def test_over_receipt_is_refused_with_the_open_quantity_in_the_message():
    line = po_line(ordered="10", accepted="8")
    assert over_receipt(line, D("2"), D("0")) is None
    message = over_receipt(line, D("3"), D("0"))
    assert "2 open" in message and "at most 2 more" in message and "line 1" in message
    assert over_receipt(line, D("3"), D("10")) is None           # 11 ≤ 10 × 1.10
    assert "at most 3 more" in over_receipt(line, D("3.0001"), D("10"))


def test_lateness_is_days_after_the_expected_date():
    assert days_late(date(2026, 3, 10), date(2026, 3, 8)) == 2
    assert days_late(date(2026, 3, 8), date(2026, 3, 8)) == 0
    assert days_late(date(2026, 3, 1), date(2026, 3, 8)) == 0
    assert days_late(date(2026, 3, 1), None) == 0


def test_a_receipt_books_accepted_and_rejected_at_the_po_price_and_moves_the_order_on():
    first, second = po_line(1, ordered="10"), po_line(2, ordered="4", price="0.335", expected=None)
    po = order(first, second)
    booked, total = book(po, request(first, "6", rejected="1", batch_no="B-1"), request(second, "3"))
    assert [(b["quantity_received"], b["quantity_accepted"], b["quantity_rejected"]) for b in booked] == [
        (D("7"), D("6"), D("1")), (D("3"), D("3"), D("0"))]
    assert [b["accepted_amount"] for b in booked] == [D("15.00"), D("1.01")]     # 1.005 half up
    assert total == D("16.01")
    assert [b["days_late"] for b in booked] == [2, 0] and booked[0]["batch_no"] == "B-1"
    assert booked[0]["unit_price"] == D("2.5") and booked[0]["item_id"] == first.item_id
    assert (first.quantity_received, first.quantity_accepted, first.quantity_rejected) == (D(7), D(6), D(1))
    assert po.status == orders.PARTIALLY_RECEIVED and po.version == 6


def test_the_order_is_received_when_every_line_has_its_quantity_accepted():
    first, second = po_line(1, ordered="10", accepted="10"), po_line(2, ordered="4")
    po = order(first, second, status=orders.PARTIALLY_RECEIVED)
    book(po, request(second, "3", rejected="1"))
    assert po.status == orders.PARTIALLY_RECEIVED            # the rejected one is still owed
    book(po, request(second, "1"))
    assert po.status == orders.RECEIVED


def test_status_after_receipt_ignores_rejections():
    assert status_after_receipt([po_line(ordered="5", accepted="5")]) == orders.RECEIVED
    assert status_after_receipt([po_line(ordered="5", accepted="6")]) == orders.RECEIVED
    assert status_after_receipt([po_line(ordered="5", accepted="4.9999")]) == orders.PARTIALLY_RECEIVED


def test_rejected_quantity_does_not_count_against_the_ordered_quantity():
    line = po_line(ordered="10")
    po = order(line)
    book(po, request(line, "10", rejected="5"))
    assert line.quantity_accepted == D("10") and po.status == orders.RECEIVED


def test_over_receipt_beyond_the_tolerance_names_the_line_field():
    line = po_line(ordered="10", accepted="9")
    errors = refused_fields(lambda: book(order(line), request(line, "2")))
    assert list(errors) == ["lines[0].quantity_accepted"] and "1 open" in errors["lines[0].quantity_accepted"][0]
    book(order(line), request(line, "2"), tolerance="10")
    assert line.quantity_accepted == D("11")


@pytest.mark.parametrize("status", [orders.APPROVED, orders.SENT, orders.PARTIALLY_RECEIVED])
def test_approved_sent_and_partially_received_orders_take_receipts(status):
    line = po_line()
    book(order(line, status=status), request(line, "1"))


@pytest.mark.parametrize("status", [orders.DRAFT, orders.SUBMITTED, orders.RECEIVED, orders.CLOSED,
                                    orders.CANCELLED])
def test_other_orders_refuse_receipts_as_a_conflict(status):
    line = po_line()
    with pytest.raises(Conflict):
        book(order(line, status=status), request(line, "1"))
    assert line.quantity_accepted == 0


def test_every_bad_line_is_named_at_once_and_nothing_is_booked():
    line, other = po_line(1), po_line(2)
    stranger = po_line(9)
    inactive, unknown = uuid.uuid4(), uuid.uuid4()
    errors = refused_fields(lambda: book(
        order(line, other), request(line, "1"), request(stranger, "1"), request(line, "1"),
        request(other, "1", warehouse=inactive), request(other, "1", warehouse=unknown),
        warehouses={WAREHOUSE: True, inactive: False}))
    assert set(errors) == {"lines[1].po_line_id", "lines[2].po_line_id", "lines[3].warehouse_id",
                           "lines[4].po_line_id"}
    assert "named twice" in errors["lines[2].po_line_id"][0]
    assert "inactive" in errors["lines[3].warehouse_id"][0]
    assert line.quantity_accepted == 0 and other.quantity_accepted == 0


def test_an_unknown_warehouse_is_named():
    line = po_line()
    errors = refused_fields(lambda: book(order(line), request(line, "1", warehouse=uuid.uuid4())))
    assert "unknown" in errors["lines[0].warehouse_id"][0]


def test_goods_cannot_be_received_in_the_future():
    line = po_line()
    errors = refused_fields(lambda: book(order(line), request(line, "1"), received_at=NOW + timedelta(hours=1)))
    assert list(errors) == ["received_at"]
    book(order(line), request(line, "1"), received_at=NOW + timedelta(minutes=1))   # clock skew


def test_lateness_uses_the_utc_date_of_the_receipt():
    line = po_line(expected=date(2026, 3, 9))
    late_evening_elsewhere = datetime(2026, 3, 10, 1, 0, tzinfo=timezone(timedelta(hours=5)))  # 9 March UTC
    booked, _ = book(order(line), request(line, "1"), received_at=late_evening_elsewhere)
    assert booked[0]["days_late"] == 0
