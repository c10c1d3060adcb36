"""Settings and purchase orders through the HTTP API: create, change, read, list, and what is refused."""
import uuid
from datetime import date, datetime, timedelta, timezone

YEAR = datetime.now(timezone.utc).year
TODAY = datetime.now(timezone.utc).date()


def test_settings_are_read_by_anyone_signed_in_and_changed_by_admin_only(purchasing, client):
    seen = client.get("/settings", headers=purchasing.viewer)
    assert seen.status_code == 200 and seen.json["approval_threshold"] == "10000.00"
    assert seen.json["over_receipt_tolerance_pct"] == "0.00" and seen.json["price_tolerance_pct"] == "2.00"
    body = {"approval_threshold": "2500.5", "over_receipt_tolerance_pct": "5", "price_tolerance_pct": "1.25",
            "quantity_tolerance_pct": "0"}
    assert client.put("/settings", json=body, headers=purchasing.buyer).status_code == 403
    assert client.put("/settings", json=body).status_code == 401
    changed = client.put("/settings", json=body, headers=purchasing.admin)
    assert changed.status_code == 200 and changed.json["approval_threshold"] == "2500.50"
    assert client.get("/settings", headers=purchasing.buyer).json["over_receipt_tolerance_pct"] == "5.00"


def test_settings_refuse_out_of_range_and_overly_precise_values(purchasing, client):
    body = {"approval_threshold": "-1", "over_receipt_tolerance_pct": "100.01", "price_tolerance_pct": "1.234"}
    response = client.put("/settings", json=body, headers=purchasing.admin)
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"approval_threshold", "over_receipt_tolerance_pct",
                                            "price_tolerance_pct", "quantity_tolerance_pct"}


def test_a_draft_is_numbered_its_lines_numbered_and_totalled(purchasing):
    supplier = purchasing.supplier(name="Acme Steel")
    item = purchasing.item(name="Steel sheet 2mm", unit="kg")
    order = purchasing.draft(
        purchasing.line(item, quantity="3", unit_price="0.335", expected_date=str(TODAY + timedelta(days=7)),
                        quality_standard="EN 10130", notes="oiled"),
        purchasing.line(quantity="2.5", unit_price="19.99"), supplier=supplier, notes="urgent")
    assert order["number"].startswith(f"PO-{YEAR}-") and len(order["number"]) == len(f"PO-{YEAR}-000001")
    assert order["status"] == "draft" and order["version"] == 1 and order["order_date"] == str(TODAY)
    assert order["created_by_name"] == "buyer-ada" and order["supplier_name"] == "Acme Steel"
    assert order["total_amount"] == "50.99" and order["notes"] == "urgent"
    first, second = order["lines"]
    assert (first["line_no"], first["line_amount"], second["line_no"], second["line_amount"]) == (1, "1.01", 2, "49.98")
    assert first["item_code"] == f"RM-{item.hex[:8]}" and first["unit"] == "kg"
    assert first["quality_standard"] == "EN 10130" and first["open_quantity"] == "3.0000"
    assert first["quantity_received"] == first["quantity_invoiced"] == "0.0000"
    assert purchasing.order(order) == order


def test_bad_input_is_a_problem_naming_the_fields(purchasing, client):
    supplier = purchasing.supplier()
    body = {"supplier_id": supplier["id"], "order_date": "yesterday",
            "lines": [{"item_id": "nope", "quantity": "0", "unit_price": "-1"},
                      {"item_id": str(uuid.uuid4()), "quantity": "1.00001", "unit_price": "1.00001"}]}
    response = client.post("/purchase-orders", json=body, headers=purchasing.buyer)
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    errors = response.json["errors"]
    assert set(errors) == {"order_date", "lines"}
    assert set(errors["lines"]["0"]) == {"item_id", "quantity", "unit_price"}
    assert set(errors["lines"]["1"]) == {"quantity", "unit_price"}
    empty = client.post("/purchase-orders", json={"supplier_id": supplier["id"], "lines": []}, headers=purchasing.buyer)
    assert empty.status_code == 422 and "lines" in empty.json["errors"]
    too_many = {"supplier_id": supplier["id"], "lines": [purchasing.line(uuid.uuid4())] * 501}
    assert "lines" in client.post("/purchase-orders", json=too_many, headers=purchasing.buyer).json["errors"]


