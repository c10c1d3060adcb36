"""Returns through the API: taking delivered goods back in parts, the goods_returned contract, refusals by
field, reads, roles and retries, concurrent clerks, and the cost inventory reports the goods came back at."""
import re
import threading
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from erp_shared.errors import PermanentEventError
from erp_shared.events import catalog
from sales.models import GoodsReturnLine

YEAR = datetime.now(timezone.utc).year
RETURNED = "sales.goods_returned.v1"
STOCK_RETURNED = "inventory.stock_returned.v1"


def delivered(selling, *quantities, **body):
    """A reserved order delivered in full on one note; returns (order, note)."""
    order = selling.reserved(*[selling.line(quantity=quantity) for quantity in quantities or ("10",)])
    response = selling.deliver(order, *[{"order_line_id": line["id"], "quantity": line["quantity"]}
                                        for line in order["lines"]], **body)
    assert response.status_code == 201, response.json
    return selling.order(order), response.json


def give_back(selling, note, *lines, expect=201, headers=None, reason="wrong size", **body):
    """`lines`: (delivery line, quantity) pairs."""
    response = selling.client.post(f"/deliveries/{note['id']}/returns", json={
        "reason": reason, **body, "lines": [{"delivery_line_id": line["id"], "quantity": quantity}
                                            for line, quantity in lines]},
        headers=selling.clerk if headers is None else headers)
    assert response.status_code == expect, response.json
    return response.json


def read(selling, url):
    response = selling.client.get(url, headers=selling.viewer)
    assert response.status_code == 200, response.json
    return response.json


def test_a_partial_return_then_the_rest(selling):
    order, note = delivered(selling, "10", "4")
    first_line, second_line = note["lines"]
    first = give_back(selling, note, (first_line, "3"))
    assert re.fullmatch(rf"RET-{YEAR}-\d{{6}}", first["number"])
    assert (first["delivery_number"], first["order_number"], first["customer_id"]) == (
        note["number"], order["number"], order["customer_id"])
    assert (first["returned_by"], first["reason"], first["total_cost"]) == ("clerk-cy", "wrong size", None)
    assert [(l["line_no"], l["delivery_line_id"], l["order_line_id"], l["item_id"], l["item_code"],
             l["warehouse_id"], l["quantity"], l["cost"]) for l in first["lines"]] == [
        (1, first_line["id"], first_line["order_line_id"], first_line["item_id"], first_line["item_code"],
         first_line["warehouse_id"], "3.0000", None)]
    after_first = read(selling, f"/deliveries/{note['id']}")
    assert [l["quantity_returned"] for l in after_first["lines"]] == ["3.0000", "0.0000"]

    rest = give_back(selling, note, (second_line, "4"), (first_line, "7"), headers=selling.seller)
    assert rest["returned_by"] == "seller-sam"
    assert [(l["delivery_line_id"], l["quantity"]) for l in rest["lines"]] == [
        (second_line["id"], "4.0000"), (first_line["id"], "7.0000")]
    assert [l["quantity_returned"] for l in read(selling, f"/deliveries/{note['id']}")["lines"]] == [
        "10.0000", "4.0000"]
    more = give_back(selling, note, (first_line, "0.0001"), expect=422)
    assert set(more["errors"]) == {"lines[0].quantity"} and "0 left to return" in more["detail"]

    listed = read(selling, f"/deliveries/{note['id']}/returns")
    assert [r["number"] for r in listed] == [first["number"], rest["number"]]
    assert read(selling, f"/returns/{rest['id']}") == rest
    # the order stays delivered, with its delivered quantities and version: a return reopens nothing
    assert read(selling, f"/sales-orders/{order['id']}") == order


