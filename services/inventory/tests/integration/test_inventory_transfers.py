"""Transfers through the API: shipped into goods in transit at the moving average (the item's value unchanged),
received short with the loss at its share of the shipped value, the stock at every place and the events;
shipping or receiving twice refused without a change; refusals of bad requests; the in-transit location kept
out of every other document."""
import re
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from erp_shared.errors import PermanentEventError
from inventory.domain import Valuation
from inventory.models import ItemValuation, Reservation, StockBalance, StockMove, Warehouse
from inventory.transit import IN_TRANSIT_ID

SHIPPED, RECEIVED = "inventory.transfer_shipped.v1", "inventory.transfer_received.v1"
LEVEL, RESERVED = "inventory.stock_level_changed.v1", "inventory.stock_reserved.v1"


@pytest.fixture()
def north_to_south(receipts):
    """North holds LOT-A (3 for 10.00, two days ago) and LOT-B (4 for 10.00, yesterday): 7 worth 20.00."""
    item, north, south = receipts.item(), receipts.warehouse(), receipts.warehouse()
    now = datetime.now(timezone.utc)
    receipts.apply(receipts.event(receipts.line(item, north, "3", "3.3333", batch_no="LOT-A", amount="10.00"),
                                  received_at=now - timedelta(days=2)))
    receipts.apply(receipts.event(receipts.line(item, north, "4", "2.50", batch_no="LOT-B"),
                                  received_at=now - timedelta(days=1)))
    return item, north, south


def writer(erp_tokens, username="keeper", request_id=None):
    headers = erp_tokens.headers("warehouse", username=username)
    if request_id:
        headers["X-Request-ID"] = request_id
    return headers


def flow() -> str:
    return f"req-{uuid.uuid4().hex[:12]}"


def create(client, erp_tokens, item, source, destination, quantity="5", batch_no=None):
    response = client.post("/transfers", headers=writer(erp_tokens), json={
        "from_warehouse_id": str(source), "to_warehouse_id": str(destination), "notes": "restock the south",
        "lines": [{"item_id": str(item), "quantity": quantity, "batch_no": batch_no}]})
    assert response.status_code == 201, response.json
    return response.json


def stock(db, item) -> dict:
    with db.unit_of_work() as session:
        return {(row.warehouse_id, row.batch_no): row.on_hand for row in session.execute(
            select(StockBalance).where(StockBalance.item_id == item, StockBalance.on_hand != 0)).scalars()}


def valuation_of(db, item) -> Valuation:
    with db.unit_of_work() as session:
        return session.get(ItemValuation, item).valuation


def moves_of(db, number) -> list[StockMove]:
    with db.unit_of_work() as session:
        return session.execute(select(StockMove).where(StockMove.source_document == number)).scalars().all()


