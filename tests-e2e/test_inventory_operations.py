"""The warehouse's daily documents through the gateway and the real workers: one batch received, issued to a
department in part then in full with an unused unit returned, transferred and received short, delivered to a
customer, and counted blind with a gain on one item and a loss on another. Every step's journal is checked,
the batch is traced from its supplier to where it went, and the stock ledger reconciles with GL 1200 at zero.
Bad input is refused with a 4xx naming the field and changes nothing."""
import uuid
from decimal import Decimal

import pytest

from erp_shared.testing.waiting import wait_until


def ok(response, status=200):
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


def balances(system) -> dict[str, Decimal]:
    trial = ok(system.call("GET", "/api/finance/reports/trial-balance", role="viewer"))
    assert trial["total_debit"] == trial["total_credit"]
    return {a["code"]: Decimal(a["balance"]) for a in trial["accounts"]}


def stock_value(system) -> Decimal:
    return Decimal(ok(system.call("GET", "/api/inventory/stock/valuation", role="viewer"))["total_value"])


def reconciliation(system) -> dict:
    return ok(system.call("GET", "/api/inventory/reconciliation/stock-to-gl", role="viewer"))


def wait_for_gl(system, expected: dict[str, Decimal], before: dict[str, Decimal]) -> dict[str, Decimal]:
    """Until each account moved by exactly `expected` since `before` and the stock ledger reconciles."""
    state = {}

    def probe():
        now = state["now"] = balances(system)
        return (all(now.get(code, Decimal(0)) - before.get(code, Decimal(0)) == delta
                    for code, delta in expected.items())
                and reconciliation(system)["status"] == "balanced")
    wait_until(probe, timeout=30, interval=0.3,
               message=lambda: f"GL never moved by {expected}: {state.get('now')}; {reconciliation(system)}")
    return state["now"]


def on_hand(system, item_id, warehouse_id) -> Decimal:
    rows = ok(system.call("GET", f"/api/inventory/stock?item_id={item_id}&warehouse_id={warehouse_id}",
                          role="viewer"))
    return sum((Decimal(r["on_hand"]) for r in rows), Decimal(0))


def replicated(system, service, kind, record_id):
    wait_until(lambda: ok(system.call("GET", f"/api/{service}/read-models/{kind}?id={record_id}", role="viewer")),
               message=f"{kind} {record_id} never reached {service}")