def test_unknown_or_inactive_references_are_refused_by_field(purchasing, client):
    supplier = purchasing.supplier()
    inactive_item = purchasing.item(active=False)
    body = {"supplier_id": supplier["id"],
            "lines": [purchasing.line(), purchasing.line(uuid.uuid4()), purchasing.line(inactive_item)]}
    response = client.post("/purchase-orders", json=body, headers=purchasing.buyer)
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"lines[1].item_id", "lines[2].item_id"}
    assert "not replicated yet" in response.json["errors"]["lines[1].item_id"][0]
    assert "inactive" in response.json["errors"]["lines[2].item_id"][0]
    unknown = client.post("/purchase-orders", json={**body, "supplier_id": str(uuid.uuid4())}, headers=purchasing.buyer)
    assert unknown.status_code == 422 and set(unknown.json["errors"]) == {"supplier_id"}
    client.post(f"/suppliers/{supplier['id']}/deactivate", headers=purchasing.buyer)
    inactive = client.post("/purchase-orders", json={**body, "lines": [purchasing.line()]}, headers=purchasing.buyer)
    assert inactive.status_code == 422 and "inactive" in inactive.json["errors"]["supplier_id"][0]


def test_expected_dates_before_the_order_date_are_refused(purchasing, client):
    body = {"supplier_id": purchasing.supplier()["id"], "order_date": "2026-03-10",
            "lines": [purchasing.line(expected_date="2026-03-09")]}
    response = client.post("/purchase-orders", json=body, headers=purchasing.buyer)
    assert response.status_code == 422 and set(response.json["errors"]) == {"lines[0].expected_date"}


def test_an_idempotency_key_replays_the_first_order(purchasing, client):
    headers = {**purchasing.buyer, "Idempotency-Key": str(uuid.uuid4())}
    body = {"supplier_id": purchasing.supplier()["id"], "lines": [purchasing.line()]}
    first = client.post("/purchase-orders", json=body, headers=headers)
    second = client.post("/purchase-orders", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json["number"] == first.json["number"] and second.headers["Idempotent-Replayed"] == "true"


def test_a_draft_changes_its_header_and_replaces_its_lines(purchasing, client):
    order = purchasing.draft(purchasing.line(quantity="1"), purchasing.line(quantity="2"))
    other = purchasing.supplier(name="Bolt & Nut Ltd")
    item = purchasing.item()
    changed = client.patch(f"/purchase-orders/{order['id']}", headers=purchasing.buyer, json={
        "supplier_id": other["id"], "notes": "revised", "lines": [purchasing.line(item, quantity="4", unit_price="3")]})
    assert changed.status_code == 200, changed.json
    assert changed.json["supplier_name"] == "Bolt & Nut Ltd" and changed.json["notes"] == "revised"
    assert [(l["line_no"], l["item_id"], l["line_amount"]) for l in changed.json["lines"]] == [(1, str(item), "12.00")]
    assert changed.json["total_amount"] == "12.00" and changed.json["version"] == 2
    header_only = client.patch(f"/purchase-orders/{order['id']}", json={"order_date": str(TODAY - timedelta(days=1))},
                               headers=purchasing.buyer)
    assert header_only.json["version"] == 3 and len(header_only.json["lines"]) == 1
    nothing = client.patch(f"/purchase-orders/{order['id']}", json={}, headers=purchasing.buyer)
    assert nothing.status_code == 422


def test_only_a_draft_can_change(purchasing, client):
    order = purchasing.draft()
    purchasing.act(order, "submit")
    response = client.patch(f"/purchase-orders/{order['id']}", json={"notes": "late change"}, headers=purchasing.buyer)
    assert response.status_code == 409 and response.content_type == "application/problem+json"
    assert purchasing.order(order)["notes"] is None


def test_orders_are_listed_by_status_supplier_number_item_and_lateness(purchasing, client):
    supplier = purchasing.supplier()
    item = purchasing.item()
    long_ago = str(TODAY - timedelta(days=30))
    late = purchasing.sent(purchasing.line(item, expected_date=str(TODAY - timedelta(days=2))),
                           supplier=supplier, order_date=long_ago)
    draft = purchasing.draft(purchasing.line(item), supplier=supplier)

    def listed(query):
        response = client.get(f"/purchase-orders?{query}", headers=purchasing.viewer)
        assert response.status_code == 200, response.json
        return [order["number"] for order in response.json]

    assert listed(f"supplier_id={supplier['id']}") == [draft["number"], late["number"]]
    assert listed(f"item_id={item}&status=sent") == [late["number"]]
    assert listed(f"number={late['number']}") == [late["number"]]
    assert late["number"] in listed(f"late=true&supplier_id={supplier['id']}")
    assert listed(f"late=false&supplier_id={supplier['id']}") == [draft["number"]]
    page = client.get(f"/purchase-orders?supplier_id={supplier['id']}&page=2&page_size=1", headers=purchasing.viewer)
    assert [o["number"] for o in page.json] == [late["number"]]
    assert '"total": 2' in page.headers["X-Pagination"]
    bad = client.get("/purchase-orders?status=lost&late=maybe", headers=purchasing.viewer)
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"status", "late"}


