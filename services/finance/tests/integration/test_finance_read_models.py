"""Read models of other services' master data: applied through the handlers the worker runs, served read-only."""
import uuid

import pytest

from erp_shared.events import catalog, new_event
from finance.handlers import HANDLERS


def tag() -> str:
    return uuid.uuid4().hex[:8]


def apply(app, event_type, data, sequence):
    """What the consumer does for a delivery, minus the broker: load through the catalog, run the handler."""
    envelope = new_event(event_type, data, subject=str(data["id"]), sequence=sequence)
    with app.extensions["erp_db"].unit_of_work() as session:
        HANDLERS[event_type](session, envelope, catalog.load(event_type, envelope.data))


def item(**overrides):
    return {"id": uuid.uuid4(), "code": f"RM-{tag()}", "name": "Steel sheet", "unit": "kg",
            "item_type": "raw_material", "reorder_level": "0", "reorder_quantity": "0",
            "valuation_method": "moving_average", "active": True, **overrides}


def supplier(**overrides):
    return {"id": uuid.uuid4(), "code": f"SUP-{tag()}", "name": "Acme Metals", "payment_terms_days": 30,
            "bank_account_name": "Acme Metals Ltd", "bank_iban": "DE89370400440532013000", "bank_bic": "COBADEFF370",
            "active": True, **overrides}


SOURCES = {
    "items": ("inventory.item", item),
    "warehouses": ("inventory.warehouse",
                   lambda: {"id": uuid.uuid4(), "code": f"WH-{tag()}", "name": "Main", "active": True}),
    "suppliers": ("procurement.supplier", supplier),
    "customers": ("sales.customer",
                  lambda: {"id": uuid.uuid4(), "code": f"CU-{tag()}", "name": "Globex", "credit_rating": "B",
                           "credit_limit": "25000.50", "active": True}),
    "departments": ("hr.department",
                    lambda: {"id": uuid.uuid4(), "code": f"D-{tag()}", "name": "Assembly", "active": True}),
    "employees": ("hr.employee",
                  lambda: {"id": uuid.uuid4(), "employee_no": f"E-{tag()}", "full_name": "Ada Lovelace",
                           "department_id": uuid.uuid4(), "active": True}),
}


def read(client, headers, name, **params):
    response = client.get(f"/read-models/{name}", query_string=params, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_each_read_model_is_kept_from_its_producer_events(client, app, erp_tokens, name):
    record_type, build = SOURCES[name]
    record = build()
    key = "employee_no" if name == "employees" else "code"
    apply(app, f"{record_type}_created.v1", record, 1)
    headers = erp_tokens.headers("accounting")
    [row] = read(client, headers, name, code=record[key])
    assert row[key] == record[key]
    assert row["id"] == str(record["id"]) and row["sequence"] == 1 and row["active"] is True
    assert read(client, headers, name, id=str(record["id"])) == [row]
    apply(app, f"{record_type}_deactivated.v1", {**record, "active": False}, 2)
    assert read(client, headers, name, id=str(record["id"]))[0]["active"] is False


def test_a_newer_snapshot_wins_and_a_stale_or_repeated_one_changes_nothing(client, app, erp_tokens):
    headers = erp_tokens.headers("viewer")
    record = item()
    apply(app, "inventory.item_created.v1", record, 1)
    apply(app, "inventory.item_updated.v1", {**record, "name": "Steel sheet 3mm", "unit": "sheet"}, 3)
    apply(app, "inventory.item_updated.v1", {**record, "name": "Steel sheet 2.5mm"}, 2)
    apply(app, "inventory.item_created.v1", record, 1)
    apply(app, "inventory.item_updated.v1", {**record, "name": "Same sequence, other name"}, 3)
    [row] = read(client, headers, "items", id=str(record["id"]))
    assert (row["name"], row["unit"], row["sequence"]) == ("Steel sheet 3mm", "sheet", 3)


def test_an_update_seen_before_its_create_is_kept(client, app, erp_tokens):
    record = item()
    apply(app, "inventory.item_updated.v1", {**record, "name": "Arrived first"}, 2)
    apply(app, "inventory.item_created.v1", record, 1)
    [row] = read(client, erp_tokens.headers("viewer"), "items", code=record["code"])
    assert (row["name"], row["sequence"]) == ("Arrived first", 2)


def test_supplier_bank_details_are_shown_only_to_accounting_and_admins(client, app, erp_tokens):
    record = supplier()
    apply(app, "procurement.supplier_created.v1", record, 1)
    for role in ("accounting", "admin"):
        [row] = read(client, erp_tokens.headers(role), "suppliers", id=str(record["id"]))
        assert row["bank_iban"] == record["bank_iban"] and row["bank_bic"] == record["bank_bic"]
        assert row["bank_account_name"] == record["bank_account_name"] and row["payment_terms_days"] == 30
    for role in ("viewer", "purchasing"):
        [row] = read(client, erp_tokens.headers(role), "suppliers", id=str(record["id"]))
        assert row["name"] == "Acme Metals" and not {"bank_iban", "bank_bic", "bank_account_name"} & set(row)


def test_customer_credit_limit_stays_an_exact_decimal(client, app, erp_tokens):
    record = SOURCES["customers"][1]()
    apply(app, "sales.customer_created.v1", record, 1)
    [row] = read(client, erp_tokens.headers("sales"), "customers", code=record["code"])
    assert row["credit_limit"] == "25000.50" and row["credit_rating"] == "B"


def test_read_models_need_a_signed_in_user_and_valid_filters(client, erp_tokens):
    assert client.get("/read-models/items").status_code == 401
    bad = client.get("/read-models/items?id=not-a-uuid", headers=erp_tokens.headers("viewer"))
    assert bad.status_code == 422 and list(bad.json["errors"]) == ["id"]
    assert client.post("/read-models/items", json={}, headers=erp_tokens.headers("admin")).status_code == 405
