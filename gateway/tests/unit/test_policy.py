import pytest

from erp_shared.web.auth import ROLES, AuthError, Principal

from gateway.policy import CROSS_ROLE_RULES, RULES, Policy, Rule

policy = Policy()

# The design's table, written out so a change to the policy's own table shows up here.
WRITER_OF = {"procurement": "purchasing", "inventory": "warehouse", "sales": "sales",
             "manufacturing": "production", "finance": "accounting", "hr": "hr"}


def principal(*roles: str) -> Principal:
    return Principal(subject="u-1", username="tester", roles=frozenset(roles))


def allowed(policy_: Policy, roles: tuple[str, ...], service: str, method: str, path: str) -> bool:
    try:
        policy_.authorize(principal(*roles), service, method, path)
    except AuthError as exc:
        assert exc.status == 403
        return False
    return True


@pytest.mark.parametrize("service", sorted(WRITER_OF))
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_any_role_reads_every_service(service, method):
    for role in ROLES:
        assert allowed(policy, (role,), service, method, "/things/1?x=1")


def test_an_account_without_roles_reads_nothing():
    assert not allowed(policy, (), "inventory", "GET", "/items")


@pytest.mark.parametrize("service, writer", sorted(WRITER_OF.items()))
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_writes_need_the_services_writer_role(service, writer, method):
    assert allowed(policy, (writer,), service, method, "/documents/1/approve")
    assert allowed(policy, ("admin",), service, method, "/documents")
    assert not allowed(policy, ("viewer",), service, method, "/documents")
    others = [role for role in WRITER_OF.values() if role != writer]
    assert not allowed(policy, tuple(others), service, method, "/documents")


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_admin_paths_are_for_admins_only(method):
    for path in ("/admin", "/admin/dead-letters", "/admin/dead-letters/42/replay"):
        assert not allowed(policy, ("warehouse", "viewer"), "inventory", method, path)
        assert allowed(policy, ("admin",), "inventory", method, path)


def test_a_path_that_only_starts_like_admin_is_not_an_admin_path():
    assert allowed(policy, ("viewer",), "hr", "GET", "/administrators")
    assert allowed(policy, ("hr",), "hr", "POST", "/administrators")


def test_the_refusal_names_the_roles_that_would_pass():
    with pytest.raises(AuthError) as refused:
        policy.authorize(principal("sales"), "inventory", "POST", "/items")
    assert refused.value.status == 403
    assert refused.value.detail == "POST /api/inventory/items needs one of the roles: admin, warehouse"


def test_a_route_no_rule_covers_is_refused_even_to_every_role_but_admin():
    with pytest.raises(AuthError, match="not open to any role"):
        policy.authorize(principal(*[r for r in ROLES if r != "admin"]), "reports", "POST", "/run")


def test_an_earlier_rule_wins_so_exceptions_go_first():
    receipts = Rule("procurement", {"post"}, r"/purchase-orders/[^/]+/receipts", {"warehouse", "purchasing"})
    extended = Policy([receipts, *RULES])
    assert allowed(extended, ("warehouse",), "procurement", "POST", "/purchase-orders/7/receipts")
    assert not allowed(extended, ("warehouse",), "procurement", "POST", "/purchase-orders")
    assert not allowed(extended, ("warehouse",), "procurement", "POST", "/purchase-orders/7/receipts/extra")
    general_only = Policy([rule for rule in RULES if rule not in CROSS_ROLE_RULES])
    assert not allowed(general_only, ("warehouse",), "procurement", "POST", "/purchase-orders/7/receipts")


def test_a_rule_with_a_misspelt_role_fails_at_import_time():
    with pytest.raises(ValueError, match="warehous"):
        Rule("inventory", {"POST"}, r"/items", {"warehous"})


def test_procure_to_pay_crosses_departments_only_where_it_must():
    def may(role, method, path):
        return allowed(policy, (role,), "procurement", method, path)

    assert may("warehouse", "POST", "/purchase-orders/abc/receipts")
    assert not may("warehouse", "POST", "/purchase-orders/abc/approve")
    assert may("accounting", "POST", "/supplier-invoices")
    assert may("accounting", "POST", "/supplier-invoices/abc/approve")
    assert may("accounting", "POST", "/supplier-payments")
    assert not may("purchasing", "POST", "/supplier-payments")
    assert not may("purchasing", "PUT", "/settings")
    assert not may("accounting", "POST", "/purchase-orders")


def test_order_to_cash_crosses_departments_only_where_it_must():
    def may(role, method, path):
        return allowed(policy, (role,), "sales", method, path)

    assert may("warehouse", "POST", "/sales-orders/abc/deliveries")
    assert may("warehouse", "POST", "/deliveries/abc/returns") and may("sales", "POST", "/deliveries/abc/returns")
    assert not may("accounting", "POST", "/deliveries/abc/returns")
    assert not may("warehouse", "POST", "/sales-orders/abc/confirm")
    assert may("accounting", "POST", "/sales-orders/abc/release-credit")
    assert not may("sales", "POST", "/sales-orders/abc/release-credit")
    assert may("accounting", "POST", "/customer-payments")
    assert not may("sales", "POST", "/customer-payments")
    assert may("sales", "POST", "/sales-orders/abc/invoices") and may("accounting", "POST", "/sales-orders/abc/invoices")


def test_any_working_role_may_ask_for_material_but_only_the_warehouse_hands_it_out():
    def may(role, path):
        return allowed(policy, (role,), "inventory", "POST", path)

    for role in ("warehouse", "production", "purchasing", "sales", "hr", "accounting"):
        assert may(role, "/material-requisitions") and may(role, "/material-requisitions/abc/cancel")
    assert not may("viewer", "/material-requisitions")
    for path in ("/material-requisitions/abc/approve", "/material-requisitions/abc/reject",
                 "/material-requisitions/abc/issues", "/material-issues/abc/returns"):
        assert may("warehouse", path)
        assert not may("production", path) and not may("accounting", path)
