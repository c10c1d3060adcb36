"""Purchase planning through the API: the stock projection, reorder suggestions, requisitions and the
orders made from them."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from erp_shared.errors import PermanentEventError
from erp_shared.events import catalog, new_event
from procurement.handlers import HANDLERS
from procurement.models import item_stock

YEAR = datetime.now(timezone.utc).year
TODAY = datetime.now(timezone.utc).date()


def on_hand(app, item_id):
    with app.extensions["erp_db"].unit_of_work() as session:
        row = session.execute(select(item_stock).where(item_stock.c.item_id == item_id)).first()
    return (row.on_hand, row.sequence) if row else None


def suggestion_for(purchasing, item_id):
    response = purchasing.client.get("/purchase-planning/suggestions", headers=purchasing.viewer)
    assert response.status_code == 200, response.json
    return next((s for s in response.json if s["item_id"] == str(item_id)), None)


def test_only_a_newer_stock_level_wins(purchasing, app):
    item = purchasing.item()
    purchasing.stock(item, "40", sequence=3)
    purchasing.stock(item, "35", sequence=2)          # stale
    purchasing.stock(item, "99", sequence=3)          # duplicate
    assert on_hand(app, item) == (Decimal("40.0000"), 3)
    purchasing.stock(item, "12.5", sequence=4)
    assert on_hand(app, item) == (Decimal("12.5000"), 4)


def test_a_stock_level_without_a_sequence_is_a_permanent_error(purchasing, app):
    event_type = "inventory.stock_level_changed.v1"
    item = purchasing.item()
    envelope = new_event(event_type, {"item_id": item, "on_hand": "1", "stock_value": "0", "average_cost": "0"},
                         subject=str(item))
    with pytest.raises(PermanentEventError):
        with app.extensions["erp_db"].unit_of_work() as session:
            HANDLERS[event_type](session, envelope, catalog.load(event_type, envelope.data))
    assert on_hand(app, item) is None


def test_items_at_or_below_their_reorder_level_are_suggested(purchasing):
    short = purchasing.item(reorder_level="100", reorder_quantity="500")
    purchasing.stock(short, "100", sequence=1)
    plenty = purchasing.item(reorder_level="100", reorder_quantity="500")
    purchasing.stock(plenty, "101", sequence=1)
    never_stocked = purchasing.item(reorder_level="800", reorder_quantity="500")
    service = purchasing.item(item_type="service", reorder_level="10", reorder_quantity="1")
    inactive = purchasing.item(reorder_level="10", reorder_quantity="1", active=False)
    suggestion = suggestion_for(purchasing, short)
    assert (suggestion["on_hand"], suggestion["projected"], suggestion["suggested_quantity"]) == (
        "100.0000", "100.0000", "500.0000")
    assert suggestion["item_code"] == f"RM-{short.hex[:8]}" and suggestion["unit"] == "kg"
    assert suggestion_for(purchasing, plenty) is None
    assert suggestion_for(purchasing, never_stocked)["suggested_quantity"] == "800.0000"   # 0 on hand, back to level
    assert suggestion_for(purchasing, service) is None and suggestion_for(purchasing, inactive) is None


def test_open_orders_and_requisitions_count_as_coming(purchasing, client):
    item = purchasing.item(reorder_level="100", reorder_quantity="50")
    purchasing.stock(item, "20", sequence=1)
    order = purchasing.sent(purchasing.line(item, quantity="30"))
    assert purchasing.receive(order, purchasing.receipt_line(order["lines"][0], "10")).status_code == 201
    requisition = client.post("/purchase-requisitions", json={"item_id": str(item), "quantity": "15"},
                              headers=purchasing.buyer).json
    suggestion = suggestion_for(purchasing, item)
    assert (suggestion["on_order"], suggestion["requisitioned"]) == ("20.0000", "15.0000")
    assert suggestion["projected"] == "55.0000" and suggestion["suggested_quantity"] == "50.0000"
    client.post(f"/purchase-requisitions/{requisition['id']}/cancel", headers=purchasing.buyer)
    purchasing.act(order, "close")
    assert suggestion_for(purchasing, item)["projected"] == "20.0000"


def test_planning_turns_suggestions_into_requisitions_once(purchasing, client):
    item = purchasing.item(reorder_level="100", reorder_quantity="500")
    purchasing.stock(item, "10", sequence=1)
    response = client.post("/purchase-planning/requisitions", headers=purchasing.buyer)
    assert response.status_code == 201, response.json
    [requisition] = [r for r in response.json if r["item_id"] == str(item)]
    assert requisition["number"].startswith(f"PR-{YEAR}-") and requisition["origin"] == "reorder"
    assert (requisition["status"], requisition["quantity"], requisition["requested_by"]) == ("open", "500.0000",
                                                                                             "buyer-ada")
    assert suggestion_for(purchasing, item) is None
    again = client.post("/purchase-planning/requisitions", headers=purchasing.buyer)
    assert again.status_code == 201 and str(item) not in {r["item_id"] for r in again.json}
    assert client.post("/purchase-planning/requisitions", headers=purchasing.clerk).status_code == 403


def test_manual_requisitions_are_created_listed_read_and_cancelled(purchasing, client):
    item = purchasing.item()
    body = {"item_id": str(item), "quantity": "12.5", "needed_by": str(TODAY + timedelta(days=14)), "notes": "line 3"}
    created = client.post("/purchase-requisitions", json=body, headers=purchasing.buyer)
    assert created.status_code == 201, created.json
    requisition = created.json
    assert requisition["origin"] == "manual" and requisition["quantity"] == "12.5000"
    listed = client.get(f"/purchase-requisitions?item_id={item}&status=open", headers=purchasing.viewer).json
    assert [r["id"] for r in listed] == [requisition["id"]]
    assert client.get(f"/purchase-requisitions/{requisition['id']}", headers=purchasing.viewer).json == requisition
    cancelled = client.post(f"/purchase-requisitions/{requisition['id']}/cancel", headers=purchasing.buyer)
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    twice = client.post(f"/purchase-requisitions/{requisition['id']}/cancel", headers=purchasing.buyer)
    assert twice.status_code == 409
    assert client.get(f"/purchase-requisitions/{uuid.uuid4()}", headers=purchasing.viewer).status_code == 404


def test_manual_requisitions_refuse_bad_input_and_unknown_items(purchasing, client):
    bad = client.post("/purchase-requisitions", json={"item_id": str(purchasing.item()), "quantity": "0"},
                      headers=purchasing.buyer)
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"quantity"}
    unknown = client.post("/purchase-requisitions", json={"item_id": str(uuid.uuid4()), "quantity": "1"},
                          headers=purchasing.buyer)
    assert unknown.status_code == 422 and set(unknown.json["errors"]) == {"item_id"}
    anonymous = client.post("/purchase-requisitions", json={"item_id": str(uuid.uuid4()), "quantity": "1"})
    assert anonymous.status_code == 401


def test_requisitions_become_one_draft_order(purchasing, client):
    steel, bolts = purchasing.item(), purchasing.item(unit="pcs")
    make = lambda item, quantity, **extra: client.post(  # noqa: E731
        "/purchase-requisitions", json={"item_id": str(item), "quantity": quantity, **extra},
        headers=purchasing.buyer).json
    first = make(steel, "100", needed_by=str(TODAY + timedelta(days=10)))
    second = make(bolts, "250", needed_by=str(TODAY - timedelta(days=1)))
    supplier = purchasing.supplier()
    body = {"supplier_id": supplier["id"], "requisition_ids": [first["id"], second["id"]],
            "unit_prices": {str(steel): "1.25", str(bolts): "0.04"}}
    response = client.post("/purchase-orders/from-requisitions", json=body, headers=purchasing.buyer)
    assert response.status_code == 201, response.json
    order = response.json
    assert order["status"] == "draft" and order["total_amount"] == "135.00"
    assert [(l["line_no"], l["item_id"], l["quantity"], l["unit_price"]) for l in order["lines"]] == [
        (1, str(steel), "100.0000", "1.2500"), (2, str(bolts), "250.0000", "0.0400")]
    assert order["lines"][0]["expected_date"] == first["needed_by"] and order["lines"][0]["notes"] == first["number"]
    assert order["lines"][1]["expected_date"] is None      # a need already past gives the supplier no date
    for requisition in (first, second):
        now = client.get(f"/purchase-requisitions/{requisition['id']}", headers=purchasing.viewer).json
        assert (now["status"], now["purchase_order_id"]) == ("ordered", order["id"])
    again = client.post("/purchase-orders/from-requisitions", json=body, headers=purchasing.buyer)
    assert again.status_code == 409 and first["number"] in again.json["detail"]


def test_converting_requisitions_needs_a_price_per_item_and_known_requisitions(purchasing, client):
    item = purchasing.item()
    requisition = client.post("/purchase-requisitions", json={"item_id": str(item), "quantity": "5"},
                              headers=purchasing.buyer).json
    supplier = purchasing.supplier()
    no_price = client.post("/purchase-orders/from-requisitions", headers=purchasing.buyer,
                           json={"supplier_id": supplier["id"], "requisition_ids": [requisition["id"]]})
    assert no_price.status_code == 422 and set(no_price.json["errors"]) == {f"unit_prices.{item}"}
    unknown = client.post("/purchase-orders/from-requisitions", headers=purchasing.buyer, json={
        "supplier_id": supplier["id"], "requisition_ids": [requisition["id"], str(uuid.uuid4())],
        "unit_prices": {str(item): "1"}})
    assert unknown.status_code == 422 and set(unknown.json["errors"]) == {"requisition_ids"}
    twice = client.post("/purchase-orders/from-requisitions", headers=purchasing.buyer, json={
        "supplier_id": supplier["id"], "requisition_ids": [requisition["id"]] * 2, "unit_prices": {str(item): "1"}})
    assert twice.status_code == 422 and "requisition_ids" in twice.json["errors"]
    still_open = client.get(f"/purchase-requisitions/{requisition['id']}", headers=purchasing.viewer).json
    assert still_open["status"] == "open" and still_open["purchase_order_id"] is None
