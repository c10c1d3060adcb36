"""Read models of inventory's items and warehouses: applied through the handlers the worker runs."""
import json
import uuid

from erp_shared.events import catalog, new_event
from manufacturing.handlers import HANDLERS


def apply(app, event_type, data, sequence):
    """What the consumer does for a delivery, minus the broker: load through the catalog, run the handler."""
    envelope = new_event(event_type, data, subject=str(data["id"]), sequence=sequence)
    with app.extensions["erp_db"].unit_of_work() as session:
        HANDLERS[event_type](session, envelope, catalog.load(event_type, envelope.data))


def item(**overrides):
    return {"id": uuid.uuid4(), "code": f"FG-{uuid.uuid4().hex[:8]}", "name": "Bracket", "unit": "pcs",
            "item_type": "finished_good", "reorder_level": "0", "reorder_quantity": "0",
            "valuation_method": "moving_average", "active": True, **overrides}


def warehouse(**overrides):
    return {"id": uuid.uuid4(), "code": f"WH-{uuid.uuid4().hex[:8]}", "name": "Main", "address": None,
            "active": True, **overrides}


def read(client, headers, name, **params):
    response = client.get(f"/read-models/{name}", query_string=params, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_items_are_kept_and_filtered_by_id_and_code(client, app, erp_tokens):
    headers = erp_tokens.headers("production")
    record = item()
    apply(app, "inventory.item_created.v1", record, 1)
    [row] = read(client, headers, "items", code=record["code"])
    assert row == {"id": str(record["id"]), "code": record["code"], "name": "Bracket", "active": True,
                   "sequence": 1, "unit": "pcs", "item_type": "finished_good"}
    assert read(client, headers, "items", id=str(record["id"])) == [row]
    assert read(client, headers, "items", code="no-such-code") == []


def test_a_newer_snapshot_wins_and_a_stale_or_repeated_one_changes_nothing(client, app, erp_tokens):
    headers = erp_tokens.headers("viewer")
    record = warehouse()
    apply(app, "inventory.warehouse_created.v1", record, 1)
    apply(app, "inventory.warehouse_updated.v1", {**record, "name": "Main (north)"}, 2)
    apply(app, "inventory.warehouse_deactivated.v1", {**record, "name": "Main (north)", "active": False}, 3)
    apply(app, "inventory.warehouse_updated.v1", {**record, "name": "Stale name"}, 2)
    apply(app, "inventory.warehouse_created.v1", record, 1)
    apply(app, "inventory.warehouse_deactivated.v1", {**record, "name": "Replayed", "active": False}, 3)
    [row] = read(client, headers, "warehouses", id=str(record["id"]))
    assert (row["name"], row["active"], row["sequence"]) == ("Main (north)", False, 3)


def test_listing_is_paged_and_filtered_by_active(client, app, erp_tokens):
    headers = erp_tokens.headers("viewer")
    prefix = f"FG-{uuid.uuid4().hex[:6]}"
    for n in range(3):
        apply(app, "inventory.item_created.v1", item(code=f"{prefix}-{n}", active=n != 1), 1)
    page = client.get("/read-models/items?active=false&page=1&page_size=100", headers=headers)
    assert f"{prefix}-1" in [row["code"] for row in page.json]
    assert all(row["active"] is False for row in page.json)
    first = client.get("/read-models/items?page=1&page_size=2", headers=headers)
    assert len(first.json) == 2 and json.loads(first.headers["X-Pagination"])["total"] >= 3


def test_read_models_need_a_signed_in_user_and_valid_filters(client, erp_tokens):
    assert client.get("/read-models/warehouses").status_code == 401
    bad = client.get("/read-models/items?id=42", headers=erp_tokens.headers("viewer"))
    assert bad.status_code == 422 and list(bad.json["errors"]) == ["id"]


def test_q_finds_a_code_by_its_start_or_a_name_by_any_part_literally(client, app, erp_tokens):
    headers = erp_tokens.headers("viewer")
    tag = uuid.uuid4().hex[:8].upper()
    apply(app, "inventory.item_created.v1", item(code=f"Q{tag}-BOLT", name=f"Hex bolt {tag} M8"), 1)
    apply(app, "inventory.item_created.v1", item(code=f"Q{tag}-NUT", name=f"Nut 100%_{tag}"), 1)
    codes = lambda **params: sorted(row["code"] for row in read(client, headers, "items", **params))  # noqa: E731
    assert codes(q=f"q{tag}") == [f"Q{tag}-BOLT", f"Q{tag}-NUT"]          # code prefix, any case
    assert codes(q=f"bolt {tag.lower()}") == [f"Q{tag}-BOLT"]              # part of the name
    assert codes(q=f"100%_{tag}") == [f"Q{tag}-NUT"]                       # % and _ are literal
    assert codes(q=f"{tag}-BOLT") == []                                    # a code matches from its start only
    assert codes(q="%") == [] or all("%" in row["name"] for row in read(client, headers, "items", q="%"))
    bad = client.get("/read-models/items?q=", headers=headers)
    assert bad.status_code == 422 and list(bad.json["errors"]) == ["q"]
