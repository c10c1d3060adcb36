"""The purchase order lifecycle through the API: approval, segregation of duties, double clicks, PDF."""
import uuid


def test_an_order_within_the_threshold_is_approved_on_submission(purchasing):
    order = purchasing.draft(purchasing.line(quantity="4000", unit_price="2.50"))   # exactly 10000.00
    submitted = purchasing.act(order, "submit")
    assert submitted["status"] == "approved" and submitted["approved_by"] == "auto"
    assert submitted["approved_by_name"] == "auto" and submitted["approved_at"] and submitted["version"] == 2


def test_above_the_threshold_another_buyer_approves(purchasing, client):
    order = purchasing.draft(purchasing.line(quantity="4000", unit_price="2.5001"))   # 10000.40
    submitted = purchasing.act(order, "submit")
    assert submitted["status"] == "submitted" and submitted["approved_by"] is None
    own = client.post(f"/purchase-orders/{order['id']}/approve", headers=purchasing.buyer)
    assert own.status_code == 422 and own.content_type == "application/problem+json"
    assert own.json["title"] == "Segregation of duties" and "segregation of duties" in own.json["detail"]
    assert "approved_by" in own.json["errors"]
    approved = purchasing.act(order, "approve", headers=purchasing.approver)
    assert approved["status"] == "approved" and approved["approved_by_name"] == "buyer-bob"
    assert approved["approved_by"] != approved["created_by"] and approved["version"] == 3


def test_the_threshold_is_the_configured_one(purchasing):
    purchasing.settings(approval_threshold="100.00")
    order = purchasing.draft(purchasing.line(quantity="1", unit_price="100.01"))
    assert purchasing.act(order, "submit")["status"] == "submitted"


def test_approving_needs_the_purchasing_role_and_admin_passes(purchasing, client, erp_tokens):
    purchasing.settings(approval_threshold="0.00")
    order = purchasing.draft()
    purchasing.act(order, "submit")
    clerk = client.post(f"/purchase-orders/{order['id']}/approve", headers=purchasing.clerk)
    assert clerk.status_code == 403
    approved = purchasing.act(order, "approve", headers=purchasing.admin)
    assert approved["approved_by_name"] == "root"


def test_a_double_click_gets_a_conflict_the_second_time(purchasing, client):
    purchasing.settings(approval_threshold="0.00")
    order = purchasing.draft()
    for verb, headers in (("submit", purchasing.buyer), ("approve", purchasing.approver),
                          ("send", purchasing.buyer)):
        first = client.post(f"/purchase-orders/{order['id']}/{verb}", headers=headers)
        second = client.post(f"/purchase-orders/{order['id']}/{verb}", headers=headers)
        assert first.status_code == 200, (verb, first.json)
        assert second.status_code == 409 and second.content_type == "application/problem+json", verb
    sent = purchasing.order(order)
    assert sent["status"] == "sent" and sent["version"] == 4 and sent["sent_at"]


def test_transitions_out_of_order_are_conflicts(purchasing, client):
    order = purchasing.draft()
    for verb in ("approve", "send", "close"):
        assert client.post(f"/purchase-orders/{order['id']}/{verb}", headers=purchasing.approver).status_code == 409
    assert purchasing.order(order)["version"] == 1


def test_cancel_needs_a_reason_and_works_until_goods_arrive(purchasing, client):
    order = purchasing.sent()
    no_reason = client.post(f"/purchase-orders/{order['id']}/cancel", json={"reason": "  "}, headers=purchasing.buyer)
    assert no_reason.status_code == 422 and "reason" in no_reason.json["errors"]
    cancelled = purchasing.act(order, "cancel", reason="supplier cannot deliver")
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == "supplier cannot deliver"
    assert cancelled["lines"][0]["open_quantity"] == "0.0000"
    again = client.post(f"/purchase-orders/{order['id']}/cancel", json={"reason": "again"}, headers=purchasing.buyer)
    assert again.status_code == 409


def test_an_order_with_receipts_is_closed_short_not_cancelled(purchasing, client):
    order = purchasing.sent(purchasing.line(quantity="10"))
    received = purchasing.receive(order, purchasing.receipt_line(order["lines"][0], "4"))
    assert received.status_code == 201, received.json
    refused = client.post(f"/purchase-orders/{order['id']}/cancel", json={"reason": "too late"},
                          headers=purchasing.buyer)
    assert refused.status_code == 409 and "close it instead" in refused.json["detail"]
    closed = purchasing.act(order, "close")
    assert closed["status"] == "closed" and closed["closed_at"] and closed["lines"][0]["open_quantity"] == "0.0000"
    late = purchasing.receive(order, purchasing.receipt_line(order["lines"][0], "1"))
    assert late.status_code == 409


def test_the_pdf_is_a_printable_order(purchasing, client):
    supplier = purchasing.supplier(name="上海钢铁有限公司", contact_name="王伟")
    order = purchasing.draft(purchasing.line(purchasing.item(name="冷轧钢板 2mm"), quality_standard="GB/T 708"),
                             supplier=supplier)
    response = client.get(f"/purchase-orders/{order['id']}/pdf", headers=purchasing.viewer)
    assert response.status_code == 200 and response.content_type == "application/pdf"
    assert response.data.startswith(b"%PDF") and len(response.data) > 1000
    assert order["number"].encode() in response.data
    assert f'filename="{order["number"]}.pdf"' in response.headers["Content-Disposition"]
    assert client.get(f"/purchase-orders/{order['id']}/pdf").status_code == 401


def test_versions_count_every_change(purchasing):
    purchasing.settings(approval_threshold="0.00")
    order = purchasing.draft()
    versions = [order["version"]]
    versions.append(purchasing.act(order, "submit")["version"])
    versions.append(purchasing.act(order, "approve", headers=purchasing.approver)["version"])
    versions.append(purchasing.act(order, "send")["version"])
    receipt = purchasing.receive(order, purchasing.receipt_line(order["lines"][0], "10"))
    assert receipt.status_code == 201
    versions.append(purchasing.order(order)["version"])
    versions.append(purchasing.act(order, "close")["version"])
    assert versions == [1, 2, 3, 4, 5, 6]


def test_an_unknown_requisition_or_order_id_in_the_path_is_not_found(purchasing, client):
    response = client.post(f"/purchase-orders/{uuid.uuid4()}/cancel", json={"reason": "x"}, headers=purchasing.buyer)
    assert response.status_code == 404