def test_a_transfer_shipped_then_received_short(client, erp_tokens, db, receipts, north_to_south):
    item, north, south = north_to_south
    draft = create(client, erp_tokens, item, north, south)
    assert re.fullmatch(r"TR-\d{4}-\d{6}", draft["number"]) and draft["status"] == "draft"
    assert stock(db, item) == {(north, "LOT-A"): D("3"), (north, "LOT-B"): D("4")}        # a draft moves nothing

    shipping = flow()
    shipped = client.post(f"/transfers/{draft['id']}/ship", headers=writer(erp_tokens, request_id=shipping))
    assert shipped.status_code == 200, shipped.json
    assert shipped.json["status"] == "shipped" and shipped.json["shipped_by_name"] == "keeper"
    # FIFO by first receipt: all of LOT-A for 20.00 × 3/7, then 2 of LOT-B for 11.43 × 2/4
    parts = shipped.json["lines"][0]["shipped"]
    assert [(p["batch_no"], p["quantity"], p["unit_cost"], p["value"]) for p in parts] == [
        ("LOT-A", "3.0000", "2.857143", "8.57"), ("LOT-B", "2.0000", "2.857500", "5.72")]
    assert stock(db, item) == {(north, "LOT-B"): D("2"), (IN_TRANSIT_ID, "LOT-A"): D("3"),
                               (IN_TRANSIT_ID, "LOT-B"): D("2")}
    assert valuation_of(db, item) == Valuation(D("7"), D("20.00"), 6)       # still owned, value unchanged
    in_transit = client.get(f"/stock/availability?item_id={item}&warehouse_id={IN_TRANSIT_ID}",
                            headers=writer(erp_tokens)).json
    assert [(row["on_hand"], row["available"]) for row in in_transit] == [("5.0000", "0.0000")]
    published = receipts.envelopes(shipping)
    assert [e.type for e, _ in published] == [SHIPPED, LEVEL]
    (event, data), (_, level) = published
    assert (event.subject, event.sequence) == (draft["id"], 2)
    line_id = draft["lines"][0]["id"]
    assert (str(data["transfer_id"]), data["transfer_no"], data["from_warehouse_id"], data["to_warehouse_id"]) == (
        draft["id"], draft["number"], north, south)
    assert [(str(l["transfer_line_id"]), l["item_id"], l["batch_no"], l["quantity"], l["unit_cost"], l["value"])
            for l in data["lines"]] == [(line_id, item, "LOT-A", D("3.0000"), D("2.857143"), D("8.57")),
                                        (line_id, item, "LOT-B", D("2.0000"), D("2.857500"), D("5.72"))]
    assert (level["on_hand"], level["stock_value"]) == (D("7.0000"), D("20.00"))

    receiving = flow()
    received = client.post(f"/transfers/{draft['id']}/receive", headers=writer(erp_tokens, request_id=receiving),
                           json={"lines": [{"transfer_line_id": line_id, "quantity_received": "4"}]})
    assert received.status_code == 200, received.json
    body = received.json
    assert (body["status"], body["total_loss"], body["lines"][0]["quantity_received"],
            body["lines"][0]["quantity_lost"]) == ("received", "2.86", "4.0000", "1.0000")
    # LOT-A, picked first, arrived whole; one of LOT-B's two was lost: half of its 5.72
    assert [(p["batch_no"], p["quantity_received"], p["value_received"], p["value_lost"])
            for p in body["lines"][0]["shipped"]] == [("LOT-A", "3.0000", "8.57", "0.00"),
                                                      ("LOT-B", "1.0000", "2.86", "2.86")]
    assert stock(db, item) == {(north, "LOT-B"): D("2"), (south, "LOT-A"): D("3"), (south, "LOT-B"): D("1")}
    assert valuation_of(db, item) == Valuation(D("6"), D("17.14"), 11)
    moves = moves_of(db, draft["number"])
    assert len({(m.move_type, m.source_line_id, m.batch_no) for m in moves}) == len(moves) == 9
    assert sum((m.value for m in moves if m.warehouse_id == IN_TRANSIT_ID), D(0)) == 0       # transit emptied
    assert [(m.batch_no, m.quantity, m.value) for m in moves if m.move_type == "transfer_loss"] == [
        ("LOT-B", D("-1"), D("-2.86"))]
    published = receipts.envelopes(receiving)
    assert [e.type for e, _ in published] == [RECEIVED, LEVEL]
    (event, data), (_, level) = published
    assert (event.subject, event.sequence, data["total_loss"]) == (draft["id"], 3, D("2.86"))
    assert [(l["batch_no"], l["quantity_shipped"], l["quantity_received"], l["quantity_lost"], l["value_received"],
             l["value_lost"]) for l in data["lines"]] == [
        ("LOT-A", D("3.0000"), D("3.0000"), D("0.0000"), D("8.57"), D("0.00")),
        ("LOT-B", D("2.0000"), D("1.0000"), D("1.0000"), D("2.86"), D("2.86"))]
    assert (level["on_hand"], level["stock_value"]) == (D("6.0000"), D("17.14"))

    listed = client.get(f"/transfers?status=received&warehouse_id={south}", headers=writer(erp_tokens))
    assert [(t["number"], t["line_count"], t["to_warehouse_code"][:3]) for t in listed.json] == [
        (draft["number"], 1, "WH-")]
    assert client.get(f"/transfers/{draft['id']}", headers=erp_tokens.headers("viewer")).json == body


