import uuid

from erp_shared.events import catalog, new_event

from sales.handlers import HANDLERS


def item_snapshot(item_id, **overrides):
    data = {"id": item_id, "code": f"RM-{item_id.hex[:8]}", "name": "Steel sheet 2mm", "unit": "kg",
            "item_type": "raw_material", "reorder_level": "100", "reorder_quantity": "500",
            "valuation_method": "moving_average", "active": True}
    data.update(overrides)
    return data


def warehouse_snapshot(warehouse_id, **overrides):
    data = {"id": warehouse_id, "code": f"WH-{warehouse_id.hex[:8]}", "name": "Main warehouse",
            "address": None, "active": True}
    data.update(overrides)
    return data


def apply(app, event_type, snapshot, sequence):
    """What the consumer does with a delivered event, without the broker: load by schema, then handle."""
    envelope = new_event(event_type, snapshot, subject=str(snapshot["id"]), sequence=sequence)
    with app.extensions["erp_db"].unit_of_work() as session:
        HANDLERS[event_type](session, envelope, catalog.load(event_type, envelope.data))


def read(client, erp_tokens, kind, record_id):
    response = client.get(f"/read-models/{kind}?id={record_id}", headers=erp_tokens.headers("viewer"))
    assert response.status_code == 200, response.json
    return response.json


def test_sales_consumes_inventory_items_warehouses_reservations_issues_and_returns():
    assert {"inventory.item_created.v1", "inventory.item_updated.v1", "inventory.item_deactivated.v1",
            "inventory.warehouse_created.v1", "inventory.warehouse_updated.v1",
            "inventory.warehouse_deactivated.v1", "inventory.stock_reserved.v1",
            "inventory.stock_issued.v1", "inventory.stock_returned.v1"} == set(HANDLERS)


def test_a_newer_item_snapshot_wins_and_a_stale_or_duplicate_one_changes_nothing(app, client, erp_tokens):
    item_id = uuid.uuid4()
    apply(app, "inventory.item_created.v1", item_snapshot(item_id), 1)
    [row] = read(client, erp_tokens, "items", item_id)
    assert row["sequence"] == 1 and row["reorder_level"] == "100.0000" and row["active"] is True

    apply(app, "inventory.item_updated.v1", item_snapshot(item_id, name="Steel sheet 3mm", reorder_level="80"), 3)
    apply(app, "inventory.item_updated.v1", item_snapshot(item_id, name="Stale name"), 2)
    apply(app, "inventory.item_updated.v1", item_snapshot(item_id, name="Duplicate of 3"), 3)
    [row] = read(client, erp_tokens, "items", item_id)
    assert row["sequence"] == 3 and row["name"] == "Steel sheet 3mm" and row["reorder_level"] == "80.0000"

    apply(app, "inventory.item_deactivated.v1", item_snapshot(item_id, name="Steel sheet 3mm", active=False), 4)
    [row] = read(client, erp_tokens, "items", item_id)
    assert row["sequence"] == 4 and row["active"] is False


def test_an_out_of_order_warehouse_snapshot_ends_in_the_in_order_state(app, client, erp_tokens):
    warehouse_id = uuid.uuid4()
    apply(app, "inventory.warehouse_updated.v1", warehouse_snapshot(warehouse_id, name="North hall"), 2)
    apply(app, "inventory.warehouse_created.v1", warehouse_snapshot(warehouse_id), 1)
    [row] = read(client, erp_tokens, "warehouses", warehouse_id)
    assert row == {"id": str(warehouse_id), "code": f"WH-{warehouse_id.hex[:8]}", "name": "North hall",
                   "active": True, "sequence": 2}


def test_read_models_filter_by_code_and_need_a_signed_in_caller(app, client, erp_tokens):
    item_id = uuid.uuid4()
    apply(app, "inventory.item_created.v1", item_snapshot(item_id), 1)
    code = f"RM-{item_id.hex[:8]}"
    listed = client.get(f"/read-models/items?code={code}", headers=erp_tokens.headers("warehouse")).json
    assert [row["id"] for row in listed] == [str(item_id)]
    assert client.get(f"/read-models/items?code=NO-{uuid.uuid4().hex}",
                      headers=erp_tokens.headers("viewer")).json == []
    assert client.get("/read-models/items").status_code == 401
    assert client.get("/read-models/warehouses").status_code == 401
    bad = client.get("/read-models/items?id=not-a-uuid", headers=erp_tokens.headers("viewer"))
    assert bad.status_code == 422 and "id" in bad.json["errors"]
