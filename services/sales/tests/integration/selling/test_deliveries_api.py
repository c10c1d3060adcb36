"""Delivery notes through the API: booking against the reservation, the goods_delivered contract, refusals,
reads, the printable note, and the cost inventory reports back."""
import json
import threading
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from erp_shared.errors import PermanentEventError
from erp_shared.events import catalog

YEAR = datetime.now(timezone.utc).year
DELIVERED = "sales.goods_delivered.v1"


def line_of(order, index, quantity):
    return {"order_line_id": order["lines"][index]["id"], "quantity": quantity}


def test_a_delivery_takes_reserved_goods_and_publishes_goods_delivered(selling):
    order = selling.reserved(selling.line(quantity="10"), selling.line(quantity="2"))
    response = selling.deliver(order, line_of(order, 0, "4"), line_of(order, 1, "2"), notes="gate 3")
    assert response.status_code == 201, response.json
    note = response.json
    assert note["number"].startswith(f"DN-{YEAR}-") and note["order_number"] == order["number"]
    assert note["delivered_by"] == "clerk-cy" and note["notes"] == "gate 3" and note["total_cost"] is None
    assert note["customer_address"] == "1 Cypress Creek\nSpringfield"
    assert [(l["line_no"], l["quantity"], l["item_code"], l["unit_cost"]) for l in note["lines"]] == [
        (1, "4.0000", order["lines"][0]["item_code"], None), (2, "2.0000", order["lines"][1]["item_code"], None)]

    after = selling.order(order)
    assert after["status"] == "partially_delivered" and after["version"] == order["version"] + 1
    assert [(l["quantity_delivered"], l["quantity_deliverable"]) for l in after["lines"]] == [
        ("4.0000", "6.0000"), ("2.0000", "0.0000")]

    [event] = selling.events(order["id"], DELIVERED)
    assert event.subject == order["id"] and event.sequence == after["version"] and event.source == "sales"
    data = catalog.load(event.type, event.data)        # the contract inventory consumes
    assert str(data["delivery_id"]) == note["id"] and data["delivery_no"] == note["number"]
    assert data["order_no"] == order["number"] and str(data["customer_id"]) == order["customer_id"]
    assert [(str(l["delivery_line_id"]), str(l["order_line_id"]), str(l["item_id"]), str(l["warehouse_id"]),
             l["quantity"]) for l in data["lines"]] == [
        (n["id"], n["order_line_id"], n["item_id"], n["warehouse_id"], Decimal(n["quantity"])) for n in note["lines"]]


def test_the_last_delivery_makes_the_order_delivered(selling):
    order = selling.reserved(selling.line(quantity="5"))
    assert selling.deliver(order, line_of(order, 0, "2")).status_code == 201
    assert selling.deliver(order, line_of(order, 0, "3"), headers=selling.seller).status_code == 201
    after = selling.order(order)
    assert after["status"] == "delivered" and after["lines"][0]["quantity_deliverable"] == "0.0000"
    assert [e.sequence for e in selling.events(order["id"], DELIVERED)] == [order["version"] + 1, after["version"]]
    assert after["version"] == order["version"] + 2
    more = selling.deliver(order, line_of(order, 0, "1"))
    assert more.status_code == 409 and more.content_type == "application/problem+json"
    assert selling.act(order, "cancel", reason="too late", expect=409)["status"] == 409


def test_no_more_than_reserved_and_not_yet_delivered(selling):
    order = selling.confirmed(selling.line(quantity="10"), selling.line(quantity="5"))
    selling.reply(order, "partially_reserved", [(6, 4), (5, 0)], 1)
    order = selling.order(order)
    refused = selling.deliver(order, line_of(order, 0, "7"), line_of(order, 1, "5"))
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["lines[0].quantity"]
    assert "6 reserved and not yet delivered" in refused.json["detail"]
    assert selling.deliver(order, line_of(order, 0, "5")).status_code == 201
    again = selling.deliver(order, line_of(order, 0, "1.0001"))
    assert again.status_code == 422 and list(again.json["errors"]) == ["lines[0].quantity"]
    # inventory issued the first 5 out of the reservation: 1 reserved + 5 issued − 5 delivered = 1 left
    selling.reply(order, "partially_reserved", [(1, 4, 5), (5, 0)], 2)
    assert selling.order(order)["lines"][0]["quantity_deliverable"] == "1.0000"
    assert selling.deliver(order, line_of(order, 0, "1"), line_of(order, 1, "5")).status_code == 201
    selling.reply(order, "reserved", [(4, 0, 6), (0, 0, 5)], 3)          # the backorder was filled
    assert selling.deliver(order, line_of(order, 0, "4")).status_code == 201
    assert selling.order(order)["status"] == "delivered"


