"""Master data created through the gateway reaches every read model that needs it."""
import uuid

from erp_shared.testing.waiting import wait_until

ITEM_READERS = ("procurement", "sales", "manufacturing", "finance")


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


def read_model(system, service: str, name: str, record_id: str):
    response = system.call("GET", f"/api/{service}/read-models/{name}?id={record_id}", role="viewer")
    assert response.status_code == 200, response.text
    return response.json()[0] if response.json() else None


def wait_for_version(system, service, name, record_id, version):
    return wait_until(lambda: (row := read_model(system, service, name, record_id)) and row["sequence"] == version
                      and row, timeout=30, message=f"{name} {record_id} v{version} never reached {service}")


def test_an_item_reaches_procurement_sales_manufacturing_and_finance(system):
    created = system.call("POST", "/api/inventory/items", role="warehouse", json={
        "code": unique("RM"), "name": "Copper wire 1.5mm", "unit": "m", "item_type": "raw_material",
        "reorder_level": "250", "reorder_quantity": "1000"})
    assert created.status_code == 201, created.text
    item = created.json()
    for service in ITEM_READERS:
        row = wait_for_version(system, service, "items", item["id"], 1)
        assert row["code"] == item["code"] and row["name"] == "Copper wire 1.5mm"

    renamed = system.call("PATCH", f"/api/inventory/items/{item['id']}", role="warehouse",
                          json={"name": "Copper wire 2.5mm"})
    assert renamed.status_code == 200 and renamed.json()["version"] == 2
    deactivated = system.call("POST", f"/api/inventory/items/{item['id']}/deactivate", role="warehouse")
    assert deactivated.status_code == 200
    for service in ITEM_READERS:
        row = wait_for_version(system, service, "items", item["id"], 3)
        assert row["name"] == "Copper wire 2.5mm" and row["active"] is False


def test_a_warehouse_reaches_the_services_that_stock_or_post_against_it(system):
    created = system.call("POST", "/api/inventory/warehouses", role="warehouse",
                          json={"code": unique("WH"), "name": "Main warehouse", "address": "1 Dock Road"})
    assert created.status_code == 201, created.text
    for service in ITEM_READERS:
        wait_for_version(system, service, "warehouses", created.json()["id"], 1)


def test_a_supplier_reaches_inventory_and_finance_with_bank_details_only_for_finance_roles(system):
    created = system.call("POST", "/api/procurement/suppliers", role="purchasing", json={
        "code": unique("SUP"), "name": "Shenzhen Metals", "payment_terms_days": 45,
        "bank_account_name": "Shenzhen Metals Ltd", "bank_iban": "DE89370400440532013000", "bank_bic": "COBADEFF370"})
    assert created.status_code == 201, created.text
    supplier = created.json()
    wait_for_version(system, "inventory", "suppliers", supplier["id"], 1)
    wait_for_version(system, "finance", "suppliers", supplier["id"], 1)
    seen_by_accounting = system.call("GET", f"/api/finance/read-models/suppliers?id={supplier['id']}",
                                     role="accounting").json()[0]
    assert seen_by_accounting["bank_iban"] == "DE89370400440532013000"
    assert "bank_iban" not in read_model(system, "finance", "suppliers", supplier["id"])
    assert "bank_iban" not in system.call("GET", f"/api/procurement/suppliers/{supplier['id']}",
                                          role="warehouse").json()


def test_a_customer_reaches_finance_with_its_credit_limit(system):
    created = system.call("POST", "/api/sales/customers", role="sales", json={
        "code": unique("CUS"), "name": "Northwind Trading", "credit_rating": "A", "credit_limit": "50000.00"})
    assert created.status_code == 201, created.text
    row = wait_for_version(system, "finance", "customers", created.json()["id"], 1)
    assert row["credit_limit"] == "50000.00" and row["credit_rating"] == "A"


def test_departments_and_employees_reach_finance_and_inventory(system):
    department = system.call("POST", "/api/hr/departments", role="hr",
                             json={"code": unique("DEP"), "name": "Assembly"})
    assert department.status_code == 201, department.text
    employee = system.call("POST", "/api/hr/employees", role="hr", json={
        "employee_no": unique("E"), "full_name": "Wang Fang", "department_id": department.json()["id"]})
    assert employee.status_code == 201, employee.text
    for service in ("finance", "inventory"):
        wait_for_version(system, service, "departments", department.json()["id"], 1)
        row = wait_for_version(system, service, "employees", employee.json()["id"], 1)
        assert row["department_id"] == department.json()["id"]


def test_work_centers_and_accounts_are_managed_through_the_gateway(system):
    center = system.call("POST", "/api/manufacturing/work-centers", role="production",
                         json={"code": unique("WC"), "name": "CNC line", "capacity_hours_per_day": "16"})
    assert center.status_code == 201, center.text
    account = system.call("POST", "/api/finance/accounts", role="accounting",
                          json={"code": "6200", "name": "Rent", "account_type": "expense"})
    assert account.status_code in (201, 409), account.text
    chart = system.call("GET", "/api/finance/accounts?page_size=100", role="viewer").json()
    assert {"1000", "1200", "2000", "2100", "4000", "5000"} <= {a["code"] for a in chart}
