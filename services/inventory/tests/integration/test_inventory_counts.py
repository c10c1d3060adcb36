"""Cycle counts through the API: a blind sheet (the counting view never shows the book), a gain on one item
and a loss on another posted by someone who did not count, with the stock, the ledger and the events; what
moved between the snapshot and the posting stays booked; a loss the stock can no longer cover; reservations
a loss leaves uncovered; ABC and due scopes; the refusals."""
import re
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import select, update

from inventory.domain import Valuation
from inventory.models import CycleCount, ItemValuation, Reservation, StockBalance, StockMove
from inventory.transit import IN_TRANSIT_ID

POSTED, LEVEL, RESERVED = ("inventory.count_posted.v1", "inventory.stock_level_changed.v1",
                           "inventory.stock_reserved.v1")
BOOK_FIELDS = {"book_quantity", "variance", "unit_cost", "value"}


def as_user(erp_tokens, username, request_id=None):
    headers = erp_tokens.headers("warehouse", username=username)
    if request_id:
        headers["X-Request-ID"] = request_id
    return headers


def flow() -> str:
    return f"req-{uuid.uuid4().hex[:12]}"


def open_sheet(client, erp_tokens, warehouse, scope="all", classes=None, username="alice"):
    body = {"warehouse_id": str(warehouse), "scope": scope}
    if classes is not None:
        body["classes"] = classes
    response = client.post("/cycle-counts", headers=as_user(erp_tokens, username), json=body)
    assert response.status_code == 201, response.json
    return response.json


def count(client, erp_tokens, sheet, counted: dict, username="alice", costs=None):
    lines = [{"line_id": line["id"], "counted_quantity": counted[line["item_id"]],
              **({"unit_cost": costs[line["item_id"]]} if costs and line["item_id"] in costs else {})}
             for line in sheet["lines"] if line["item_id"] in counted]
    return client.put(f"/cycle-counts/{sheet['id']}/counts", headers=as_user(erp_tokens, username),
                      json={"lines": lines})


def submit_and_post(client, erp_tokens, sheet, request_id=None):
    assert client.post(f"/cycle-counts/{sheet['id']}/submit", headers=as_user(erp_tokens, "alice")).status_code == 200
    return client.post(f"/cycle-counts/{sheet['id']}/post", headers=as_user(erp_tokens, "bob", request_id))


def valuation_of(db, item) -> Valuation:
    with db.unit_of_work() as session:
        return session.get(ItemValuation, item).valuation


def on_hand(db, item, warehouse) -> D:
    with db.unit_of_work() as session:
        return sum(session.execute(select(StockBalance.on_hand).where(
            StockBalance.item_id == item, StockBalance.warehouse_id == warehouse)).scalars(), D(0))


@pytest.fixture()
def shelf(receipts):
    """Bolts: 10 of LOT-X at 2.00; nuts: 3 without a batch for 10.00."""
    store, bolts, nuts = receipts.warehouse(), receipts.item(name="Bolts"), receipts.item(name="Nuts")
    receipts.apply(receipts.event(receipts.line(bolts, store, "10", "2.00", batch_no="LOT-X"),
                                  receipts.line(nuts, store, "3", "3.3333", amount="10.00")))
    return store, str(bolts), str(nuts)