def test_orders_are_sorted_by_one_or_two_whitelisted_keys(purchasing, client):
    supplier = purchasing.supplier()
    older, newer = str(TODAY - timedelta(days=10)), str(TODAY - timedelta(days=5))
    first = purchasing.draft(purchasing.line(unit_price="3"), supplier=supplier, order_date=older)
    second = purchasing.draft(purchasing.line(unit_price="1"), supplier=supplier, order_date=newer)
    third = purchasing.draft(purchasing.line(unit_price="2"), supplier=supplier, order_date=older)

    def listed(sort):
        response = client.get(f"/purchase-orders?supplier_id={supplier['id']}&sort={sort}", headers=purchasing.viewer)
        assert response.status_code == 200, response.json
        return [order["number"] for order in response.json]

    assert listed("total_amount") == [second["number"], third["number"], first["number"]]
    assert listed("-total_amount") == [first["number"], third["number"], second["number"]]
    assert listed("order_date,-number") == [third["number"], first["number"], second["number"]]
    assert listed("-order_date,number") == [second["number"], first["number"], third["number"]]
    bad = client.get("/purchase-orders?sort=-created_by", headers=purchasing.viewer)
    assert bad.status_code == 422 and bad.content_type == "application/problem+json"
    assert set(bad.json["errors"]) == {"sort"}


def test_unknown_orders_are_not_found(purchasing, client):
    unknown = uuid.uuid4()
    for method, path in (("get", ""), ("patch", ""), ("post", "/submit"), ("post", "/approve"), ("post", "/send"),
                         ("post", "/close"), ("get", "/pdf"), ("get", "/receipts")):
        body = {"notes": "x"} if method == "patch" else None
        response = getattr(client, method)(f"/purchase-orders/{unknown}{path}", json=body, headers=purchasing.buyer)
        assert response.status_code == 404 and response.content_type == "application/problem+json", path


def test_reads_need_a_token_and_writes_need_the_purchasing_role(purchasing, client, erp_tokens):
    order = purchasing.draft()
    assert client.get("/purchase-orders").status_code == 401
    assert client.get(f"/purchase-orders/{order['id']}").status_code == 401
    body = {"supplier_id": order["supplier_id"], "lines": [purchasing.line()]}
    for role in ("warehouse", "viewer", "accounting"):
        headers = erp_tokens.headers(role)
        assert client.get(f"/purchase-orders/{order['id']}", headers=headers).status_code == 200
        forbidden = client.post("/purchase-orders", json=body, headers=headers)
        assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
        assert client.post(f"/purchase-orders/{order['id']}/submit", headers=headers).status_code == 403
    assert client.post("/purchase-orders", json=body, headers=purchasing.admin).status_code == 201


def test_the_order_date_may_be_given(purchasing):
    assert purchasing.draft(order_date="2026-01-15")["order_date"] == str(date(2026, 1, 15))
