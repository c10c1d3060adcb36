"""The stock queries: on hand per place, valuation per item with the total finance reconciles with, and the
ledger; filtered, paged, signed in, and problem+json on malformed input."""
import json
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest


@pytest.fixture()
def steel(receipts):
    """10 @ 12.50 into north (LOT-1) yesterday, then 30 @ 14.00 into south (LOT-2) and 5 without a batch today."""
    item, north, south = receipts.item(name="Steel sheet 2mm"), receipts.warehouse(), receipts.warehouse()
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    first = receipts.event(receipts.line(item, north, "10", "12.50", batch_no="LOT-1"), received_at=yesterday)
    second = receipts.event(receipts.line(item, south, "30", "14.00", batch_no="LOT-2"),
                            receipts.line(item, south, "5", "14.00"))
    receipts.apply(first)
    receipts.apply(second)
    return {"item": str(item), "north": str(north), "south": str(south), "first": first, "second": second}


def get(client, erp_tokens, url):
    return client.get(url, headers=erp_tokens.headers("viewer"))


def test_stock_rows_carry_codes_average_cost_and_value(client, erp_tokens, steel):
    response = get(client, erp_tokens, f"/stock?item_id={steel['item']}")
    assert response.status_code == 200
    rows = {(r["warehouse_id"], r["batch_no"]): r for r in response.json}
    assert set(rows) == {(steel["north"], "LOT-1"), (steel["south"], "LOT-2"), (steel["south"], None)}
    north = rows[(steel["north"], "LOT-1")]
    assert north["item_name"] == "Steel sheet 2mm" and north["unit"] == "kg"
    assert north["item_code"].startswith("RM-") and north["warehouse_code"].startswith("WH-")
    # 545.00 + 70.00 over 45: the average is 13.666667; each row is valued from the exact total
    assert {key: (r["on_hand"], r["average_cost"], r["value"]) for key, r in rows.items()} == {
        (steel["north"], "LOT-1"): ("10.0000", "13.666667", "136.67"),
        (steel["south"], "LOT-2"): ("30.0000", "13.666667", "410.00"),
        (steel["south"], None): ("5.0000", "13.666667", "68.33"),
    }
    assert sum(D(r["value"]) for r in response.json) == D("615.00")


def test_stock_filters_by_warehouse_and_batch_and_pages(client, erp_tokens, steel):
    in_south = get(client, erp_tokens, f"/stock?item_id={steel['item']}&warehouse_id={steel['south']}").json
    assert {r["batch_no"] for r in in_south} == {"LOT-2", None}
    [lot] = get(client, erp_tokens, f"/stock?item_id={steel['item']}&batch_no=LOT-2").json
    assert lot["on_hand"] == "30.0000"
    [unbatched] = get(client, erp_tokens, f"/stock?item_id={steel['item']}&batch_no=").json
    assert unbatched["on_hand"] == "5.0000" and unbatched["batch_no"] is None
    pages = [get(client, erp_tokens, f"/stock?item_id={steel['item']}&page={n}&page_size=2") for n in (1, 2)]
    assert [len(p.json) for p in pages] == [2, 1]
    assert json.loads(pages[0].headers["X-Pagination"])["total"] == 3
    assert {r["on_hand"] for p in pages for r in p.json} == {"10.0000", "30.0000", "5.0000"}


def test_valuation_per_item_and_the_total(client, erp_tokens, steel):
    one = get(client, erp_tokens, f"/stock/valuation?item_id={steel['item']}")
    assert one.status_code == 200
    [item] = one.json["items"]
    assert (item["on_hand"], item["stock_value"], item["average_cost"], item["movement_count"]) == (
        "45.0000", "615.00", "13.666667", 3)
    assert one.json["total_value"] == "615.00"
    everything = get(client, erp_tokens, "/stock/valuation").json
    assert steel["item"] in {i["item_id"] for i in everything["items"]}
    assert D(everything["total_value"]) == sum(D(i["stock_value"]) for i in everything["items"]) >= D("615.00")


def test_the_ledger_is_newest_first_and_filtered(client, erp_tokens, steel):
    response = get(client, erp_tokens, f"/stock-moves?item_id={steel['item']}")
    assert response.status_code == 200
    assert [m["source_document"] for m in response.json] == [steel["second"].data["receipt_no"]] * 2 + [
        steel["first"].data["receipt_no"]]
    oldest = response.json[-1]
    assert (oldest["move_type"], oldest["quantity"], oldest["unit_cost"], oldest["value"], oldest["batch_no"]) == (
        "receipt", "10.0000", "12.500000", "125.00", "LOT-1")
    assert oldest["warehouse_id"] == steel["north"] and oldest["source_event_id"] == str(steel["first"].id)
    assert oldest["source_line_id"] == steel["first"].data["lines"][0]["receipt_line_id"]
    assert oldest["item_code"].startswith("RM-") and oldest["warehouse_code"].startswith("WH-")
    by_document = get(client, erp_tokens, f"/stock-moves?source_document={steel['first'].data['receipt_no']}").json
    assert [m["id"] for m in by_document] == [oldest["id"]]
    in_south = get(client, erp_tokens, f"/stock-moves?warehouse_id={steel['south']}&page_size=1")
    assert len(in_south.json) == 1 and json.loads(in_south.headers["X-Pagination"])["total"] == 2


@pytest.mark.parametrize("url", ["/stock", "/stock/valuation", "/stock-moves"])
def test_an_unknown_id_filters_to_nothing(client, erp_tokens, url):
    response = get(client, erp_tokens, f"{url}?item_id={uuid.uuid4()}")
    assert response.status_code == 200
    assert response.json == ({"items": [], "total_value": "0.00"} if url.endswith("valuation") else [])


@pytest.mark.parametrize("url, field", [("/stock?item_id=nope", "item_id"), ("/stock?warehouse_id=12", "warehouse_id"),
                                        ("/stock/valuation?item_id=x", "item_id"),
                                        ("/stock-moves?warehouse_id=1-2-3", "warehouse_id"),
                                        (f"/stock-moves?source_document={'G' * 41}", "source_document")])
def test_malformed_filters_are_problems_naming_the_field(client, erp_tokens, url, field):
    response = get(client, erp_tokens, url)
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert list(response.json["errors"]) == [field]


@pytest.mark.parametrize("url", ["/stock", "/stock/valuation", "/stock-moves", "/stock?item_id=nope"])
def test_a_token_is_required(client, url):
    response = client.get(url)
    assert response.status_code == 401 and response.content_type == "application/problem+json"


def test_openapi_describes_the_stock_queries(client):
    spec = client.get("/openapi.json").json
    assert {"/stock", "/stock/valuation", "/stock-moves"} <= set(spec["paths"])
    parameters = {p["name"] for p in spec["paths"]["/stock-moves"]["get"]["parameters"]}
    assert {"item_id", "warehouse_id", "source_document", "page", "page_size"} <= parameters
    assert "total_value" in spec["components"]["schemas"]["StockValuationOut"]["properties"]
