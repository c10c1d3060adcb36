"""The reservation queries: reservation lines per order or item, availability per item and warehouse, and the
reserved and available columns of the stock rows; signed in, and problem+json on malformed filters."""
import json
import uuid
from datetime import date

import pytest


@pytest.fixture()
def reserved(receipts, sales):
    """7 on hand in two batches: a newer order reserves 4, an older one 3 of its 9; a receipt of 5 more then
    fills 5 of the older one's 6 backordered. One more order waits elsewhere for an item never stocked."""
    item, store, other_store = receipts.item(), receipts.warehouse(), receipts.warehouse()
    receipts.apply(receipts.event(receipts.line(item, store, "3", "2.00", batch_no="LOT-1"),
                                  receipts.line(item, store, "4", "2.00", batch_no="LOT-2")))
    first = sales.confirmed(sales.line(item, store, "4"), order_date=date(2026, 3, 2))
    second = sales.confirmed(sales.line(item, store, "9"), order_date=date(2026, 3, 1))
    receipts.apply(first)
    receipts.apply(second)
    receipts.apply(receipts.event(receipts.line(item, store, "5", "2.00")))       # fills 5 of the 6
    never_stocked = receipts.item()
    waiting = sales.confirmed(sales.line(never_stocked, other_store, "2"))
    receipts.apply(waiting)
    return {"item": str(item), "store": str(store), "first": first, "second": second, "waiting": waiting,
            "never_stocked": str(never_stocked), "other_store": str(other_store)}


def get(client, erp_tokens, url):
    return client.get(url, headers=erp_tokens.headers("viewer"))


def test_reservations_by_order_and_by_item_in_filling_order(client, erp_tokens, reserved):
    response = get(client, erp_tokens, f"/reservations?order_id={reserved['second'].data['order_id']}")
    assert response.status_code == 200
    [line] = response.json
    assert line["order_line_id"] == reserved["second"].data["lines"][0]["order_line_id"]
    assert (line["order_no"], line["order_date"], line["item_code"][:3]) == (
        reserved["second"].data["order_no"], "2026-03-01", "RM-")
    assert (line["quantity_requested"], line["quantity_reserved"], line["quantity_backordered"],
            line["quantity_issued"], line["status"]) == ("9.0000", "8.0000", "1.0000", "0.0000", "partially_reserved")
    by_item = get(client, erp_tokens, f"/reservations?item_id={reserved['item']}")
    assert [r["order_id"] for r in by_item.json] == [reserved["second"].data["order_id"],
                                                     reserved["first"].data["order_id"]]
    assert json.loads(by_item.headers["X-Pagination"])["total"] == 2
    backordered = get(client, erp_tokens, f"/reservations?item_id={reserved['item']}&status=partially_reserved")
    assert [r["order_id"] for r in backordered.json] == [reserved["second"].data["order_id"]]


def test_availability_is_on_hand_minus_reserved_per_item_and_warehouse(client, erp_tokens, reserved):
    response = get(client, erp_tokens, f"/stock/availability?item_id={reserved['item']}")
    assert response.status_code == 200
    [place] = response.json
    assert place["warehouse_id"] == reserved["store"] and place["warehouse_code"].startswith("WH-")
    assert (place["on_hand"], place["reserved"], place["backordered"], place["available"]) == (
        "12.0000", "12.0000", "1.0000", "0.0000")
    [awaited] = get(client, erp_tokens, f"/stock/availability?item_id={reserved['never_stocked']}"
                                        f"&warehouse_id={reserved['other_store']}").json
    assert (awaited["on_hand"], awaited["reserved"], awaited["backordered"], awaited["available"]) == (
        "0.0000", "0.0000", "2.0000", "0.0000")
    assert get(client, erp_tokens, f"/stock/availability?item_id={reserved['item']}"
                                   f"&warehouse_id={reserved['other_store']}").json == []


def test_stock_rows_show_what_is_reserved_and_available_in_their_warehouse(client, erp_tokens, reserved, receipts,
                                                                           sales):
    rows = get(client, erp_tokens, f"/stock?item_id={reserved['item']}").json
    assert {(r["batch_no"], r["on_hand"], r["reserved"], r["available"]) for r in rows} == {
        ("LOT-1", "3.0000", "12.0000", "0.0000"), ("LOT-2", "4.0000", "12.0000", "0.0000"),
        (None, "5.0000", "12.0000", "0.0000")}
    order = reserved["first"]
    receipts.apply(sales.cancelled(uuid.UUID(order.data["order_id"]), order.data["order_no"]))   # frees 4, 1 refilled
    [lot] = get(client, erp_tokens, f"/stock?item_id={reserved['item']}&batch_no=LOT-1").json
    assert (lot["on_hand"], lot["reserved"], lot["available"]) == ("3.0000", "9.0000", "3.0000")


@pytest.mark.parametrize("url, field", [("/reservations?order_id=nope", "order_id"),
                                        ("/reservations?item_id=12", "item_id"),
                                        ("/reservations?status=lost", "status"),
                                        ("/stock/availability?item_id=x", "item_id"),
                                        ("/stock/availability?warehouse_id=1-2-3", "warehouse_id")])
def test_malformed_filters_are_problems_naming_the_field(client, erp_tokens, url, field):
    response = get(client, erp_tokens, url)
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert list(response.json["errors"]) == [field]


@pytest.mark.parametrize("url", ["/reservations", "/stock/availability", "/reservations?order_id=nope"])
def test_a_token_is_required(client, url):
    response = client.get(url)
    assert response.status_code == 401 and response.content_type == "application/problem+json"


def test_unknown_ids_filter_to_nothing_and_openapi_describes_the_queries(client, erp_tokens):
    for url in ("/reservations", "/stock/availability"):
        response = get(client, erp_tokens, f"{url}?item_id={uuid.uuid4()}")
        assert response.status_code == 200 and response.json == []
    spec = client.get("/openapi.json").json
    assert {"/reservations", "/stock/availability"} <= set(spec["paths"])
    parameters = {p["name"] for p in spec["paths"]["/reservations"]["get"]["parameters"]}
    assert {"order_id", "item_id", "warehouse_id", "status", "page", "page_size"} <= parameters
    assert {"reserved", "available"} <= set(spec["components"]["schemas"]["StockRowOut"]["properties"])