def test_a_blind_count_with_a_gain_and_a_loss_posted(client, erp_tokens, db, receipts, shelf):
    store, bolts, nuts = shelf
    sheet = open_sheet(client, erp_tokens, store)
    assert re.fullmatch(r"CC-\d{4}-\d{6}", sheet["number"]) and sheet["status"] == "counting"
    assert [(line["item_id"], line["batch_no"], line["abc_class"]) for line in
            sorted(sheet["lines"], key=lambda l: l["item_id"] != bolts)] == [(bolts, "LOT-X", "C"), (nuts, None, "C")]
    assert all(not BOOK_FIELDS & set(line) for line in sheet["lines"])          # blind from the start
    counted = count(client, erp_tokens, sheet, {bolts: "11", nuts: "9"})
    assert counted.status_code == 200 and all(not BOOK_FIELDS & set(line) for line in counted.json["lines"])
    counted = count(client, erp_tokens, sheet, {bolts: "12", nuts: "2"})         # counted again: the last count
    seen = client.get(f"/cycle-counts/{sheet['id']}", headers=erp_tokens.headers("viewer")).json
    assert all(not BOOK_FIELDS & set(line) for line in seen["lines"])
    assert {line["item_id"]: (line["counted_quantity"], line["counted_by_name"]) for line in seen["lines"]} == {
        bolts: ("12.0000", "alice"), nuts: ("2.0000", "alice")}
    listed = client.get(f"/cycle-counts?warehouse_id={store}", headers=erp_tokens.headers("viewer")).json
    assert [(c["number"], c["line_count"], c["counted_count"]) for c in listed] == [(sheet["number"], 2, 2)]

    submitted = client.post(f"/cycle-counts/{sheet['id']}/submit", headers=as_user(erp_tokens, "alice"))
    assert submitted.status_code == 200
    assert {line["item_id"]: (line["book_quantity"], line["variance"], line["unit_cost"], line["value"])
            for line in submitted.json["lines"]} == {bolts: ("10.0000", "2.0000", "2.000000", "4.00"),
                                                     nuts: ("3.0000", "-1.0000", "3.333333", "-3.33")}

    by_counter = client.post(f"/cycle-counts/{sheet['id']}/post", headers=as_user(erp_tokens, "alice"))
    assert by_counter.status_code == 422 and by_counter.json["title"] == "Segregation of duties"
    posting = flow()
    posted = client.post(f"/cycle-counts/{sheet['id']}/post", headers=as_user(erp_tokens, "bob", posting))
    assert posted.status_code == 200, posted.json
    assert (posted.json["status"], posted.json["posted_by_name"], posted.json["total_gain"],
            posted.json["total_loss"]) == ("posted", "bob", "4.00", "3.33")
    assert valuation_of(db, uuid.UUID(bolts)) == Valuation(D("12"), D("24.00"), 2)
    assert valuation_of(db, uuid.UUID(nuts)) == Valuation(D("2"), D("6.67"), 2)
    with db.unit_of_work() as session:
        moves = session.execute(select(StockMove).where(StockMove.source_document == sheet["number"])).scalars().all()
    assert {(str(m.item_id), m.batch_no, m.quantity, m.value, m.move_type) for m in moves} == {
        (bolts, "LOT-X", D("2"), D("4.00"), "count_adjustment"), (nuts, None, D("-1"), D("-3.33"), "count_adjustment")}

    published = receipts.envelopes(posting)
    assert [e.type for e, _ in published] == [POSTED, LEVEL, LEVEL]
    (event, data) = published[0]
    assert (event.subject, data["count_no"], data["warehouse_id"], data["total_gain"], data["total_loss"]) == (
        sheet["id"], sheet["number"], store, D("4.00"), D("3.33"))
    assert data["snapshot_at"].isoformat() == posted.json["snapshot_at"].replace("Z", "+00:00")
    assert {(l["item_id"], l["batch_no"], l["book_quantity"], l["counted_quantity"], l["variance"], l["unit_cost"],
             l["value"]) for l in data["lines"]} == {
        (uuid.UUID(bolts), "LOT-X", D("10.0000"), D("12.0000"), D("2.0000"), D("2.000000"), D("4.00")),
        (uuid.UUID(nuts), None, D("3.0000"), D("2.0000"), D("-1.0000"), D("3.333333"), D("-3.33"))}

    twice = client.post(f"/cycle-counts/{sheet['id']}/post", headers=as_user(erp_tokens, "bob"))
    assert twice.status_code == 409
    assert valuation_of(db, uuid.UUID(bolts)).on_hand == D("12")
    assert count(client, erp_tokens, sheet, {bolts: "1"}).status_code == 409


def test_movements_between_the_snapshot_and_the_posting_stay_booked(client, erp_tokens, db, receipts, sales, shelf):
    store, bolts, nuts = shelf
    sheet = open_sheet(client, erp_tokens, store)             # book: 10 bolts
    order_line = sales.line(uuid.UUID(bolts), store, "3")
    order = sales.confirmed(order_line)
    receipts.apply(order)
    receipts.apply(sales.delivered(order, sales.delivery_line(order_line, "3")))      # after the snapshot: 7
    receipts.apply(receipts.event(receipts.line(uuid.UUID(bolts), store, "5", "2.00", batch_no="LOT-X")))   # 12
    count(client, erp_tokens, sheet, {bolts: "8", nuts: "3"})       # at the snapshot 2 were missing
    posted = submit_and_post(client, erp_tokens, sheet)
    assert posted.status_code == 200
    assert on_hand(db, uuid.UUID(bolts), store) == D("10")          # 12 − 2, the delivery and receipt stay booked
    assert valuation_of(db, uuid.UUID(bolts)) == Valuation(D("10"), D("20.00"), 4)
    assert posted.json["total_loss"] == "4.00" and posted.json["total_gain"] == "0.00"


