"""Stock reports from the ledger: stock on hand as of a past day (the end of that UTC day) and now (the
valuation's total), an item's movement history with running balances across pages, items below their reorder
level, and stock ageing by batch whose buckets add up to the stock value."""
import json
import uuid
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal as D

import pytest

from inventory.masterdata import ITEMS

UTC = timezone.utc


def at(day: date, hour: int = 12, minute: int = 0, tz=UTC) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def get(client, erp_tokens, url, role="viewer"):
    response = client.get(url, headers=erp_tokens.headers(role))
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture()
def two_places(receipts, sales):
    """Day 1: 10 in at WH-1 for 20.00. Day 3: 5 in at WH-2 for 15.00. Day 5: 4 delivered from WH-1 at the
    average 35.00/15 (9.33). Days in the past, far enough not to meet other tests' rows."""
    item, north, south = receipts.item(), receipts.warehouse(), receipts.warehouse()
    day1 = date(2024, 2, 1)
    receipts.apply(receipts.event(receipts.line(item, north, "10", "2.00", batch_no="N-1"), received_at=at(day1)))
    receipts.apply(receipts.event(receipts.line(item, south, "5", "3.00", batch_no="S-1"),
                                  received_at=at(day1 + timedelta(days=2))))
    line = sales.line(item, north, "4")
    order = sales.confirmed(line)
    receipts.apply(order)
    delivery = sales.delivered(order, sales.delivery_line(line, "4"), delivered_at=at(day1 + timedelta(days=4)))
    receipts.apply(delivery)
    return item, north, south, day1, delivery


def places(report) -> list[tuple]:
    return [(r["warehouse_id"], r["quantity"], r["value"]) for r in report["rows"]]


def test_stock_on_hand_as_of_a_past_day_sums_the_ledger_up_to_the_end_of_that_day(client, erp_tokens, two_places):
    item, north, south, day1, _ = two_places
    before = get(client, erp_tokens, f"/reports/stock-on-hand?item_id={item}&as_of={day1 - timedelta(days=1)}")
    assert (before["rows"], before["total_value"]) == ([], "0.00")
    first = get(client, erp_tokens, f"/reports/stock-on-hand?item_id={item}&as_of={day1}")
    assert places(first) == [(str(north), "10.0000", "20.00")] and first["total_value"] == "20.00"
    assert first["as_of"] == day1.isoformat()
    fourth = get(client, erp_tokens, f"/reports/stock-on-hand?item_id={item}&as_of={day1 + timedelta(days=3)}")
    assert sorted(places(fourth)) == sorted([(str(north), "10.0000", "20.00"), (str(south), "5.0000", "15.00")])
    assert fourth["total_value"] == "35.00"
    assert sorted((w["warehouse_id"], w["value"]) for w in fourth["warehouses"]) == sorted(
        [(str(north), "20.00"), (str(south), "15.00")])
    now = get(client, erp_tokens, f"/reports/stock-on-hand?item_id={item}")
    assert sorted(places(now)) == sorted([(str(north), "6.0000", "10.67"), (str(south), "5.0000", "15.00")])
    assert now["total_value"] == "25.67" and now["as_of"] is None
    only_south = get(client, erp_tokens, f"/reports/stock-on-hand?item_id={item}&warehouse_id={south}")
    assert places(only_south) == [(str(south), "5.0000", "15.00")] and only_south["total_value"] == "15.00"


def test_a_row_counts_on_the_utc_day_it_moved(client, erp_tokens, receipts):
    item, store = receipts.item(), receipts.warehouse()
    day = date(2024, 3, 15)
    receipts.apply(receipts.event(receipts.line(item, store, "1", "1.00"),
                                  received_at=datetime.combine(day, time(23, 59, 59, 999999), tzinfo=UTC)))
    receipts.apply(receipts.event(receipts.line(item, store, "2", "1.00"),
                                  received_at=datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)))
    receipts.apply(receipts.event(receipts.line(item, store, "4", "1.00"),   # 20:00 in New York is 01:00 UTC
                                  received_at=at(day, 20, tz=timezone(timedelta(hours=-5)))))
    assert places(get(client, erp_tokens, f"/reports/stock-on-hand?item_id={item}&as_of={day}")) == [
        (str(store), "1.0000", "1.00")]
    assert places(get(client, erp_tokens, f"/reports/stock-on-hand?item_id={item}&as_of={day + timedelta(days=1)}")) \
        == [(str(store), "7.0000", "7.00")]