def test_a_named_batch_ships_from_that_batch_and_receiving_in_full_loses_nothing(client, erp_tokens, db, receipts,
                                                                                north_to_south):
    item, north, south = north_to_south
    draft = create(client, erp_tokens, item, north, south, quantity="4", batch_no="LOT-B")
    assert client.post(f"/transfers/{draft['id']}/ship", headers=writer(erp_tokens)).status_code == 200
    receiving = flow()
    received = client.post(f"/transfers/{draft['id']}/receive", headers=writer(erp_tokens, request_id=receiving),
                           json={"lines": [{"transfer_line_id": draft["lines"][0]["id"], "quantity_received": "4"}]})
    assert received.json["total_loss"] == "0.00"
    assert stock(db, item) == {(north, "LOT-A"): D("3"), (south, "LOT-B"): D("4")}
    assert valuation_of(db, item).stock_value == D("20.00")
    [(_, data), _] = receipts.envelopes(receiving)
    assert data["total_loss"] == D("0.00")


def test_shipping_or_receiving_twice_is_refused_and_changes_nothing(client, erp_tokens, db, north_to_south):
    item, north, south = north_to_south
    draft = create(client, erp_tokens, item, north, south, quantity="2")
    url = f"/transfers/{draft['id']}"
    assert client.post(f"{url}/ship", headers=writer(erp_tokens)).status_code == 200
    before = (stock(db, item), len(moves_of(db, draft["number"])))
    again = client.post(f"{url}/ship", headers=writer(erp_tokens))
    assert again.status_code == 409 and again.content_type == "application/problem+json"
    assert "is shipped: it cannot be shipped now" in again.json["detail"]
    assert client.post(f"{url}/cancel", headers=writer(erp_tokens)).status_code == 409
    assert (stock(db, item), len(moves_of(db, draft["number"]))) == before
    body = {"lines": [{"transfer_line_id": draft["lines"][0]["id"], "quantity_received": "2"}]}
    assert client.post(f"{url}/receive", headers=writer(erp_tokens), json=body).status_code == 200
    after = (stock(db, item), len(moves_of(db, draft["number"])))
    assert client.post(f"{url}/receive", headers=writer(erp_tokens), json=body).status_code == 409
    assert (stock(db, item), len(moves_of(db, draft["number"]))) == after


def test_only_a_draft_is_cancelled_and_a_cancelled_transfer_never_ships(client, erp_tokens, north_to_south):
    item, north, south = north_to_south
    draft = create(client, erp_tokens, item, north, south, quantity="1")
    url = f"/transfers/{draft['id']}"
    body = {"lines": [{"transfer_line_id": draft["lines"][0]["id"], "quantity_received": "1"}]}
    assert client.post(f"{url}/receive", headers=writer(erp_tokens), json=body).status_code == 409   # not shipped
    cancelled = client.post(f"{url}/cancel", headers=writer(erp_tokens))
    assert (cancelled.status_code, cancelled.json["status"]) == (200, "cancelled")
    assert client.post(f"{url}/ship", headers=writer(erp_tokens)).status_code == 409


def test_the_list_sorts_by_one_or_two_whitelisted_keys(client, erp_tokens, north_to_south):
    item, north, south = north_to_south
    made = [create(client, erp_tokens, item, north, south, quantity="1")["number"] for _ in range(3)]
    shipped = create(client, erp_tokens, item, north, south, quantity="1")
    assert client.post(f"/transfers/{shipped['id']}/ship", headers=writer(erp_tokens)).status_code == 200

    def listed(sort):
        response = client.get(f"/transfers?from_warehouse_id={north}&sort={sort}", headers=writer(erp_tokens))
        assert response.status_code == 200, response.json
        return [transfer["number"] for transfer in response.json]

    assert listed("number") == [*made, shipped["number"]]
    assert listed("-number") == [shipped["number"], *reversed(made)]
    assert listed("-status,number") == [shipped["number"], *made]
    assert listed("shipped_at,-number") == [shipped["number"], *reversed(made)]
    bad = client.get("/transfers?sort=-total_loss", headers=writer(erp_tokens))
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"sort"}