@pytest.fixture(scope="module")
def plant(system):
    """Two warehouses, two items bought in with batches, a department with an employee, a customer."""
    main, line = (ok(system.call("POST", "/api/inventory/warehouses", role="warehouse",
                                 json={"code": unique("WH"), "name": name}), 201) for name in ("Main", "Line side"))
    bolts, nuts = (ok(system.call("POST", "/api/inventory/items", role="warehouse", json={
        "code": unique(code), "name": name, "unit": "pc", "item_type": "raw_material"}), 201)
        for code, name in (("BOLT", "Hex bolt M8 六角螺栓"), ("NUT", "Hex nut M8")))
    supplier = ok(system.call("POST", "/api/procurement/suppliers", role="purchasing",
                              json={"code": unique("SUP"), "name": "Fastener works"}), 201)
    department = ok(system.call("POST", "/api/hr/departments", role="hr",
                                json={"code": unique("DEP"), "name": "Assembly"}), 201)
    employee = ok(system.call("POST", "/api/hr/employees", role="hr", json={
        "employee_no": unique("E"), "full_name": "Li Wei", "department_id": department["id"]}), 201)
    buyer = ok(system.call("POST", "/api/sales/customers", role="sales", json={
        "code": unique("CUS"), "name": "Contoso", "credit_rating": "A", "credit_limit": "100000.00"}), 201)
    for service, kind, record in (("procurement", "items", bolts), ("procurement", "items", nuts),
                                  ("procurement", "warehouses", main), ("sales", "items", bolts),
                                  ("sales", "warehouses", line), ("inventory", "departments", department),
                                  ("inventory", "employees", employee)):
        replicated(system, service, kind, record["id"])
    batch = unique("LOT")
    order = ok(system.call("POST", "/api/procurement/purchase-orders", role="purchasing", json={
        "supplier_id": supplier["id"], "lines": [{"item_id": bolts["id"], "quantity": "20", "unit_price": "5.00"},
                                                 {"item_id": nuts["id"], "quantity": "10", "unit_price": "2.00"}]}),
        201)
    ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/submit", role="admin"))
    if ok(system.call("GET", f"/api/procurement/purchase-orders/{order['id']}", role="viewer"))["status"] == \
            "submitted":
        ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/approve", role="admin"))
    ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/send", role="purchasing"))
    receipt = ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", role="warehouse",
                             json={"lines": [
                                 {"po_line_id": order["lines"][0]["id"], "quantity_received": "20",
                                  "quantity_accepted": "20", "quantity_rejected": "0", "warehouse_id": main["id"],
                                  "batch_no": batch},
                                 {"po_line_id": order["lines"][1]["id"], "quantity_received": "10",
                                  "quantity_accepted": "10", "quantity_rejected": "0", "warehouse_id": main["id"],
                                  "batch_no": unique("NUTLOT")}]}), 201)
    wait_until(lambda: on_hand(system, bolts["id"], main["id"]) == 20 and on_hand(system, nuts["id"], main["id"]) == 10,
               message="the receipt never reached stock")
    return {"main": main, "line": line, "bolts": bolts, "nuts": nuts, "supplier": supplier, "order": order,
            "receipt": receipt, "batch": batch, "department": department, "employee": employee, "buyer": buyer}