def test_stock_on_hand_now_totals_exactly_the_valuation(client, erp_tokens, two_places):
    report = get(client, erp_tokens, "/reports/stock-on-hand?page_size=100")
    valuation = get(client, erp_tokens, "/stock/valuation")
    assert report["total_value"] == valuation["total_value"]
    item = two_places[0]
    assert get(client, erp_tokens, f"/stock/valuation?item_id={item}")["total_value"] == "25.67"


def test_the_movement_history_runs_from_the_opening_to_the_closing(client, erp_tokens, two_places):
    item, north, south, day1, delivery = two_places
    url = f"/reports/movements?item_id={item}&date_from={day1 + timedelta(days=1)}&date_to={day1 + timedelta(days=4)}"
    history = get(client, erp_tokens, url)
    assert (history["opening_quantity"], history["opening_value"]) == ("10.0000", "20.00")
    assert [(m["move_type"], m["warehouse_id"], m["quantity"], m["value"], m["running_quantity"], m["running_value"])
            for m in history["movements"]] == [
        ("receipt", str(south), "5.0000", "15.00", "15.0000", "35.00"),
        ("delivery", str(north), "-4.0000", "-9.33", "11.0000", "25.67")]
    assert history["movements"][1]["source_document"] == delivery.data["delivery_no"]
    assert (history["closing_quantity"], history["closing_value"]) == ("11.0000", "25.67")

    second_page = client.get(url + "&page=2&page_size=1", headers=erp_tokens.headers("viewer"))
    assert second_page.status_code == 200
    assert [(m["move_type"], m["running_quantity"], m["running_value"]) for m in second_page.json["movements"]] == [
        ("delivery", "11.0000", "25.67")]                   # carried on from the first page's row
    assert '"total": 2' in second_page.headers["X-Pagination"]

    at_north = get(client, erp_tokens, f"/reports/movements?item_id={item}&warehouse_id={north}")
    assert (at_north["opening_quantity"], at_north["opening_value"]) == ("0.0000", "0.00")
    assert [(m["running_quantity"], m["running_value"]) for m in at_north["movements"]] == [
        ("10.0000", "20.00"), ("6.0000", "10.67")]
    assert (at_north["closing_quantity"], at_north["closing_value"]) == ("6.0000", "10.67")
    nothing_yet = get(client, erp_tokens, f"/reports/movements?item_id={item}&date_to={day1 - timedelta(days=1)}")
    assert nothing_yet["movements"] == [] and nothing_yet["closing_value"] == "0.00"


def test_the_movement_history_needs_a_known_item_and_a_forward_period(client, erp_tokens):
    headers = erp_tokens.headers("viewer")
    assert list(client.get("/reports/movements", headers=headers).json["errors"]) == ["item_id"]
    assert client.get(f"/reports/movements?item_id={uuid.uuid4()}", headers=headers).status_code == 404
    reversed_period = client.get(f"/reports/movements?item_id={uuid.uuid4()}&date_from=2024-02-02&date_to=2024-02-01",
                                 headers=headers)
    assert reversed_period.status_code == 422 and list(reversed_period.json["errors"]) == ["date_to"]


def test_items_below_their_reorder_level_with_what_to_order(db, client, erp_tokens, receipts, sales):
    store = receipts.warehouse()
    short = receipts.item(reorder_level=D("10"), reorder_quantity=D("50"))
    empty = receipts.item(reorder_level=D("100"), reorder_quantity=D("20"))
    enough = receipts.item(reorder_level=D("5"), reorder_quantity=D("50"))
    no_level = receipts.item()
    retired = receipts.item(reorder_level=D("10"), reorder_quantity=D("5"))
    with db.unit_of_work() as session:
        ITEMS.deactivate(session, retired)
    for item, quantity in ((short, "4"), (enough, "5"), (no_level, "1")):
        receipts.apply(receipts.event(receipts.line(item, store, quantity, "1.00")))
    receipts.apply(sales.confirmed(sales.line(short, store, "1"), sales.line(empty, store, "3")))

    rows, page = [], 1
    while page:                                          # every page: other tests' items are listed too
        response = client.get(f"/reports/below-reorder?page_size=100&page={page}",
                              headers=erp_tokens.headers("viewer"))
        assert response.status_code == 200
        rows += response.json
        page = json.loads(response.headers["X-Pagination"]).get("next_page")
    ours = {row["item_id"]: row for row in rows if row["item_id"] in {str(i) for i in (short, empty, enough,
                                                                                         no_level, retired)}}
    assert set(ours) == {str(short), str(empty)}
    assert {k: ours[str(short)][k] for k in ("on_hand", "reserved", "backordered", "available", "reorder_level",
                                             "reorder_quantity", "shortfall", "suggested_quantity")} == {
        "on_hand": "4.0000", "reserved": "1.0000", "backordered": "0.0000", "available": "3.0000",
        "reorder_level": "10.0000", "reorder_quantity": "50.0000", "shortfall": "6.0000",
        "suggested_quantity": "50.0000"}
    assert (ours[str(empty)]["on_hand"], ours[str(empty)]["backordered"], ours[str(empty)]["suggested_quantity"]) == (
        "0.0000", "3.0000", "100.0000")           # the shortfall is larger than the reorder quantity
    assert [r["item_code"] for r in rows] == sorted(r["item_code"] for r in rows)