def test_a_loss_larger_than_what_is_on_hand_now_is_refused_whole(client, erp_tokens, db, receipts, sales, shelf):
    store, bolts, nuts = shelf
    sheet = open_sheet(client, erp_tokens, store)
    order_line = sales.line(uuid.UUID(bolts), store, "3")
    order = sales.confirmed(order_line)
    receipts.apply(order)
    receipts.apply(sales.delivered(order, sales.delivery_line(order_line, "3")))      # 7 left
    count(client, erp_tokens, sheet, {bolts: "0", nuts: "4"})      # all 10 bolts lost at the snapshot
    refused = submit_and_post(client, erp_tokens, sheet)
    assert refused.status_code == 409
    bolts_line = next(i for i, line in enumerate(sheet["lines"]) if line["item_id"] == bolts)
    assert list(refused.json["errors"]) == [f"lines[{bolts_line}].counted_quantity"]
    assert (on_hand(db, uuid.UUID(bolts), store), on_hand(db, uuid.UUID(nuts), store)) == (D("7"), D("3"))
    assert client.get(f"/cycle-counts/{sheet['id']}", headers=as_user(erp_tokens, "bob")).json["status"] == "submitted"


def test_a_loss_sends_the_newest_reservations_back_to_the_backorder(client, erp_tokens, db, receipts, sales, shelf):
    store, bolts, nuts = shelf
    older, newer = sales.line(uuid.UUID(bolts), store, "4"), sales.line(uuid.UUID(bolts), store, "4")
    receipts.apply(sales.confirmed(older, order_date=date(2026, 3, 1)))
    newest = sales.confirmed(newer, order_date=date(2026, 3, 2))
    receipts.apply(newest)
    sheet = open_sheet(client, erp_tokens, store)
    count(client, erp_tokens, sheet, {bolts: "5", nuts: "3"})      # 5 of 10: 8 reserved, 3 short
    posting = flow()
    assert submit_and_post(client, erp_tokens, sheet, posting).status_code == 200
    with db.unit_of_work() as session:
        rows = {row.order_line_id: (row.quantity_reserved, row.quantity_backordered) for row in session.execute(
            select(Reservation).where(Reservation.item_id == uuid.UUID(bolts))).scalars()}
    assert rows == {older["order_line_id"]: (D("4"), D("0")), newer["order_line_id"]: (D("1"), D("3"))}
    [(_, state)] = receipts.envelopes(posting, RESERVED)
    assert (str(state["order_id"]), state["status"]) == (newest.data["order_id"], "partially_reserved")


def test_a_gain_of_an_item_without_cost_needs_a_unit_cost_entered_with_the_count(client, erp_tokens, db, receipts,
                                                                                sales, shelf):
    store, bolts, nuts = shelf
    order_line = sales.line(uuid.UUID(nuts), store, "3")
    order = sales.confirmed(order_line)
    receipts.apply(order)
    receipts.apply(sales.delivered(order, sales.delivery_line(order_line, "3")))      # no nuts left: no cost
    sheet = open_sheet(client, erp_tokens, store)
    count(client, erp_tokens, sheet, {bolts: "10", nuts: "2"})
    refused = client.post(f"/cycle-counts/{sheet['id']}/submit", headers=as_user(erp_tokens, "alice"))
    nuts_line = next(i for i, line in enumerate(sheet["lines"]) if line["item_id"] == nuts)
    assert refused.status_code == 422 and list(refused.json["errors"]) == [f"lines[{nuts_line}].unit_cost"]
    count(client, erp_tokens, sheet, {nuts: "2"}, costs={nuts: "1.255"})
    posted = submit_and_post(client, erp_tokens, sheet)
    assert posted.status_code == 200
    assert posted.json["total_gain"] == "2.51"
    assert valuation_of(db, uuid.UUID(nuts)) == Valuation(D("2"), D("2.51"), 3)


@pytest.fixture()
def consumers(receipts, sales):
    """Three items kept at one store, each with far more consumption value over the last year than anything
    else the tests book, so their classes do not depend on the other tests: A (1,000,000), B (180,000),
    C (20,000); one unit of each is left."""
    store = receipts.warehouse()
    items = {}
    for abc_class, price in (("A", "100000.00"), ("B", "18000.00"), ("C", "2000.00")):
        item = receipts.item()
        receipts.apply(receipts.event(receipts.line(item, store, "11", price)))
        order_line = sales.line(item, store, "10")
        order = sales.confirmed(order_line)
        receipts.apply(order)
        receipts.apply(sales.delivered(order, sales.delivery_line(order_line, "10")))
        items[abc_class] = str(item)
    return store, items