def test_a_batch_from_receipt_to_requisition_transfer_delivery_and_count(system, plant):
    main, line, bolts, nuts = plant["main"], plant["line"], plant["bolts"], plant["nuts"]
    before = wait_for_gl(system, {}, {})

    # A requisition from the assembly department, approved by the store, issued in part then in full.
    requisition = ok(system.call("POST", "/api/inventory/material-requisitions", role="production", json={
        "department_id": plant["department"]["id"], "requested_by": plant["employee"]["id"],
        "lines": [{"item_id": bolts["id"], "warehouse_id": main["id"], "quantity": "8"}]}), 201)
    assert requisition["number"].startswith("MR-")
    unapproved = system.call("POST", f"/api/inventory/material-requisitions/{requisition['id']}/issues",
                             role="warehouse", json={"lines": [{"requisition_line_id": requisition["lines"][0]["id"],
                                                                "quantity": "3"}]})
    assert unapproved.status_code == 409
    ok(system.call("POST", f"/api/inventory/material-requisitions/{requisition['id']}/approve", role="warehouse"))
    req_line = requisition["lines"][0]["id"]
    first = ok(system.call("POST", f"/api/inventory/material-requisitions/{requisition['id']}/issues",
                           role="warehouse", json={"lines": [{"requisition_line_id": req_line, "quantity": "3"}]}),
               201)
    assert ok(system.call("GET", f"/api/inventory/material-requisitions/{requisition['id']}",
                          role="viewer"))["status"] == "partially_issued"
    after_first = wait_for_gl(system, {"6200": Decimal("15.00"), "1200": Decimal("-15.00")}, before)
    second = ok(system.call("POST", f"/api/inventory/material-requisitions/{requisition['id']}/issues",
                            role="warehouse", json={"lines": [{"requisition_line_id": req_line, "quantity": "5"}]}),
                201)
    assert ok(system.call("GET", f"/api/inventory/material-requisitions/{requisition['id']}",
                          role="viewer"))["status"] == "issued"
    after_issues = wait_for_gl(system, {"6200": Decimal("25.00"), "1200": Decimal("-25.00")}, after_first)
    for issue in (first, second):
        entries = ok(system.call("GET", f"/api/finance/journal-entries?source_document={issue['number']}",
                                 role="viewer"))
        assert [e["kind"] for e in entries] == ["material_issue"]

    # One bolt was not used: it comes back at the cost it was issued at.
    ok(system.call("POST", f"/api/inventory/material-issues/{second['id']}/returns", role="warehouse", json={
        "reason": "one left over", "lines": [{"issue_line_id": second["lines"][0]["id"], "quantity": "1"}]}), 201)
    after_return = wait_for_gl(system, {"6200": Decimal("-5.00"), "1200": Decimal("5.00")}, after_issues)
    assert on_hand(system, bolts["id"], main["id"]) == Decimal("13")

    # Six bolts go to the line side; five arrive, one is lost in transit.
    transfer = ok(system.call("POST", "/api/inventory/transfers", role="warehouse", json={
        "from_warehouse_id": main["id"], "to_warehouse_id": line["id"],
        "lines": [{"item_id": bolts["id"], "quantity": "6"}]}), 201)
    ok(system.call("POST", f"/api/inventory/transfers/{transfer['id']}/ship", role="warehouse"))
    assert on_hand(system, bolts["id"], main["id"]) == Decimal("7")
    received = ok(system.call("POST", f"/api/inventory/transfers/{transfer['id']}/receive", role="warehouse", json={
        "lines": [{"transfer_line_id": transfer["lines"][0]["id"], "quantity_received": "5"}]}))
    assert received["total_loss"] == "5.00"
    after_transfer = wait_for_gl(system, {"5100": Decimal("5.00"), "1200": Decimal("-5.00")}, after_return)
    assert on_hand(system, bolts["id"], line["id"]) == Decimal("5")

    # Two of them are sold from the line side.
    order = ok(system.call("POST", "/api/sales/sales-orders", role="sales", json={
        "customer_id": plant["buyer"]["id"], "lines": [{"item_id": bolts["id"], "warehouse_id": line["id"],
                                                        "quantity": "2", "unit_price": "9.00", "discount_pct": "0",
                                                        "tax_rate": "0"}]}), 201)
    ok(system.call("POST", f"/api/sales/sales-orders/{order['id']}/confirm", role="sales"))
    wait_until(lambda: ok(system.call("GET", f"/api/sales/sales-orders/{order['id']}", role="viewer"))["status"]
               == "reserved", message="the order was never reserved")
    delivery = ok(system.call("POST", f"/api/sales/sales-orders/{order['id']}/deliveries", role="warehouse",
                              json={"lines": [{"order_line_id": order["lines"][0]["id"], "quantity": "2"}]}), 201)
    after_delivery = wait_for_gl(system, {"5000": Decimal("10.00"), "1200": Decimal("-10.00")}, after_transfer)

    # A blind count of the main store: one bolt more than the books, one nut fewer.
    sheet = ok(system.call("POST", "/api/inventory/cycle-counts", role="warehouse",
                           json={"warehouse_id": main["id"], "scope": "all"}), 201)
    lines = {row["item_id"]: row for row in sheet["lines"]}
    assert all("book_quantity" not in row for row in sheet["lines"])
    ok(system.call("PUT", f"/api/inventory/cycle-counts/{sheet['id']}/counts", role="warehouse", json={"lines": [
        {"line_id": lines[bolts["id"]]["id"], "counted_quantity": "8"},
        {"line_id": lines[nuts["id"]]["id"], "counted_quantity": "9"},
        *[{"line_id": row["id"], "counted_quantity": "0"} for item_id, row in lines.items()
          if item_id not in (bolts["id"], nuts["id"])]]}))
    ok(system.call("POST", f"/api/inventory/cycle-counts/{sheet['id']}/submit", role="warehouse"))
    posted = ok(system.call("POST", f"/api/inventory/cycle-counts/{sheet['id']}/post", role="admin"))
    assert (posted["total_gain"], posted["total_loss"]) == ("5.00", "2.00")
    twice = system.call("POST", f"/api/inventory/cycle-counts/{sheet['id']}/post", role="admin")
    assert twice.status_code == 409 and twice.headers["Content-Type"].startswith("application/problem+json")
    wait_for_gl(system, {"5100": Decimal("-3.00"), "1200": Decimal("3.00")}, after_delivery)
    [count_entry] = ok(system.call("GET", f"/api/finance/journal-entries?source_document={posted['number']}",
                                   role="viewer"))
    assert count_entry["kind"] == "count_adjustment"
    assert (on_hand(system, bolts["id"], main["id"]), on_hand(system, nuts["id"], main["id"])) == (8, 9)
    assert stock_value(system) == balances(system)["1200"]

    # Where the batch came from and everywhere it went.
    trace = ok(system.call("GET", f"/api/inventory/batches/{plant['batch']}/trace?item_id={bolts['id']}",
                           role="viewer"))
    [origin] = trace["origins"]
    assert (origin["receipt_no"], origin["po_number"], origin["supplier_code"]) == (
        plant["receipt"]["number"], plant["order"]["number"], plant["supplier"]["code"])
    documents = {(m["move_type"], m["source_document"]) for m in trace["movements"]}
    assert {("material_issue", first["number"]), ("material_issue", second["number"]),
            ("delivery", delivery["number"])} <= documents
    assert {m["move_type"] for m in trace["movements"]} >= {"receipt", "material_issue", "material_return",
                                                            "transfer_out", "transfer_in", "transfer_loss",
                                                            "delivery", "count_adjustment"}
    assert Decimal(trace["on_hand"]) == Decimal("11")  # 8 in the main store, 3 at the line side
    assert reconciliation(system)["difference"]["closing"] == "0.00"


