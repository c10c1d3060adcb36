"""Batches and their traceability: a batch received from a supplier against a PO, delivered and returned, is
traced back to the receipt, the PO and the supplier, with every ledger movement in time order."""
import dataclasses
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, insert, select

from inventory.models import ReceiptOrigin, supplier_replica


def supplier(db, name="Acme Steel Ltd") -> dict:
    values = {"id": uuid.uuid4(), "code": f"SUP-{uuid.uuid4().hex[:6]}", "name": name, "active": True, "sequence": 1}
    with db.unit_of_work() as session:
        session.execute(insert(supplier_replica).values(**values))
    return values


def from_supplier(event, supplier_row: dict, po_number: str):
    """The receipt event as procurement sends it for this supplier and PO."""
    return dataclasses.replace(event, data=dict(event.data, supplier_id=str(supplier_row["id"]), po_number=po_number))


@pytest.fixture()
def traced(db, receipts, sales):
    """LOT-1: 5 from Acme on PO-A ten days ago and 3 more from Bolt on PO-B five days ago (8 × 2.00); LOT-2: 4
    from Bolt (× 2.50). 6 delivered four days ago, all from LOT-1 (first received, first out), then 2 of them
    returned three days ago."""
    item, store = receipts.item(), receipts.warehouse()
    acme, bolt = supplier(db), supplier(db, "Bolt & Nut GmbH")
    now = datetime.now(timezone.utc)
    first = from_supplier(receipts.event(receipts.line(item, store, "5", "2.00", batch_no="LOT-1"),
                                         received_at=now - timedelta(days=10)), acme, "PO-2026-0000A1")
    second = from_supplier(receipts.event(receipts.line(item, store, "3", "2.00", batch_no="LOT-1"),
                                          receipts.line(item, store, "4", "2.50", batch_no="LOT-2"),
                                          received_at=now - timedelta(days=5)), bolt, "PO-2026-0000B2")
    for event in (first, second):
        receipts.apply(event)
    line = sales.line(item, store, "6")
    order = sales.confirmed(line)
    receipts.apply(order)
    delivery_line = sales.delivery_line(line, "6")
    delivery = sales.delivered(order, delivery_line, delivered_at=now - timedelta(days=4))
    receipts.apply(delivery)
    goods_return = sales.returned(delivery, sales.return_line(delivery_line, "2"), returned_at=now - timedelta(days=3))
    receipts.apply(goods_return)
    return {"item": item, "store": store, "acme": acme, "bolt": bolt, "first": first, "second": second,
            "delivery": delivery, "return": goods_return}


def test_receipt_origins_are_recorded_once_in_the_booking_transaction(db, receipts, traced):
    receipts.apply(traced["first"])            # redelivered: the inbox bypassed
    with db.unit_of_work() as session:
        rows = session.execute(select(ReceiptOrigin).where(ReceiptOrigin.receipt_no.in_(
            [traced["first"].data["receipt_no"], traced["second"].data["receipt_no"]]))
            .order_by(ReceiptOrigin.received_at)).scalars().all()
    assert [(r.receipt_no, str(r.receipt_id), r.po_number, r.supplier_id, r.received_at.isoformat()) for r in rows] == [
        (e.data["receipt_no"], e.data["receipt_id"], e.data["po_number"], s["id"], e.data["received_at"])
        for e, s in ((traced["first"], traced["acme"]), (traced["second"], traced["bolt"]))]


def test_a_refused_receipt_records_no_origin(db, receipts):
    from erp_shared.errors import PermanentEventError
    event = receipts.event(receipts.line(receipts.item(), uuid.uuid4(), "1", "1.00", batch_no="X"))
    with pytest.raises(PermanentEventError):
        receipts.apply(event)
    with db.unit_of_work() as session:
        assert session.execute(select(func.count()).select_from(ReceiptOrigin).where(
            ReceiptOrigin.receipt_no == event.data["receipt_no"])).scalar_one() == 0


def test_batches_show_on_hand_with_their_first_receipt_po_and_supplier(client, erp_tokens, traced):
    response = client.get(f"/batches?item_id={traced['item']}", headers=erp_tokens.headers("viewer"))
    assert response.status_code == 200
    first, second, acme, bolt = traced["first"], traced["second"], traced["acme"], traced["bolt"]
    assert [(r["batch_no"], r["on_hand"], r["receipt_no"], r["po_number"], r["supplier_code"], r["supplier_name"],
             r["first_received_at"]) for r in response.json] == [
        ("LOT-1", "4.0000", first.data["receipt_no"], "PO-2026-0000A1", acme["code"], "Acme Steel Ltd",
         first.data["received_at"]),
        ("LOT-2", "4.0000", second.data["receipt_no"], "PO-2026-0000B2", bolt["code"], "Bolt & Nut GmbH",
         second.data["received_at"])]
    # 26.00 received for 12, 13.00 delivered for 6, 4.33 back for 2: 8 worth 17.33, each 4 of them 8.665 → 8.67
    assert [r["value"] for r in response.json] == ["8.67", "8.67"]
    assert response.headers["X-Pagination"]


