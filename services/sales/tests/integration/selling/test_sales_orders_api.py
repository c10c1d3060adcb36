"""Sales orders through the API: drafts, numbering, amounts, changes, reads, refusals, idempotent creates."""
import json
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

YEAR = datetime.now(timezone.utc).year
TODAY = datetime.now(timezone.utc).date()


def test_a_draft_is_numbered_priced_and_totalled(selling):
    customer = selling.customer()
    item = selling.item(name="冷轧钢板 2mm")
    order = selling.draft(
        selling.line(quantity="3", unit_price="19.99", discount_pct="10", tax_rate="20", item_id=item),
        selling.line(quantity="2.5", unit_price="4.1", tax_rate="7.5"),
        customer=customer, requested_date=str(TODAY + timedelta(days=7)), notes="ring before delivery")
    assert order["number"].startswith(f"SO-{YEAR}-") and len(order["number"]) == len(f"SO-{YEAR}-000001")
    assert order["status"] == "draft" and order["version"] == 1 and order["order_date"] == str(TODAY)
    assert order["customer_code"] == customer["code"] and order["created_by_name"] == "seller-sam"
    first, second = order["lines"]
    # 3 × 19.99 × 0.9 = 53.973 → 53.97; tax 20% = 10.794 → 10.79
    assert (first["net_amount"], first["tax_amount"], first["discount_pct"], first["tax_rate"]) == (
        "53.97", "10.79", "10.00", "20.00")
    assert first["item_name"] == "冷轧钢板 2mm" and first["unit"] == "pcs" and first["line_no"] == 1
    # 2.5 × 4.1 = 10.25; tax 7.5% = 0.76875 → 0.77
    assert (second["net_amount"], second["tax_amount"], second["discount_pct"]) == ("10.25", "0.77", "0.00")
    assert (order["net_total"], order["tax_total"], order["total_amount"]) == ("64.22", "11.56", "75.78")
    assert first["quantity_reserved"] == "0.0000" and first["quantity_deliverable"] == "0.0000"


def test_numbers_follow_each_other_without_gaps(selling):
    customer = selling.customer()
    numbers = [selling.draft(customer=customer)["number"] for _ in range(3)]
    tails = [int(number.rsplit("-", 1)[1]) for number in numbers]
    assert tails == [tails[0], tails[0] + 1, tails[0] + 2]


def test_a_draft_changes_and_is_priced_again(selling):
    order = selling.draft(selling.line(quantity="1", unit_price="10"))
    response = selling.client.patch(f"/sales-orders/{order['id']}", json={
        "lines": [selling.line(quantity="2", unit_price="10", tax_rate="10")], "notes": "bigger"},
        headers=selling.seller)
    assert response.status_code == 200, response.json
    changed = response.json
    assert changed["version"] == 2 and changed["notes"] == "bigger" and len(changed["lines"]) == 1
    assert (changed["net_total"], changed["tax_total"], changed["total_amount"]) == ("20.00", "2.00", "22.00")
    assert selling.order(order) == changed


def test_only_a_draft_changes(selling):
    order = selling.confirmed()
    refused = selling.client.patch(f"/sales-orders/{order['id']}", json={"notes": "late"}, headers=selling.seller)
    assert refused.status_code == 409 and refused.content_type == "application/problem+json"
    assert "status" in refused.json["errors"]


def test_the_requested_date_must_not_precede_the_order_date(selling):
    body = {"customer_id": selling.customer()["id"], "lines": [selling.line()], "order_date": "2026-05-10",
            "requested_date": "2026-05-09"}
    refused = selling.client.post("/sales-orders", json=body, headers=selling.seller)
    assert refused.status_code == 422 and set(refused.json["errors"]) == {"requested_date"}
    order = selling.draft(order_date="2026-05-10", requested_date="2026-05-10")
    moved = selling.client.patch(f"/sales-orders/{order['id']}", json={"order_date": "2026-05-11"},
                                 headers=selling.seller)
    assert moved.status_code == 422 and set(moved.json["errors"]) == {"requested_date"}