def test_bad_input_is_refused_with_the_field_named_and_changes_nothing(system, plant):
    main, bolts = plant["main"], plant["bolts"]
    wait_until(lambda: reconciliation(system)["status"] == "balanced", message="not reconciled to start with")
    value, stock = stock_value(system), on_hand(system, bolts["id"], main["id"])
    base = {"department_id": plant["department"]["id"], "requested_by": plant["employee"]["id"]}

    def refused(path, body, role="warehouse", status=422):
        response = system.call("POST", f"/api/inventory/{path}", role=role, json=body)
        assert response.status_code == status, response.text
        assert response.headers["Content-Type"].startswith("application/problem+json")
        return response.text

    assert "quantity" in refused("material-requisitions", {**base, "lines": [
        {"item_id": bolts["id"], "warehouse_id": main["id"], "quantity": "-1"}]}, role="production")
    assert "warehouse" in refused("material-requisitions", {**base, "lines": [
        {"item_id": bolts["id"], "warehouse_id": str(uuid.uuid4()), "quantity": "1"}]}, role="production")
    assert "warehouse" in refused("transfers", {"from_warehouse_id": str(uuid.uuid4()),
                                                "to_warehouse_id": main["id"],
                                                "lines": [{"item_id": bolts["id"], "quantity": "1"}]})
    assert "quantity" in refused("transfers", {"from_warehouse_id": main["id"], "to_warehouse_id": plant["line"]["id"],
                                               "lines": [{"item_id": bolts["id"], "quantity": "-2"}]})

    too_much = ok(system.call("POST", "/api/inventory/material-requisitions", role="production", json={
        **base, "lines": [{"item_id": bolts["id"], "warehouse_id": main["id"], "quantity": str(stock + 100)}]}), 201)
    ok(system.call("POST", f"/api/inventory/material-requisitions/{too_much['id']}/approve", role="warehouse"))
    response = system.call("POST", f"/api/inventory/material-requisitions/{too_much['id']}/issues", role="warehouse",
                           json={"lines": [{"requisition_line_id": too_much["lines"][0]["id"],
                                            "quantity": str(stock + 1)}]})
    assert response.status_code in (409, 422) and "quantity" in response.text, response.text

    assert (stock_value(system), on_hand(system, bolts["id"], main["id"])) == (value, stock)
    assert reconciliation(system)["status"] == "balanced"