def test_abc_and_due_scopes_pick_their_items(client, erp_tokens, db, consumers):
    store, items = consumers
    ab = open_sheet(client, erp_tokens, store, "abc", ["A", "B"])
    assert {line["item_id"]: line["abc_class"] for line in ab["lines"]} == {items["A"]: "A", items["B"]: "B"}
    everything = open_sheet(client, erp_tokens, store, "all")
    assert {line["item_id"]: line["abc_class"] for line in everything["lines"]} == {
        items["A"]: "A", items["B"]: "B", items["C"]: "C"}
    assert {line["item_id"] for line in open_sheet(client, erp_tokens, store, "due")["lines"]} == set(items.values())

    count(client, erp_tokens, ab, {items["A"]: "1", items["B"]: "1"})
    assert submit_and_post(client, erp_tokens, ab).status_code == 200
    assert {line["item_id"] for line in open_sheet(client, erp_tokens, store, "due")["lines"]} == {items["C"]}
    with db.unit_of_work() as session:                              # A was last counted 40 days ago: due again
        session.execute(update(CycleCount).where(CycleCount.id == uuid.UUID(ab["id"]))
                        .values(posted_at=datetime.now(timezone.utc) - timedelta(days=40)))
    assert {line["item_id"] for line in open_sheet(client, erp_tokens, store, "due")["lines"]} == {
        items["A"], items["C"]}
    try:
        changed = client.put("/settings/count-frequencies", headers=as_user(erp_tokens, "alice"),
                             json={"A": 60, "B": 90, "C": 180})
        assert changed.status_code == 200 and changed.json["A"] == 60
        assert {line["item_id"] for line in open_sheet(client, erp_tokens, store, "due")["lines"]} == {items["C"]}
    finally:
        client.put("/settings/count-frequencies", headers=as_user(erp_tokens, "alice"),
                   json={"A": 30, "B": 90, "C": 180})
    assert client.get("/settings/count-frequencies", headers=erp_tokens.headers("viewer")).json["A"] == 30
    assert client.put("/settings/count-frequencies", headers=erp_tokens.headers("viewer"),
                      json={"A": 1, "B": 1, "C": 1}).status_code == 403
    for bad in ({"A": 0, "B": 90, "C": 180}, {"A": 30, "B": 90}, {"A": "x", "B": 90, "C": 180}):
        assert client.put("/settings/count-frequencies", headers=as_user(erp_tokens, "alice"),
                          json=bad).status_code == 422


def test_refusals_name_the_field_and_change_nothing(client, erp_tokens, db, shelf):
    store, bolts, nuts = shelf

    def create(body):
        return client.post("/cycle-counts", headers=as_user(erp_tokens, "alice"), json=body)

    for body, field in (({"warehouse_id": str(uuid.uuid4()), "scope": "all"}, "warehouse_id"),
                        ({"warehouse_id": str(IN_TRANSIT_ID), "scope": "all"}, "warehouse_id"),
                        ({"warehouse_id": str(store), "scope": "abc"}, "classes"),
                        ({"warehouse_id": str(store), "scope": "all", "classes": ["A"]}, "classes")):
        refused = create(body)
        assert refused.status_code == 422 and list(refused.json["errors"]) == [field], refused.json
    assert create({"warehouse_id": str(store), "scope": "abc", "classes": ["D"]}).status_code == 422
    empty = client.post("/warehouses", headers=as_user(erp_tokens, "alice"),
                        json={"code": f"WH-{uuid.uuid4().hex[:8]}", "name": "Empty"}).json
    nothing = create({"warehouse_id": empty["id"], "scope": "all"})
    assert nothing.status_code == 422 and list(nothing.json["errors"]) == ["scope"]

    sheet = open_sheet(client, erp_tokens, store)
    negative = client.put(f"/cycle-counts/{sheet['id']}/counts", headers=as_user(erp_tokens, "alice"),
                          json={"lines": [{"line_id": sheet["lines"][0]["id"], "counted_quantity": "-1"}]})
    assert negative.status_code == 422 and "lines" in negative.json["errors"]
    unknown = client.put(f"/cycle-counts/{sheet['id']}/counts", headers=as_user(erp_tokens, "alice"),
                         json={"lines": [{"line_id": str(uuid.uuid4()), "counted_quantity": "1"}]})
    assert unknown.status_code == 422 and list(unknown.json["errors"]) == ["lines[0].line_id"]
    assert client.post(f"/cycle-counts/{sheet['id']}/post", headers=as_user(erp_tokens, "bob")).status_code == 409
    count(client, erp_tokens, sheet, {bolts: "10"})
    half = client.post(f"/cycle-counts/{sheet['id']}/submit", headers=as_user(erp_tokens, "alice"))
    assert half.status_code == 422 and len(half.json["errors"]) == 1
    read = client.get(f"/cycle-counts/{sheet['id']}", headers=as_user(erp_tokens, "alice")).json
    assert read["status"] == "counting" and all(not BOOK_FIELDS & set(line) for line in read["lines"])
    assert client.get(f"/cycle-counts/{uuid.uuid4()}", headers=as_user(erp_tokens, "alice")).status_code == 404
