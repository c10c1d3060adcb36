"""Confirmation: the credit check, the reservation request it sends (or holds back), the release of a credit
hold by someone else, and cancellation with its compensation event."""
import threading
import uuid
from decimal import Decimal

from erp_shared.events import catalog

CONFIRMED = "sales.order_confirmed.v1"
CANCELLED = "sales.order_cancelled.v1"


def test_confirming_within_the_limit_asks_inventory_to_reserve_in_the_same_transaction(selling):
    warehouse = selling.warehouse()
    order = selling.draft(selling.line(quantity="4", warehouse_id=warehouse),
                          selling.line(quantity="1.5", warehouse_id=warehouse), requested_date="2030-01-01")
    confirmed = selling.act(order, "confirm")
    assert confirmed["status"] == "confirmed" and confirmed["version"] == 2
    assert confirmed["confirmed_by_name"] == "seller-sam" and confirmed["reservation_requested_at"]
    assert Decimal(confirmed["credit_exposure"]) == Decimal(order["total_amount"])
    assert confirmed["credit_limit"] == "100000.00"
    [event] = selling.events(order["id"], CONFIRMED)
    assert event.source == "sales" and event.subject == order["id"] and event.sequence == confirmed["version"]
    data = catalog.load(event.type, event.data)        # the contract inventory consumes
    assert str(data["order_id"]) == order["id"] and data["order_no"] == order["number"]
    assert str(data["customer_id"]) == order["customer_id"] and str(data["order_date"]) == order["order_date"]
    assert [(str(l["order_line_id"]), str(l["item_id"]), l["warehouse_id"], l["quantity"]) for l in data["lines"]] == [
        (line["id"], line["item_id"], warehouse, Decimal(line["quantity"])) for line in order["lines"]]
    again = selling.act(order, "confirm", expect=409)
    assert again["status"] == 409 and len(selling.events(order["id"], CONFIRMED)) == 1


def test_exposure_counts_the_customers_other_open_orders_and_holds_what_goes_over(selling):
    customer = selling.customer(credit_limit="1000.00")
    first = selling.confirmed(selling.line(quantity="1", unit_price="600"), customer=customer)
    selling.draft(selling.line(quantity="1", unit_price="900"), customer=customer)   # drafts promise nothing
    cancelled = selling.confirmed(selling.line(quantity="1", unit_price="300"), customer=customer)
    selling.act(cancelled, "cancel", reason="customer changed their mind")
    exactly = selling.act(selling.draft(selling.line(quantity="1", unit_price="400"), customer=customer),
                          "confirm")
    assert exactly["status"] == "confirmed" and exactly["credit_exposure"] == "1000.00"   # at the limit: fine
    over = selling.draft(selling.line(quantity="1", unit_price="0.01"), customer=customer)
    held = selling.act(over, "confirm")
    assert held["status"] == "credit_hold" and held["credit_exposure"] == "1000.01"
    assert held["reservation_requested_at"] is None and selling.events(over["id"], CONFIRMED) == []
    assert first["status"] == "confirmed"


def test_a_held_order_counts_toward_exposure_too(selling):
    customer = selling.customer(credit_limit="100.00")
    held = selling.act(selling.draft(selling.line(quantity="1", unit_price="150"), customer=customer), "confirm")
    assert held["status"] == "credit_hold"
    small = selling.act(selling.draft(selling.line(quantity="1", unit_price="1"), customer=customer), "confirm")
    assert small["status"] == "credit_hold" and small["credit_exposure"] == "151.00"


def test_a_cash_only_customer_is_held_for_any_amount(selling):
    customer = selling.customer(credit_limit="0", credit_rating="D")
    free = selling.act(selling.draft(selling.line(unit_price="0"), customer=customer), "confirm")
    assert free["status"] == "confirmed"
    paid = selling.act(selling.draft(selling.line(unit_price="1"), customer=customer), "confirm")
    assert paid["status"] == "credit_hold"