@pytest.mark.parametrize("status", ["draft", "confirmed", "backordered", "cancelled"])
def test_only_reserved_goods_can_leave(selling, status):
    order = selling.draft() if status == "draft" else selling.confirmed()
    if status == "backordered":
        selling.reply(order, "backordered", [(0, 10)], 1)
    if status == "cancelled":
        selling.act(order, "cancel", reason="gone")
    refused = selling.deliver(order, line_of(order, 0, "1"))
    assert refused.status_code == 409 and "status" in refused.json["errors"]


def test_lines_must_be_the_orders_and_named_once(selling):
    order = selling.reserved(selling.line(quantity="10"))
    foreign = selling.deliver(order, {"order_line_id": str(uuid.uuid4()), "quantity": "1"})
    assert foreign.status_code == 422 and list(foreign.json["errors"]) == ["lines[0].order_line_id"]
    twice = selling.deliver(order, line_of(order, 0, "1"), line_of(order, 0, "1"))
    assert twice.status_code == 422 and list(twice.json["errors"]) == ["lines[1].order_line_id"]
    shapes = selling.deliver(order, line_of(order, 0, "0"))
    assert shapes.status_code == 422 and "lines" in shapes.json["errors"]
    empty = selling.deliver(order)
    assert empty.status_code == 422 and "lines" in empty.json["errors"]
    assert selling.order(order)["lines"][0]["quantity_delivered"] == "0.0000"


def test_goods_cannot_be_delivered_in_the_future(selling):
    order = selling.reserved(selling.line(quantity="10"))
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    refused = selling.deliver(order, line_of(order, 0, "1"), delivered_at=later)
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["delivered_at"]
    earlier = datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)
    note = selling.deliver(order, line_of(order, 0, "1"), delivered_at=earlier.isoformat()).json
    assert datetime.fromisoformat(note["delivered_at"]) == earlier


def test_roles_unknown_orders_and_idempotent_retries(selling):
    order = selling.reserved(selling.line(quantity="10"))
    body = {"lines": [line_of(order, 0, "1")]}
    url = f"/sales-orders/{order['id']}/deliveries"
    assert selling.client.post(url, json=body).status_code == 401
    assert selling.client.post(url, json=body, headers=selling.accountant).status_code == 403
    assert selling.client.post(f"/sales-orders/{uuid.uuid4()}/deliveries", json=body,
                               headers=selling.clerk).status_code == 404
    headers = {**selling.clerk, "Idempotency-Key": f"dn-{uuid.uuid4()}"}
    first = selling.client.post(url, json=body, headers=headers)
    retry = selling.client.post(url, json=body, headers=headers)
    assert first.status_code == retry.status_code == 201 and retry.json == first.json
    assert selling.order(order)["lines"][0]["quantity_delivered"] == "1.0000"
    assert len(selling.events(order["id"], DELIVERED)) == 1


def test_concurrent_clerks_never_deliver_more_than_reserved(selling, app):
    order = selling.reserved(selling.line(quantity="5"))
    answers = []

    def deliver():
        with app.test_client() as client:
            answers.append(client.post(f"/sales-orders/{order['id']}/deliveries",
                                       json={"lines": [line_of(order, 0, "2")]}, headers=selling.clerk).status_code)

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [201, 201, 422, 422]
    assert selling.order(order)["lines"][0]["quantity_delivered"] == "4.0000"