@pytest.mark.parametrize("field,value", [
    ("quantity", "0"), ("quantity", "-1"), ("quantity", "1.00001"), ("unit_price", "-0.01"),
    ("discount_pct", "100.01"), ("discount_pct", "-1"), ("tax_rate", "101"), ("tax_rate", "1.005"),
    ("tax_rate", None), ("item_id", "not-a-uuid"),
])
def test_bad_lines_are_refused_naming_the_field(selling, field, value):
    line = selling.line(**{field: value})
    response = selling.client.post("/sales-orders", json={"customer_id": selling.customer()["id"], "lines": [line]},
                                   headers=selling.seller)
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.json["errors"]) == {"lines"} and set(response.json["errors"]["lines"]["0"]) == {field}


def test_references_must_be_known_and_active(selling):
    inactive_customer = selling.customer()
    selling.client.post(f"/customers/{inactive_customer['id']}/deactivate", headers=selling.seller)
    body = {"customer_id": inactive_customer["id"], "lines": [
        selling.line(item_id=uuid.uuid4()), selling.line(item_id=selling.item(active=False)),
        selling.line(warehouse_id=selling.warehouse(active=False))]}
    refused = selling.client.post("/sales-orders", json=body, headers=selling.seller)
    assert refused.status_code == 422 and set(refused.json["errors"]) == {"customer_id"}
    body["customer_id"] = selling.customer()["id"]
    refused = selling.client.post("/sales-orders", json=body, headers=selling.seller)
    assert refused.status_code == 422
    assert set(refused.json["errors"]) == {"lines[0].item_id", "lines[1].item_id", "lines[2].warehouse_id"}
    assert "not replicated yet" in refused.json["errors"]["lines[0].item_id"][0]
    unknown = selling.client.post("/sales-orders", json={**body, "customer_id": str(uuid.uuid4())},
                                  headers=selling.seller)
    assert unknown.status_code == 422 and set(unknown.json["errors"]) == {"customer_id"}


def test_an_empty_or_missing_body_names_what_is_missing(selling):
    response = selling.client.post("/sales-orders", json={"lines": []}, headers=selling.seller)
    assert response.status_code == 422 and set(response.json["errors"]) == {"customer_id", "lines"}
    order = selling.draft()
    nothing = selling.client.patch(f"/sales-orders/{order['id']}", json={}, headers=selling.seller)
    assert nothing.status_code == 422


def test_list_filters_and_paginates(selling):
    customer = selling.customer()
    drafts = [selling.draft(customer=customer) for _ in range(3)]
    selling.act(drafts[0], "confirm")
    listed = selling.client.get(f"/sales-orders?customer_id={customer['id']}&page_size=2&page=1",
                                headers=selling.viewer)
    assert listed.status_code == 200 and [o["number"] for o in listed.json] == [
        drafts[2]["number"], drafts[1]["number"]]
    assert "lines" not in listed.json[0] and listed.json[0]["customer_name"] == customer["name"]
    assert json.loads(listed.headers["X-Pagination"])["total"] == 3
    second_page = selling.client.get(f"/sales-orders?customer_id={customer['id']}&page_size=2&page=2",
                                     headers=selling.viewer).json
    assert [o["number"] for o in second_page] == [drafts[0]["number"]]
    confirmed = selling.client.get(f"/sales-orders?customer_id={customer['id']}&status=confirmed",
                                   headers=selling.viewer).json
    assert [o["id"] for o in confirmed] == [drafts[0]["id"]]
    by_number = selling.client.get(f"/sales-orders?number={drafts[1]['number']}", headers=selling.viewer).json
    assert [o["id"] for o in by_number] == [drafts[1]["id"]]
    bad = selling.client.get("/sales-orders?status=shipped", headers=selling.viewer)
    assert bad.status_code == 422 and "status" in bad.json["errors"]