def test_accounting_releases_a_hold_and_the_reservation_request_leaves(selling):
    customer = selling.customer(credit_limit="10.00")
    order = selling.act(selling.draft(selling.line(quantity="1", unit_price="50"), customer=customer), "confirm")
    assert order["status"] == "credit_hold"
    released = selling.act(order, "release-credit", headers=selling.accountant)
    assert released["status"] == "confirmed" and released["credit_released_by_name"] == "acct-ann"
    assert released["reservation_requested_at"] and released["version"] == 3
    [event] = selling.events(order["id"], CONFIRMED)
    assert event.sequence == 3 and catalog.load(event.type, event.data)["order_no"] == order["number"]
    assert selling.act(order, "release-credit", headers=selling.accountant, expect=409)["status"] == 409


def test_a_hold_is_not_released_by_sales_nor_by_the_person_who_confirmed(selling):
    customer = selling.customer(credit_limit="10.00")
    dual = selling.tokens.headers("sales", "accounting", username="dual-dee")
    order = selling.act(selling.draft(selling.line(quantity="1", unit_price="50"), customer=customer), "confirm",
                        headers=dual)
    by_sales = selling.act(order, "release-credit", headers=selling.other_seller, expect=422)
    assert set(by_sales["errors"]) == {"credit_released_by"} and "accounting" in by_sales["detail"]
    assert by_sales["title"] == "Segregation of duties"
    by_confirmer = selling.act(order, "release-credit", headers=dual, expect=422)
    assert set(by_confirmer["errors"]) == {"credit_released_by"} and "confirmed" in by_confirmer["detail"]
    assert selling.act(order, "release-credit", headers=selling.clerk, expect=403)["status"] == 403
    assert selling.order(order)["status"] == "credit_hold" and selling.events(order["id"], CONFIRMED) == []
    assert selling.act(order, "release-credit", headers=selling.admin)["status"] == "confirmed"


def test_release_is_only_for_held_orders(selling):
    draft = selling.draft()
    assert selling.act(draft, "release-credit", headers=selling.accountant, expect=409)["status"] == 409


def test_cancelling_a_confirmed_order_tells_inventory_to_release(selling):
    order = selling.confirmed()
    cancelled = selling.act(order, "cancel", reason="customer went elsewhere")
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == "customer went elsewhere"
    [event] = selling.events(order["id"], CANCELLED)
    assert event.sequence == cancelled["version"] == 3
    data = catalog.load(event.type, event.data)
    assert str(data["order_id"]) == order["id"] and data["reason"] == "customer went elsewhere"
    assert selling.act(order, "cancel", reason="twice", expect=409)["status"] == 409
    assert len(selling.events(order["id"], CANCELLED)) == 1


def test_cancelling_before_any_reservation_was_asked_for_tells_nobody(selling):
    draft = selling.draft()
    assert selling.act(draft, "cancel", reason="typo")["status"] == "cancelled"
    held = selling.act(selling.draft(selling.line(unit_price="1"), customer=selling.customer(credit_limit="0")),
                       "confirm")
    assert selling.act(held, "cancel", reason="no credit")["status"] == "cancelled"
    assert selling.events(draft["id"]) == [] and selling.events(held["id"]) == []


def test_cancel_needs_a_reason(selling):
    order = selling.draft()
    for body in ({}, {"reason": "  "}, {"reason": ""}):
        response = selling.client.post(f"/sales-orders/{order['id']}/cancel", json=body, headers=selling.seller)
        assert response.status_code == 422 and set(response.json["errors"]) == {"reason"}


def test_confirming_an_unknown_order_is_404(selling):
    assert selling.act({"id": str(uuid.uuid4())}, "confirm", expect=404)["status"] == 404


def test_concurrent_confirmations_cannot_both_squeeze_under_the_limit(selling, app):
    customer = selling.customer(credit_limit="1000.00")
    drafts = [selling.draft(selling.line(quantity="1", unit_price="600"), customer=customer) for _ in range(4)]
    start = threading.Barrier(len(drafts))
    statuses = []

    def confirm(order):
        with app.test_client() as client:
            start.wait()
            response = client.post(f"/sales-orders/{order['id']}/confirm", headers=selling.seller)
            statuses.append(response.json["status"])

    threads = [threading.Thread(target=confirm, args=(order,)) for order in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == ["confirmed", "credit_hold", "credit_hold", "credit_hold"]
    confirmed = [o for o in drafts if selling.order(o)["status"] == "confirmed"]
    assert len(confirmed) == 1 and len(selling.events(confirmed[0]["id"], CONFIRMED)) == 1