def test_the_event_carries_the_return_for_inventory(selling):
    now = datetime.now(timezone.utc)
    order, note = delivered(selling, "5", "2", delivered_at=(now - timedelta(hours=1)).isoformat())
    returned_at = now.replace(microsecond=0)
    made = give_back(selling, note, (note["lines"][1], "1.5"), (note["lines"][0], "2"), reason="damaged in transit",
                     returned_at=returned_at.isoformat())
    [event] = selling.events(made["id"], RETURNED)              # parse_envelope, like a consumer
    assert (event.subject, event.sequence, event.source) == (made["id"], 1, "sales")
    data = catalog.load(event.type, event.data)                 # the contract inventory consumes
    assert (str(data["return_id"]), data["return_no"], str(data["delivery_id"]), data["delivery_no"]) == (
        made["id"], made["number"], note["id"], note["number"])
    assert (str(data["order_id"]), str(data["customer_id"])) == (order["id"], order["customer_id"])
    assert (data["returned_at"], data["reason"]) == (returned_at, "damaged in transit")
    assert [(str(l["return_line_id"]), str(l["delivery_line_id"]), str(l["item_id"]), str(l["warehouse_id"]),
             l["quantity"]) for l in data["lines"]] == [
        (l["id"], l["delivery_line_id"], l["item_id"], l["warehouse_id"], Decimal(l["quantity"]))
        for l in made["lines"]]
    assert selling.events(order["id"], RETURNED) == []          # about the return, not the order


def test_returns_leave_invoicing_alone(selling):
    order, note = delivered(selling, "4")
    invoice = selling.client.post(f"/sales-orders/{order['id']}/invoices", json={}, headers=selling.accountant).json
    invoiced = read(selling, f"/sales-orders/{order['id']}")
    assert invoiced["status"] == "invoiced"
    give_back(selling, note, (note["lines"][0], "4"))
    assert read(selling, f"/sales-orders/{order['id']}") == invoiced
    assert read(selling, f"/invoices/{invoice['id']}") == invoice


def test_refusals_name_the_field_and_change_nothing(selling):
    order = selling.reserved(selling.line(quantity="10"))
    early = selling.deliver(order, {"order_line_id": order["lines"][0]["id"], "quantity": "6"},
                            delivered_at="2026-01-05T09:30:00+00:00").json
    later = selling.deliver(order, {"order_line_id": order["lines"][0]["id"], "quantity": "4"}).json
    [line] = early["lines"]
    over = give_back(selling, early, (line, "6.0001"), expect=422)
    assert set(over["errors"]) == {"lines[0].quantity"} and "6 left to return" in over["detail"]
    foreign = give_back(selling, early, (line, "1"), (later["lines"][0], "1"), ({"id": str(uuid.uuid4())}, "1"),
                        expect=422)
    assert set(foreign["errors"]) == {"lines[1].delivery_line_id", "lines[2].delivery_line_id"}
    twice = give_back(selling, early, (line, "1"), (line, "1"), expect=422)
    assert set(twice["errors"]) == {"lines[1].delivery_line_id"}
    for returned_at in ("2026-01-05T09:29:59+00:00", (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()):
        dated = give_back(selling, early, (line, "1"), returned_at=returned_at, expect=422)
        assert set(dated["errors"]) == {"returned_at"}
    for reason in ("", " ", "x" * 501):
        assert set(give_back(selling, early, (line, "1"), reason=reason, expect=422)["errors"]) == {"reason"}
    assert set(give_back(selling, early, (line, "0"), expect=422)["errors"]) == {"lines"}
    assert set(give_back(selling, early, expect=422)["errors"]) == {"lines"}
    assert read(selling, f"/deliveries/{early['id']}")["lines"][0]["quantity_returned"] == "0.0000"
    assert read(selling, f"/deliveries/{early['id']}/returns") == []
    made = give_back(selling, early, (line, "6"), returned_at="2026-01-05T09:30:00+00:00", reason="x" * 500)
    assert datetime.fromisoformat(made["returned_at"]) == datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)


def test_roles_unknown_ids_and_idempotent_retries(selling):
    _, note = delivered(selling, "3")
    body = {"reason": "customer changed their mind",
            "lines": [{"delivery_line_id": note["lines"][0]["id"], "quantity": "1"}]}
    url = f"/deliveries/{note['id']}/returns"
    assert selling.client.post(url, json=body).status_code == 401
    for headers in (selling.accountant, selling.viewer):
        assert selling.client.post(url, json=body, headers=headers).status_code == 403
    assert selling.client.post(f"/deliveries/{uuid.uuid4()}/returns", json=body,
                               headers=selling.clerk).status_code == 404
    headers = {**selling.clerk, "Idempotency-Key": f"ret-{uuid.uuid4()}"}
    first = selling.client.post(url, json=body, headers=headers)
    again = selling.client.post(url, json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201) and again.json == first.json
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert [r["id"] for r in read(selling, url)] == [first.json["id"]]
    assert len(selling.events(first.json["id"], RETURNED)) == 1
    assert read(selling, f"/deliveries/{note['id']}")["lines"][0]["quantity_returned"] == "1.0000"
    assert selling.client.post(url, json=body, headers=selling.admin).status_code == 201
    for unknown in (f"/returns/{uuid.uuid4()}", f"/deliveries/{uuid.uuid4()}/returns"):
        assert selling.client.get(unknown, headers=selling.viewer).status_code == 404
    assert selling.client.get(f"/returns/{first.json['id']}").status_code == 401
    assert selling.client.get(url).status_code == 401