def test_stock_ageing_buckets_add_up_to_each_items_stock_value(client, erp_tokens, receipts):
    item, north, south = receipts.item(), receipts.warehouse(), receipts.warehouse()
    today = datetime.now(UTC).date()
    receipts.apply(receipts.event(receipts.line(item, north, "3", "1.00", batch_no="OLD"),
                                  received_at=at(today - timedelta(days=100))))
    receipts.apply(receipts.event(receipts.line(item, south, "3", "2.00", batch_no="NEW"),
                                  received_at=at(today - timedelta(days=10), 0)))
    receipts.apply(receipts.event(receipts.line(item, north, "1", "3.33"),           # no batch
                                  received_at=at(today - timedelta(days=5), 0)))

    report = get(client, erp_tokens, "/reports/stock-ageing?page_size=100")
    assert report["as_of"] == today.isoformat()
    assert report["bucket_names"] == ["0-30", "31-60", "61-90", "91-180", "over-180", "unknown"]
    [row] = [r for r in report["items"] if r["item_id"] == str(item)]
    assert (row["on_hand"], row["stock_value"]) == ("7.0000", "12.33")
    # 12.33 × 3/7 = 5.2843 → 5.28 twice and 12.33/7 → 1.76: 12.32, the cent left goes on the first largest bucket
    assert [(b["bucket"], b["quantity"], b["value"]) for b in row["buckets"]] == [
        ("0-30", "3.0000", "5.29"), ("31-60", "0.0000", "0.00"), ("61-90", "0.0000", "0.00"),
        ("91-180", "3.0000", "5.28"), ("over-180", "0.0000", "0.00"), ("unknown", "1.0000", "1.76")]
    assert sum(D(b["value"]) for b in row["buckets"]) == D(row["stock_value"])
    assert sum(D(t["value"]) for t in report["totals"]) == D(report["total_value"])

    back_then = get(client, erp_tokens, f"/reports/stock-ageing?as_of={today - timedelta(days=50)}&page_size=100")
    [then] = [r for r in back_then["items"] if r["item_id"] == str(item)]
    assert [(b["bucket"], b["quantity"], b["value"]) for b in then["buckets"] if b["quantity"] != "0.0000"] == [
        ("31-60", "3.0000", "3.00")]
    at_south = get(client, erp_tokens, f"/reports/stock-ageing?warehouse_id={south}")
    assert [(r["item_id"], r["stock_value"], [b["value"] for b in r["buckets"]]) for r in at_south["items"]] == [
        (str(item), "6.00", ["6.00", "0.00", "0.00", "0.00", "0.00", "0.00"])]


def test_ageing_of_everything_is_the_valuation(client, erp_tokens, two_places):
    everything = get(client, erp_tokens, "/reports/stock-ageing?as_of=2999-12-31&page_size=1")
    assert everything["total_value"] == get(client, erp_tokens, "/stock/valuation")["total_value"]
    assert len(everything["items"]) == 1


def test_reports_are_open_to_every_signed_in_role_and_described(client, erp_tokens, two_places):
    item = two_places[0]
    for url in ("/reports/stock-on-hand", f"/reports/movements?item_id={item}", "/reports/below-reorder",
                "/reports/stock-ageing", "/batches", "/reconciliation/stock-to-gl"):
        assert client.get(url, headers=erp_tokens.headers("hr")).status_code == 200, url
        assert client.get(url).status_code == 401, url
    paths = client.get("/openapi.json").json["paths"]
    assert {"/reports/stock-on-hand", "/reports/movements", "/reports/below-reorder", "/reports/stock-ageing",
            "/batches", "/batches/{batch_no}/trace", "/reconciliation/stock-to-gl"} <= set(paths)
