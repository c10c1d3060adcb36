"""Sales order rules without I/O: line amounts, totals, and every transition of the lifecycle."""
from datetime import date, datetime, timezone
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from erp_shared.errors import Conflict, RuleViolation

from sales import ordering_domain as domain

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
DAY = date(2026, 3, 2)


def order(status="draft", **values):
    fields = {"number": "SO-2026-000001", "status": status, "version": 1, "updated_at": None,
              "confirmed_by": None, "reservation_requested_at": None}
    fields.update(values)
    return SimpleNamespace(**fields)


def line(quantity="1", unit_price="10", discount_pct="0", tax_rate="0"):
    return {"quantity": D(quantity), "unit_price": D(unit_price), "discount_pct": D(discount_pct),
            "tax_rate": D(tax_rate)}


@pytest.mark.parametrize("quantity,price,discount,rate,net,tax", [
    ("3", "19.99", "10", "20", "53.97", "10.79"),         # 53.973 → 53.97; 10.794 → 10.79
    ("1", "0.125", "0", "0", "0.13", "0.00"),             # half up, not half even
    ("1", "0.105", "0", "10", "0.11", "0.01"),            # tax on the rounded net: 0.011 → 0.01
    ("2.5", "4.1", "0", "7.5", "10.25", "0.77"),
    ("7", "3", "100", "20", "0.00", "0.00"),
    ("1", "0.05", "0", "10", "0.05", "0.01"),             # 0.005 → 0.01
])
def test_net_and_tax_are_rounded_once_per_line_half_up(quantity, price, discount, rate, net, tax):
    amount = domain.net_amount(D(quantity), D(price), D(discount))
    assert amount == D(net) and domain.tax_amount(amount, D(rate)) == D(tax)


def test_lines_are_numbered_scaled_and_totalled_from_the_rounded_amounts():
    priced, totals = domain.priced_lines([line("3", "19.99", "10", "20"), line("1", "0.125")], DAY, None)
    assert [p["line_no"] for p in priced] == [1, 2]
    assert str(priced[0]["quantity"]) == "3.0000" and str(priced[0]["discount_pct"]) == "10.00"
    assert totals == {"net_total": D("54.10"), "tax_total": D("10.79"), "total_amount": D("64.89")}


def test_amounts_the_books_cannot_hold_and_early_requested_dates_are_refused():
    with pytest.raises(RuleViolation) as huge:
        domain.priced_lines([line("1", "1"), line("99999999999999", "99999999")], DAY, None)
    assert set(huge.value.errors) == {"lines[1].unit_price"}
    with pytest.raises(RuleViolation) as early:
        domain.priced_lines([line()], DAY, date(2026, 3, 1))
    assert set(early.value.errors) == {"requested_date"}
    domain.priced_lines([line()], DAY, DAY)


def test_only_a_draft_is_edited_and_each_change_bumps_the_version():
    draft = order()
    domain.edit(draft, NOW)
    assert draft.version == 2 and draft.updated_at == NOW
    with pytest.raises(Conflict) as refused:
        domain.edit(order("confirmed"), NOW)
    assert refused.value.status == 409 and set(refused.value.errors) == {"status"}


def test_confirming_within_credit_requests_the_reservation():
    draft = order()
    assert domain.confirm(draft, within_credit=True, exposure=D("10"), credit_limit=D("10"), confirmer_id="s-1",
                          confirmer_name="sam", now=NOW) is True
    assert draft.status == "confirmed" and draft.version == 2 and draft.confirmed_by == "s-1"
    assert draft.reservation_requested_at == draft.reservation_sent_at == NOW and draft.reservation_resends == 0


def test_confirming_over_credit_holds_the_order_without_a_reservation():
    draft = order()
    assert domain.confirm(draft, within_credit=False, exposure=D("11"), credit_limit=D("10"), confirmer_id="s-1",
                          confirmer_name="sam", now=NOW) is False
    assert draft.status == "credit_hold" and draft.reservation_requested_at is None
    assert (draft.credit_exposure, draft.credit_limit) == (D("11"), D("10"))


@pytest.mark.parametrize("status", ["confirmed", "credit_hold", "reserved", "cancelled"])
def test_only_a_draft_is_confirmed(status):
    with pytest.raises(Conflict):
        domain.confirm(order(status), within_credit=True, exposure=D(0), credit_limit=D(0), confirmer_id="s",
                       confirmer_name="s", now=NOW)


def held():
    return order("credit_hold", confirmed_by="seller-1", version=2)


@pytest.mark.parametrize("roles", [{"accounting"}, {"admin"}, {"accounting", "sales"}])
def test_accounting_or_an_admin_who_did_not_confirm_releases_a_hold(roles):
    hold = held()
    domain.release_credit(hold, releaser_id="other", releaser_name="ann", releaser_roles=frozenset(roles), now=NOW)
    assert hold.status == "confirmed" and hold.credit_released_by == "other" and hold.version == 3
    assert hold.reservation_requested_at == NOW


@pytest.mark.parametrize("releaser,roles", [("other", {"sales"}), ("other", {"warehouse", "viewer"}),
                                            ("seller-1", {"accounting"}), ("seller-1", {"admin"})])
def test_segregation_of_duties_on_release(releaser, roles):
    hold = held()
    with pytest.raises(domain.SegregationOfDuties) as refused:
        domain.release_credit(hold, releaser_id=releaser, releaser_name="x", releaser_roles=frozenset(roles),
                              now=NOW)
    assert refused.value.status == 422 and set(refused.value.errors) == {"credit_released_by"}
    assert hold.status == "credit_hold" and hold.version == 2


def test_a_release_needs_a_held_order_before_anything_else():
    with pytest.raises(Conflict):
        domain.release_credit(order("confirmed"), releaser_id="x", releaser_name="x",
                              releaser_roles=frozenset({"accounting"}), now=NOW)


@pytest.mark.parametrize("status,requested,tells_inventory", [
    ("draft", None, False), ("credit_hold", None, False), ("confirmed", NOW, True), ("reserved", NOW, True),
    ("partially_reserved", NOW, True), ("backordered", NOW, True),
])
def test_cancel_before_goods_left_and_say_whether_inventory_must_release(status, requested, tells_inventory):
    open_order = order(status, reservation_requested_at=requested)
    assert domain.cancel(open_order, reason="why", now=NOW) is tells_inventory
    assert open_order.status == "cancelled" and open_order.cancel_reason == "why" and open_order.version == 2


@pytest.mark.parametrize("status", ["partially_delivered", "delivered", "invoiced", "paid", "cancelled"])
def test_no_cancel_once_goods_left_or_twice(status):
    with pytest.raises(Conflict):
        domain.cancel(order(status), reason="why", now=NOW)
