"""Goods receipts through the API: booking, the goods_received event contract, refusals, reads, lateness."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from erp_shared.events import catalog
from erp_shared.testing.statements import describe, recorded_statements

YEAR = datetime.now(timezone.utc).year
TODAY = datetime.now(timezone.utc).date()


def test_a_receipt_books_against_the_order_and_publishes_goods_received(purchasing, client):
    warehouse = purchasing.warehouse()
    order = purchasing.sent(purchasing.line(quantity="10", unit_price="2.335"),
                            purchasing.line(quantity="4", unit_price="10"))
    first, second = order["lines"]
    response = purchasing.receive(order, purchasing.receipt_line(first, "6", rejected="1", warehouse_id=warehouse,
                                                                 batch_no="B-2026-7"),
                                  purchasing.receipt_line(second, "4", warehouse_id=warehouse), notes="dock 2")
    assert response.status_code == 201, response.json
    receipt = response.json
    assert receipt["number"].startswith(f"GRN-{YEAR}-") and receipt["po_number"] == order["number"]
    assert receipt["received_by"] == "clerk-cy" and receipt["notes"] == "dock 2"
    assert [l["accepted_amount"] for l in receipt["lines"]] == ["14.01", "40.00"]    # 6 × 2.335 = 14.01 half up
    assert receipt["total_accepted_amount"] == "54.01" and receipt["late"] is False
    assert receipt["lines"][0]["batch_no"] == "B-2026-7" and receipt["lines"][0]["unit_price"] == "2.3350"

    after = purchasing.order(order)
    assert after["status"] == "partially_received" and after["version"] == 4
    line = after["lines"][0]
    assert (line["quantity_received"], line["quantity_accepted"], line["quantity_rejected"], line["open_quantity"]) == (
        "7.0000", "6.0000", "1.0000", "4.0000")
    assert after["lines"][1]["open_quantity"] == "0.0000"

    [event] = purchasing.events(order["id"], "procurement.goods_received.v1")
    assert event.sequence == after["version"] and event.subject == order["id"] and event.source == "procurement"
    data = catalog.load(event.type, event.data)        # the contract inventory and finance consume
    assert data["receipt_id"] == uuid.UUID(receipt["id"]) and data["receipt_no"] == receipt["number"]
    assert data["po_number"] == order["number"] and str(data["supplier_id"]) == order["supplier_id"]
    assert data["total_accepted_amount"] == Decimal("54.01")
    assert [(str(l["po_line_id"]), l["quantity_received"], l["quantity_accepted"], l["quantity_rejected"],
             l["accepted_amount"], l["batch_no"]) for l in data["lines"]] == [
        (first["id"], Decimal("7"), Decimal("6"), Decimal("1"), Decimal("14.01"), "B-2026-7"),
        (second["id"], Decimal("4"), Decimal("4"), Decimal("0"), Decimal("40.00"), None)]
    assert data["lines"][0]["warehouse_id"] == warehouse and str(data["lines"][0]["item_id"]) == first["item_id"]
    assert [str(l["receipt_line_id"]) for l in data["lines"]] == [l["id"] for l in receipt["lines"]]
    assert sum(l["accepted_amount"] for l in data["lines"]) == data["total_accepted_amount"]


def test_the_last_receipt_makes_the_order_received(purchasing):
    order = purchasing.sent(purchasing.line(quantity="5"))
    line = order["lines"][0]
    assert purchasing.receive(order, purchasing.receipt_line(line, "2")).status_code == 201
    assert purchasing.receive(order, purchasing.receipt_line(line, "3")).status_code == 201
    after = purchasing.order(order)
    assert after["status"] == "received" and after["version"] == 5
    assert [e.sequence for e in purchasing.events(order["id"], "procurement.goods_received.v1")] == [4, 5]
    more = purchasing.receive(order, purchasing.receipt_line(line, "1"))
    assert more.status_code == 409


def test_an_approved_order_takes_receipts_a_draft_or_submitted_one_does_not(purchasing):
    draft = purchasing.draft()
    assert purchasing.receive(draft, purchasing.receipt_line(draft["lines"][0], "1")).status_code == 409
    purchasing.settings(approval_threshold="0.00")
    submitted = purchasing.act(purchasing.draft(), "submit")
    assert purchasing.receive(submitted, purchasing.receipt_line(submitted["lines"][0], "1")).status_code == 409
    approved = purchasing.act(submitted, "approve", headers=purchasing.approver)
    assert purchasing.receive(approved, purchasing.receipt_line(approved["lines"][0], "1")).status_code == 201
    assert purchasing.order(approved)["status"] == "partially_received"


def test_over_receipt_is_refused_beyond_the_tolerance(purchasing):
    order = purchasing.sent(purchasing.line(quantity="10"))
    line = order["lines"][0]
    assert purchasing.receive(order, purchasing.receipt_line(line, "8")).status_code == 201
    refused = purchasing.receive(order, purchasing.receipt_line(line, "3"))
    assert refused.status_code == 422 and refused.content_type == "application/problem+json"
    assert list(refused.json["errors"]) == ["lines[0].quantity_accepted"]
    assert "2 open" in refused.json["detail"]
    purchasing.settings(over_receipt_tolerance_pct="10")
    assert purchasing.receive(order, purchasing.receipt_line(line, "3")).status_code == 201   # 11 ≤ 11
    assert purchasing.order(order)["lines"][0]["quantity_accepted"] == "11.0000"


def test_rejected_goods_do_not_count_toward_the_ordered_quantity(purchasing):
    order = purchasing.sent(purchasing.line(quantity="10"))
    line = order["lines"][0]
    response = purchasing.receive(order, purchasing.receipt_line(line, "10", rejected="5"))
    assert response.status_code == 201 and response.json["total_accepted_amount"] == "25.00"
    assert purchasing.order(order)["status"] == "received"


def test_bad_lines_are_refused_by_field_and_nothing_is_booked(purchasing, client):
    order = purchasing.sent(purchasing.line(), purchasing.line())
    first, second = order["lines"]
    stranger = purchasing.sent()["lines"][0]
    inactive = purchasing.warehouse(active=False)
    response = purchasing.receive(order, purchasing.receipt_line(first, "1"), purchasing.receipt_line(stranger, "1"),
                                  purchasing.receipt_line(first, "1"),
                                  purchasing.receipt_line(second, "1", warehouse_id=inactive),
                                  purchasing.receipt_line(second, "1", warehouse_id=uuid.uuid4()))
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"lines[1].po_line_id", "lines[2].po_line_id", "lines[3].warehouse_id",
                                            "lines[4].po_line_id"}
    after = purchasing.order(order)
    assert after["version"] == order["version"] and after["lines"][0]["quantity_received"] == "0.0000"
    assert purchasing.events(order["id"], "procurement.goods_received.v1") == []


def test_received_must_be_accepted_plus_rejected_and_quantities_are_checked(purchasing):
    order = purchasing.sent()
    line = order["lines"][0]
    response = purchasing.receive(order, purchasing.receipt_line(line, "3", rejected="1", quantity_received="5"),
                                  purchasing.receipt_line(line, "-1", quantity_received="0"),
                                  {"po_line_id": "x"})
    assert response.status_code == 422
    errors = response.json["errors"]["lines"]
    assert "quantity_received" in errors["0"] and "must equal" in errors["0"]["quantity_received"][0]
    assert {"quantity_received", "quantity_accepted"} <= set(errors["1"])
    assert {"po_line_id", "quantity_received", "quantity_accepted", "warehouse_id"} <= set(errors["2"])
    empty = purchasing.receive(order)
    assert empty.status_code == 422 and "lines" in empty.json["errors"]


def test_received_at_defaults_to_now_and_may_not_be_in_the_future(purchasing):
    order = purchasing.sent()
    line = order["lines"][0]
    future = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    refused = purchasing.receive(order, purchasing.receipt_line(line, "1"), received_at=future)
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["received_at"]
    naive = purchasing.receive(order, purchasing.receipt_line(line, "1"), received_at="2026-03-01T10:00:00")
    assert naive.status_code == 422 and "received_at" in naive.json["errors"]
    booked = purchasing.receive(order, purchasing.receipt_line(line, "1"))
    received_at = datetime.fromisoformat(booked.json["received_at"])
    assert abs(received_at - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_receipts_are_for_the_warehouse_and_purchasing_roles(purchasing, client, erp_tokens):
    order = purchasing.sent(purchasing.line(quantity="10"))
    line = order["lines"][0]
    assert purchasing.receive(order, purchasing.receipt_line(line, "1"), headers={}).status_code == 401
    for role in ("viewer", "accounting", "sales"):
        forbidden = purchasing.receive(order, purchasing.receipt_line(line, "1"), headers=erp_tokens.headers(role))
        assert forbidden.status_code == 403, role
    assert purchasing.receive(order, purchasing.receipt_line(line, "1"), headers=purchasing.buyer).status_code == 201
    assert purchasing.receive(order, purchasing.receipt_line(line, "1"), headers=purchasing.clerk).status_code == 201


def test_an_idempotency_key_makes_a_retried_receipt_book_once(purchasing, client):
    order = purchasing.sent(purchasing.line(quantity="10"))
    headers = {**purchasing.clerk, "Idempotency-Key": str(uuid.uuid4())}
    line = purchasing.receipt_line(order["lines"][0], "4")
    first = purchasing.receive(order, line, headers=headers)
    second = purchasing.receive(order, line, headers=headers)
    assert first.status_code == second.status_code == 201 and second.json["id"] == first.json["id"]
    assert purchasing.order(order)["lines"][0]["quantity_accepted"] == "4.0000"
    assert len(purchasing.events(order["id"], "procurement.goods_received.v1")) == 1


def test_receipts_are_read_per_order_by_id_and_filtered(purchasing, client):
    order = purchasing.sent(purchasing.line(quantity="10", expected_date=str(TODAY - timedelta(days=3))),
                            order_date=str(TODAY - timedelta(days=10)))
    line = order["lines"][0]
    late = purchasing.receive(order, purchasing.receipt_line(line, "4")).json
    assert late["late"] is True and late["lines"][0]["days_late"] == 3
    assert late["lines"][0]["expected_date"] == str(TODAY - timedelta(days=3))
    on_time = purchasing.receive(order, purchasing.receipt_line(line, "1"),
                                 received_at=f"{TODAY - timedelta(days=3)}T10:00:00+02:00").json
    assert on_time["late"] is False and on_time["received_at"] == f"{TODAY - timedelta(days=3)}T08:00:00+00:00"
    assert client.get(f"/goods-receipts/{on_time['id']}", headers=purchasing.viewer).json == on_time

    of_order = client.get(f"/purchase-orders/{order['id']}/receipts", headers=purchasing.viewer)
    assert [r["number"] for r in of_order.json] == [on_time["number"], late["number"]]
    one = client.get(f"/goods-receipts/{late['id']}", headers=purchasing.viewer)
    assert one.status_code == 200 and one.json == late
    assert client.get(f"/goods-receipts/{uuid.uuid4()}", headers=purchasing.viewer).status_code == 404
    filtered = client.get(f"/goods-receipts?purchase_order_id={order['id']}&late=true", headers=purchasing.viewer)
    assert [r["number"] for r in filtered.json] == [late["number"]]
    assert client.get("/goods-receipts").status_code == 401


def test_late_deliveries_show_overdue_open_lines_and_late_receipts(purchasing, client):
    supplier = purchasing.supplier()
    order = purchasing.sent(purchasing.line(quantity="10", expected_date=str(TODAY - timedelta(days=5))),
                            purchasing.line(quantity="3", expected_date=str(TODAY + timedelta(days=5))),
                            supplier=supplier, order_date=str(TODAY - timedelta(days=20)))
    overdue, future = order["lines"]
    receipt = purchasing.receive(order, purchasing.receipt_line(overdue, "4")).json
    report = client.get(f"/reports/late-deliveries?supplier_id={supplier['id']}", headers=purchasing.viewer)
    assert report.status_code == 200 and report.json["as_of"] == str(TODAY)
    [open_line] = report.json["open_lines"]
    assert (open_line["po_line_id"], open_line["open_quantity"], open_line["days_overdue"]) == (
        overdue["id"], "6.0000", 5)
    assert open_line["po_number"] == order["number"] and open_line["item_code"] == overdue["item_code"]
    [late] = report.json["late_receipts"]
    assert (late["receipt_no"], late["days_late"], late["quantity_accepted"]) == (receipt["number"], 5, "4.0000")
    assert future["id"] not in {line["po_line_id"] for line in report.json["open_lines"]}
    purchasing.act(order, "close")
    closed = client.get(f"/reports/late-deliveries?supplier_id={supplier['id']}", headers=purchasing.viewer).json
    assert closed["open_lines"] == [] and len(closed["late_receipts"]) == 1
    tomorrow = TODAY + timedelta(days=1)
    since = client.get(f"/reports/late-deliveries?supplier_id={supplier['id']}&received_since={tomorrow}",
                       headers=purchasing.viewer).json
    assert since["late_receipts"] == []


def test_a_receipt_is_booked_in_a_fixed_number_of_cached_statements(purchasing, app):
    """Receiving is the HTTP hot path of procure-to-pay (docs/performance.md); counted so that a change which
    adds round trips, or a statement SQLAlchemy compiles on every call, is noticed."""
    warehouse, first, second = purchasing.warehouse(), purchasing.item(), purchasing.item()
    orders = [purchasing.sent(purchasing.line(first, quantity="10"), purchasing.line(second, quantity="4"))
              for _ in range(3)]

    def receive(order):
        response = purchasing.receive(order, *(purchasing.receipt_line(line, line["quantity"], warehouse_id=warehouse)
                                               for line in order["lines"]))
        assert response.status_code == 201, response.json

    receive(orders[0])
    receive(orders[1])
    with recorded_statements(app.extensions["erp_db"].engine) as statements:
        receive(orders[2])
    assert len(statements) == 12 and all(s.cached for s in statements), describe(statements)