def test_list_sorts_by_one_or_two_whitelisted_keys(selling):
    customer = selling.customer()
    soon, later = str(TODAY + timedelta(days=3)), str(TODAY + timedelta(days=9))
    first = selling.draft(selling.line(unit_price="30"), customer=customer, requested_date=later)
    second = selling.draft(selling.line(unit_price="10"), customer=customer, requested_date=soon)
    third = selling.draft(selling.line(unit_price="20"), customer=customer, requested_date=later)
    undated = selling.draft(selling.line(unit_price="40"), customer=customer)

    def listed(sort):
        response = selling.client.get(f"/sales-orders?customer_id={customer['id']}&sort={sort}",
                                      headers=selling.viewer)
        assert response.status_code == 200, response.json
        return [o["number"] for o in response.json]

    numbers = [o["number"] for o in (first, second, third, undated)]
    assert listed("total_amount") == [numbers[1], numbers[2], numbers[0], numbers[3]]
    assert listed("-total_amount") == [numbers[3], numbers[0], numbers[2], numbers[1]]
    assert listed("requested_date,-number") == [numbers[1], numbers[2], numbers[0], numbers[3]]
    assert listed("-requested_date,number") == [numbers[0], numbers[2], numbers[1], numbers[3]]
    bad = selling.client.get("/sales-orders?sort=credit_limit", headers=selling.viewer)
    assert bad.status_code == 422 and bad.content_type == "application/problem+json"
    assert set(bad.json["errors"]) == {"sort"}


def test_an_idempotency_key_makes_a_retried_create_answer_the_first_order(selling):
    body = {"customer_id": selling.customer()["id"], "lines": [selling.line()]}
    headers = {**selling.seller, "Idempotency-Key": f"so-{uuid.uuid4()}"}
    first = selling.client.post("/sales-orders", json=body, headers=headers)
    again = selling.client.post("/sales-orders", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json == first.json and again.headers.get("Idempotent-Replayed") == "true"
    listed = selling.client.get(f"/sales-orders?customer_id={body['customer_id']}", headers=selling.viewer).json
    assert [o["id"] for o in listed] == [first.json["id"]]
    other_body = selling.client.post("/sales-orders", json={**body, "notes": "x"}, headers=headers)
    assert other_body.status_code == 422 and "Idempotency-Key" in other_body.json["errors"]


def test_auth_roles_and_unknown_ids(selling):
    body = {"customer_id": selling.customer()["id"], "lines": [selling.line()]}
    assert selling.client.post("/sales-orders", json=body).status_code == 401
    assert selling.client.get("/sales-orders").status_code == 401
    for role in ("warehouse", "accounting", "viewer"):
        forbidden = selling.client.post("/sales-orders", json=body, headers=selling.tokens.headers(role))
        assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    order = selling.draft()
    assert selling.act(order, "confirm", headers=selling.clerk, expect=403)
    assert selling.act(order, "cancel", headers=selling.viewer, expect=403, reason="no")
    missing = uuid.uuid4()
    assert selling.client.get(f"/sales-orders/{missing}", headers=selling.viewer).status_code == 404
    for verb in ("confirm", "release-credit"):
        response = selling.client.post(f"/sales-orders/{missing}/{verb}", headers=selling.admin)
        assert response.status_code == 404 and response.content_type == "application/problem+json"
    assert selling.client.post("/sales-orders", json=body, headers=selling.admin).status_code == 201


def test_the_documents_are_in_the_openapi(client):
    paths = client.get("/openapi.json").json["paths"]
    assert {"/sales-orders", "/sales-orders/{order_id}", "/sales-orders/{order_id}/confirm",
            "/sales-orders/{order_id}/release-credit", "/sales-orders/{order_id}/cancel",
            "/sales-orders/{order_id}/deliveries", "/deliveries/{delivery_id}",
            "/deliveries/{delivery_id}/pdf", "/sales-orders/{order_id}/invoices", "/invoices",
            "/invoices/{invoice_id}", "/customer-payments", "/customer-payments/{payment_id}",
            "/customers/{customer_id}/ledger"} <= set(paths)


def test_an_order_date_far_back_is_kept_as_given(selling):
    order = selling.draft(order_date="2025-12-31")
    assert order["order_date"] == str(date(2025, 12, 31)) and order["number"].startswith(f"SO-{YEAR}-")