def test_concurrent_clerks_never_return_more_than_delivered(selling, app):
    _, note = delivered(selling, "5")
    body = {"reason": "wrong colour", "lines": [{"delivery_line_id": note["lines"][0]["id"], "quantity": "2"}]}
    answers = []

    def give_back_two():
        with app.test_client() as client:
            answers.append(client.post(f"/deliveries/{note['id']}/returns", json=body,
                                       headers=selling.clerk).status_code)

    threads = [threading.Thread(target=give_back_two) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [201, 201, 422, 422]
    assert read(selling, f"/deliveries/{note['id']}")["lines"][0]["quantity_returned"] == "4.0000"


def stock_returned(made, parts, total):
    """inventory.stock_returned.v1 for a return: `parts` are (return line, batch, quantity, unit cost, cost)."""
    return {"source_document": made["number"], "source_id": made["id"], "order_id": made["sales_order_id"],
            "returned_at": datetime.now(timezone.utc), "total_cost": total,
            "lines": [{"source_line_id": line["id"], "delivery_line_id": line["delivery_line_id"],
                       "item_id": line["item_id"], "warehouse_id": line["warehouse_id"], "batch_no": batch,
                       "quantity": quantity, "unit_cost": unit_cost, "cost": cost}
                      for line, batch, quantity, unit_cost, cost in parts]}


def kept_costs(selling, made):
    with selling.db.unit_of_work() as session:
        lines = session.execute(select(GoodsReturnLine).where(GoodsReturnLine.return_id == made["id"])
                                .order_by(GoodsReturnLine.line_no)).scalars().all()
        return [(line.cost, line.returned_at, line.cost_recorded_at) for line in lines]


def test_the_cost_inventory_reports_is_kept_per_return_line(selling):
    _, note = delivered(selling, "10", "4")
    made = give_back(selling, note, (note["lines"][0], "5"), (note["lines"][1], "3"))
    first, second = made["lines"]
    data = stock_returned(made, [(first, "B1", "3", "2.100000", "6.30"), (first, "B2", "2", "2.500000", "5.00"),
                                 (second, None, "3", "10.333333", "31.00")], "42.30")
    selling.apply(STOCK_RETURNED, data, 1, made["id"])
    recorded = kept_costs(selling, made)
    selling.apply(STOCK_RETURNED, data, 1, made["id"])                  # a redelivery changes nothing
    assert kept_costs(selling, made) == recorded
    returned_at = datetime.fromisoformat(made["returned_at"])
    assert [(cost, at) for cost, at, _ in recorded] == [(Decimal("11.30"), returned_at),
                                                         (Decimal("31.00"), returned_at)]
    costed = read(selling, f"/returns/{made['id']}")
    assert [(l["unit_cost"], l["cost"]) for l in costed["lines"]] == [("2.260000", "11.30"), ("10.333333", "31.00")]
    assert costed["total_cost"] == "42.30"


def test_a_returned_cost_for_a_return_sales_does_not_have_is_permanent(selling):
    _, note = delivered(selling, "2")
    made = give_back(selling, note, (note["lines"][0], "1"))
    [line] = made["lines"]
    with pytest.raises(PermanentEventError):
        selling.apply(STOCK_RETURNED, stock_returned({**made, "id": str(uuid.uuid4())},
                                                     [(line, None, "1", "1", "1.00")], "1.00"), 1)
    stranger = {**line, "id": str(uuid.uuid4())}
    with pytest.raises(PermanentEventError):
        selling.apply(STOCK_RETURNED, stock_returned(made, [(stranger, None, "1", "1", "1.00")], "1.00"), 1)
    assert [cost for cost, _, _ in kept_costs(selling, made)] == [None]