def test_refused_requests_name_the_field_and_store_nothing(client, erp_tokens, db, north_to_south):
    item, north, south = north_to_south

    def post(**changes):
        body = {"from_warehouse_id": str(north), "to_warehouse_id": str(south),
                "lines": [{"item_id": str(item), "quantity": "1"}]}
        body.update(changes)
        return client.post("/transfers", headers=writer(erp_tokens), json=body)

    with db.unit_of_work() as session:
        before = session.execute(select(func.count()).select_from(Warehouse)).scalar_one()
    for quantity in ("-1", "0", "1.00001"):
        refused = post(lines=[{"item_id": str(item), "quantity": quantity}])
        assert refused.status_code == 422 and "lines" in refused.json["errors"], refused.json
    cases = [(dict(from_warehouse_id=str(uuid.uuid4())), "from_warehouse_id", "does not exist"),
             (dict(to_warehouse_id=str(north)), "to_warehouse_id", "two different warehouses"),
             (dict(to_warehouse_id=str(IN_TRANSIT_ID)), "to_warehouse_id", "IN-TRANSIT"),
             (dict(from_warehouse_id=str(IN_TRANSIT_ID)), "from_warehouse_id", "IN-TRANSIT"),
             (dict(lines=[{"item_id": str(uuid.uuid4()), "quantity": "1"}]), "lines[0].item_id", "does not exist")]
    for changes, field, message in cases:
        refused = post(**changes)
        assert refused.status_code == 422 and list(refused.json["errors"]) == [field], (changes, refused.json)
        assert message in refused.json["detail"]
    listed = client.get(f"/transfers?from_warehouse_id={north}", headers=writer(erp_tokens))
    assert listed.json == []
    with db.unit_of_work() as session:
        assert session.execute(select(func.count()).select_from(Warehouse)).scalar_one() == before


def test_no_more_ships_than_is_on_hand_and_not_reserved_for_sales_orders(client, erp_tokens, db, receipts, sales,
                                                                         north_to_south):
    item, north, south = north_to_south
    receipts.apply(sales.confirmed(sales.line(item, north, "3")))       # 4 of the 7 are left to ship
    too_much = create(client, erp_tokens, item, north, south, quantity="4.0001")
    refused = client.post(f"/transfers/{too_much['id']}/ship", headers=writer(erp_tokens))
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["lines[0].quantity"]
    assert "only 4.0000 is on hand and not reserved" in refused.json["detail"]
    assert client.get(f"/transfers/{too_much['id']}", headers=writer(erp_tokens)).json["status"] == "draft"
    assert stock(db, item) == {(north, "LOT-A"): D("3"), (north, "LOT-B"): D("4")}
    wrong_batch = create(client, erp_tokens, item, north, south, quantity="3.5", batch_no="LOT-A")
    assert client.post(f"/transfers/{wrong_batch['id']}/ship", headers=writer(erp_tokens)).status_code == 422
    exactly = create(client, erp_tokens, item, north, south, quantity="4")
    assert client.post(f"/transfers/{exactly['id']}/ship", headers=writer(erp_tokens)).status_code == 200