def test_notes_are_read_by_order_and_by_id_and_print_as_pdf(selling):
    order = selling.reserved(selling.line(quantity="10"))
    first = selling.deliver(order, line_of(order, 0, "3")).json
    second = selling.deliver(order, line_of(order, 0, "2")).json
    listed = selling.client.get(f"/sales-orders/{order['id']}/deliveries", headers=selling.viewer)
    assert listed.status_code == 200 and [n["number"] for n in listed.json] == [first["number"], second["number"]]
    assert selling.client.get(f"/deliveries/{first['id']}", headers=selling.viewer).json == first
    pdf = selling.client.get(f"/deliveries/{first['id']}/pdf", headers=selling.viewer)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert f'filename="{first["number"]}.pdf"' in pdf.headers["Content-Disposition"]
    assert selling.client.get(f"/deliveries/{uuid.uuid4()}", headers=selling.viewer).status_code == 404
    assert selling.client.get(f"/deliveries/{uuid.uuid4()}/pdf", headers=selling.viewer).status_code == 404
    assert selling.client.get(f"/sales-orders/{uuid.uuid4()}/deliveries", headers=selling.viewer).status_code == 404
    assert selling.client.get(f"/deliveries/{first['id']}/pdf").status_code == 401


def test_all_notes_are_listed_newest_first_filtered_and_sorted(selling):
    order = selling.reserved(selling.line(quantity="10"))
    first = selling.deliver(order, line_of(order, 0, "3")).json
    second = selling.deliver(order, line_of(order, 0, "2")).json
    mine = {"customer_id": order["customer_id"]}
    listed = selling.client.get("/deliveries", query_string=mine, headers=selling.viewer)
    assert listed.status_code == 200 and [n["number"] for n in listed.json] == [second["number"], first["number"]]
    assert listed.json[0] == second and json.loads(listed.headers["X-Pagination"])["total"] == 2
    oldest = selling.client.get("/deliveries", query_string={**mine, "sort": "delivered_at"}, headers=selling.viewer)
    assert [n["number"] for n in oldest.json] == [first["number"], second["number"]]
    by_number = selling.client.get("/deliveries", query_string={"number": first["number"]}, headers=selling.viewer)
    assert [n["id"] for n in by_number.json] == [first["id"]]
    bad = selling.client.get("/deliveries", query_string={"sort": "cost"}, headers=selling.viewer)
    assert bad.status_code == 422 and list(bad.json["errors"]) == ["sort"]
    assert selling.client.get("/deliveries").status_code == 401


def issued(note, parts, total):
    """inventory.stock_issued.v1 for a delivery note: `parts` are (note line, quantity, unit cost, cost)."""
    return {"purpose": "delivery", "source_document": note["number"], "source_id": note["id"],
            "order_id": note["sales_order_id"], "issued_at": datetime.now(timezone.utc), "total_cost": total,
            "lines": [{"source_line_id": line["id"], "item_id": line["item_id"], "warehouse_id": line["warehouse_id"],
                       "batch_no": None, "quantity": quantity, "unit_cost": unit_cost, "cost": cost}
                      for line, quantity, unit_cost, cost in parts]}


def test_the_cost_inventory_reports_is_kept_per_delivery_line(selling):
    order = selling.reserved(selling.line(quantity="10"), selling.line(quantity="4"))
    note = selling.deliver(order, line_of(order, 0, "5"), line_of(order, 1, "4")).json
    first, second = note["lines"]
    data = issued(note, [(first, "3", "2.100000", "6.30"), (first, "2", "2.500000", "5.00"),
                         (second, "4", "10.333333", "41.33")], "52.63")
    selling.apply("inventory.stock_issued.v1", data, 1, note["id"])
    selling.apply("inventory.stock_issued.v1", data, 1, note["id"])        # a redelivery changes nothing
    costed = selling.client.get(f"/deliveries/{note['id']}", headers=selling.viewer).json
    assert [(l["unit_cost"], l["cost"]) for l in costed["lines"]] == [("2.260000", "11.30"), ("10.333333", "41.33")]
    assert costed["total_cost"] == "52.63"


def test_an_issue_for_a_delivery_sales_does_not_have_is_permanent(selling):
    order = selling.reserved(selling.line(quantity="10"))
    note = selling.deliver(order, line_of(order, 0, "1")).json
    with pytest.raises(PermanentEventError):
        selling.apply("inventory.stock_issued.v1", issued({**note, "id": str(uuid.uuid4())},
                                                          [(note["lines"][0], "1", "1", "1.00")], "1.00"), 1)
    stranger = {**note["lines"][0], "id": str(uuid.uuid4())}
    with pytest.raises(PermanentEventError):
        selling.apply("inventory.stock_issued.v1", issued(note, [(stranger, "1", "1", "1.00")], "1.00"), 1)