def test_empty_batches_only_when_asked(client, erp_tokens, receipts, sales, traced):
    item, store = traced["item"], traced["store"]
    line = sales.line(item, store, "8")
    order = sales.confirmed(line)
    receipts.apply(order)
    receipts.apply(sales.delivered(order, sales.delivery_line(line, "8")))
    headers = erp_tokens.headers("viewer")
    assert client.get(f"/batches?item_id={item}", headers=headers).json == []
    everything = client.get(f"/batches?item_id={item}&warehouse_id={store}&include_empty=true", headers=headers).json
    assert [(r["batch_no"], r["on_hand"]) for r in everything] == [("LOT-1", "0.0000"), ("LOT-2", "0.0000")]
    assert client.get(f"/batches?warehouse_id={uuid.uuid4()}", headers=headers).json == []


def test_a_batch_is_traced_to_its_receipts_and_through_every_movement(client, erp_tokens, traced):
    first, second, delivery, goods_return = traced["first"], traced["second"], traced["delivery"], traced["return"]
    response = client.get(f"/batches/LOT-1/trace?item_id={traced['item']}", headers=erp_tokens.headers("sales"))
    assert response.status_code == 200
    trace = response.json
    assert (trace["item_id"], trace["batch_no"], trace["on_hand"]) == (str(traced["item"]), "LOT-1", "4.0000")
    assert [(o["receipt_no"], o["po_number"], o["supplier_code"], o["supplier_name"], o["received_at"],
             o["quantity"], o["value"]) for o in trace["origins"]] == [
        (first.data["receipt_no"], "PO-2026-0000A1", traced["acme"]["code"], "Acme Steel Ltd",
         first.data["received_at"], "5.0000", "10.00"),
        (second.data["receipt_no"], "PO-2026-0000B2", traced["bolt"]["code"], "Bolt & Nut GmbH",
         second.data["received_at"], "3.0000", "6.00")]
    # 12 on hand worth 26.00 when 6 leave: 13.00; the 2 back come at their issue cost, 13.00 × 2/6
    assert [(m["move_type"], m["source_document"], m["quantity"], m["value"], m["running_quantity"],
             m["source_event_id"]) for m in trace["movements"]] == [
        ("receipt", first.data["receipt_no"], "5.0000", "10.00", "5.0000", str(first.id)),
        ("receipt", second.data["receipt_no"], "3.0000", "6.00", "8.0000", str(second.id)),
        ("delivery", delivery.data["delivery_no"], "-6.0000", "-13.00", "2.0000", str(delivery.id)),
        ("return", goods_return.data["return_no"], "2.0000", "4.33", "4.0000", str(goods_return.id))]
    assert {m["warehouse_code"] for m in trace["movements"]} == {trace["locations"][0]["warehouse_code"]}
    assert [m["moved_at"] for m in trace["movements"]] == sorted(m["moved_at"] for m in trace["movements"])
    assert trace["summary"] == [
        {"move_type": "delivery", "moves": 1, "quantity": "-6.0000", "value": "-13.00"},
        {"move_type": "receipt", "moves": 2, "quantity": "8.0000", "value": "16.00"},
        {"move_type": "return", "moves": 1, "quantity": "2.0000", "value": "4.33"}]
    assert [(loc["warehouse_id"], loc["on_hand"]) for loc in trace["locations"]] == [(str(traced["store"]), "4.0000")]


def test_a_batch_number_with_a_slash_is_traced(client, erp_tokens, receipts):
    item, store = receipts.item(), receipts.warehouse()
    receipts.apply(receipts.event(receipts.line(item, store, "2", "1.50", batch_no="2026/03-7")))
    trace = client.get(f"/batches/2026/03-7/trace?item_id={item}", headers=erp_tokens.headers("viewer"))
    assert trace.status_code == 200
    assert (trace.json["batch_no"], trace.json["on_hand"], [m["move_type"] for m in trace.json["movements"]]) == (
        "2026/03-7", "2.0000", ["receipt"])
    assert trace.json["origins"][0]["supplier_code"] is None        # not in the supplier read model


def test_a_batch_the_item_does_not_have_is_not_found(client, erp_tokens, traced):
    headers = erp_tokens.headers("viewer")
    missing = client.get(f"/batches/LOT-9/trace?item_id={traced['item']}", headers=headers)
    assert missing.status_code == 404 and "LOT-9" in missing.json["detail"]
    assert client.get(f"/batches/LOT-1/trace?item_id={uuid.uuid4()}", headers=headers).status_code == 404
    unnamed = client.get("/batches/LOT-1/trace", headers=headers)
    assert unnamed.status_code == 422 and list(unnamed.json["errors"]) == ["item_id"]
    assert client.get(f"/batches/LOT-1/trace?item_id={traced['item']}").status_code == 401