def test_receiving_more_than_shipped_or_leaving_a_line_out_is_refused(client, erp_tokens, db, north_to_south):
    item, north, south = north_to_south
    draft = create(client, erp_tokens, item, north, south, quantity="2")
    url = f"/transfers/{draft['id']}"
    client.post(f"{url}/ship", headers=writer(erp_tokens))
    line_id = draft["lines"][0]["id"]
    cases = [([{"transfer_line_id": line_id, "quantity_received": "2.0001"}], "lines[0].quantity_received"),
             ([{"transfer_line_id": str(uuid.uuid4()), "quantity_received": "1"}], "lines[0].transfer_line_id")]
    for lines, field in cases:
        refused = client.post(f"{url}/receive", headers=writer(erp_tokens), json={"lines": lines})
        assert refused.status_code == 422 and list(refused.json["errors"]) == [field], refused.json
    negative = client.post(f"{url}/receive", headers=writer(erp_tokens),
                           json={"lines": [{"transfer_line_id": line_id, "quantity_received": "-1"}]})
    assert negative.status_code == 422 and "lines" in negative.json["errors"]
    assert client.get(url, headers=writer(erp_tokens)).json["status"] == "shipped"
    assert stock(db, item)[(IN_TRANSIT_ID, "LOT-A")] == D("2")


def test_what_arrives_fills_the_backorders_waiting_at_the_destination(client, erp_tokens, db, receipts, sales,
                                                                      north_to_south):
    item, north, south = north_to_south
    order = sales.confirmed(sales.line(item, south, "2"))
    receipts.apply(order)                                              # nothing at the south yet: backordered
    draft = create(client, erp_tokens, item, north, south, quantity="3")
    client.post(f"/transfers/{draft['id']}/ship", headers=writer(erp_tokens))
    receiving = flow()
    client.post(f"/transfers/{draft['id']}/receive", headers=writer(erp_tokens, request_id=receiving),
                json={"lines": [{"transfer_line_id": draft["lines"][0]["id"], "quantity_received": "3"}]})
    [(_, state)] = receipts.envelopes(receiving, RESERVED)
    assert (str(state["order_id"]), state["status"]) == (order.data["order_id"], "reserved")
    with db.unit_of_work() as session:
        [line] = session.execute(select(Reservation).where(Reservation.order_id == order.data["order_id"])).scalars()
        assert (line.quantity_reserved, line.quantity_backordered) == (D("2"), D("0"))


def test_the_in_transit_location_is_inventorys_own(client, erp_tokens, db, receipts, sales):
    with db.unit_of_work() as session:
        transit = session.get(Warehouse, IN_TRANSIT_ID)
        assert (transit.code, transit.name, transit.active) == ("IN-TRANSIT", "Goods in transit", False)
    renamed = client.patch(f"/warehouses/{IN_TRANSIT_ID}", headers=writer(erp_tokens), json={"name": "Lorry"})
    assert renamed.status_code == 409
    assert client.post(f"/warehouses/{IN_TRANSIT_ID}/deactivate", headers=writer(erp_tokens)).status_code == 409
    item = receipts.item()
    with pytest.raises(PermanentEventError, match="IN-TRANSIT"):
        receipts.apply(receipts.event(receipts.line(item, IN_TRANSIT_ID, "1", "1.00")))
    with pytest.raises(PermanentEventError, match="IN-TRANSIT"):
        receipts.apply(sales.confirmed(sales.line(item, IN_TRANSIT_ID, "1")))
    with db.unit_of_work() as session:
        assert session.execute(select(func.count()).select_from(StockMove)
                               .where(StockMove.item_id == item)).scalar_one() == 0


def test_a_create_with_an_idempotency_key_is_answered_not_repeated(client, erp_tokens, north_to_south):
    item, north, south = north_to_south
    headers = {**writer(erp_tokens), "Idempotency-Key": f"tr-{uuid.uuid4()}"}
    body = {"from_warehouse_id": str(north), "to_warehouse_id": str(south),
            "lines": [{"item_id": str(item), "quantity": "1"}]}
    first = client.post("/transfers", headers=headers, json=body)
    again = client.post("/transfers", headers=headers, json=body)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json["number"] == first.json["number"] and again.headers["Idempotent-Replayed"] == "true"
