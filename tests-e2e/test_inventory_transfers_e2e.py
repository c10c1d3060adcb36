"""A transfer received short and a cycle count through the gateway and the real workers: the loss and the
count's gain reach finance's 5100 once, and the stock value stays equal to GL 1200 at every step."""
import uuid
from decimal import Decimal

from erp_shared.testing.waiting import wait_until


def ok(response, status=200):
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


def books(system) -> dict:
    trial = ok(system.call("GET", "/api/finance/reports/trial-balance", role="viewer"))
    balances = {a["code"]: Decimal(a["balance"]) for a in trial["accounts"]}
    return {"stock_value": Decimal(ok(system.call("GET", "/api/inventory/stock/valuation",
                                                  role="viewer"))["total_value"]),
            "gl_1200": balances["1200"], "gl_5100": balances["5100"],
            "debits": Decimal(trial["total_debit"]), "credits": Decimal(trial["total_credit"])}


def wait_for_books(system, expect=lambda b: True) -> dict:
    state = {}

    def probe():
        b = state["books"] = books(system)
        return b["stock_value"] == b["gl_1200"] and b["debits"] == b["credits"] and expect(b)
    wait_until(probe, timeout=30, interval=0.3, message=lambda: f"books out of step: {state.get('books')}")
    return state["books"]


def bought_in(system, warehouse, quantity, price):
    """An item with stock received through procurement at `warehouse`."""
    supplier = ok(system.call("POST", "/api/procurement/suppliers", role="purchasing",
                              json={"code": unique("SUP"), "name": "Transfer supplier"}), 201)
    item = ok(system.call("POST", "/api/inventory/items", role="warehouse", json={
        "code": unique("RM"), "name": "Copper wire", "unit": "m", "item_type": "raw_material"}), 201)
    for kind, record in (("items", item), ("warehouses", warehouse)):
        wait_until(lambda: ok(system.call("GET", f"/api/procurement/read-models/{kind}?id={record['id']}",
                                          role="viewer")), message=f"{kind} not in procurement")
    order = ok(system.call("POST", "/api/procurement/purchase-orders", role="purchasing", json={
        "supplier_id": supplier["id"], "lines": [{"item_id": item["id"], "quantity": quantity,
                                                  "unit_price": price}]}), 201)
    ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/submit", role="admin"))
    if ok(system.call("GET", f"/api/procurement/purchase-orders/{order['id']}", role="viewer"))["status"] == \
            "submitted":
        ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/approve", role="admin"))
    ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/send", role="purchasing"))
    ok(system.call("POST", f"/api/procurement/purchase-orders/{order['id']}/receipts", role="warehouse", json={
        "lines": [{"po_line_id": order["lines"][0]["id"], "quantity_received": quantity,
                   "quantity_accepted": quantity, "quantity_rejected": "0", "warehouse_id": warehouse["id"],
                   "batch_no": "COIL-1"}]}), 201)
    wait_until(lambda: ok(system.call("GET", f"/api/inventory/stock?item_id={item['id']}", role="viewer")),
               message="stock never arrived")
    return item


def test_a_short_transfer_and_a_count_post_their_differences_once(system):
    north, south = (ok(system.call("POST", "/api/inventory/warehouses", role="warehouse",
                                   json={"code": unique("WH"), "name": name}), 201) for name in ("North", "South"))
    item = bought_in(system, north, "10", "3.00")
    before = wait_for_books(system)

    transfer = ok(system.call("POST", "/api/inventory/transfers", role="warehouse", json={
        "from_warehouse_id": north["id"], "to_warehouse_id": south["id"],
        "lines": [{"item_id": item["id"], "quantity": "6"}]}), 201)
    ok(system.call("POST", f"/api/inventory/transfers/{transfer['id']}/ship", role="warehouse"))
    assert system.call("POST", f"/api/inventory/transfers/{transfer['id']}/ship", role="warehouse").status_code == 409
    received = ok(system.call("POST", f"/api/inventory/transfers/{transfer['id']}/receive", role="warehouse", json={
        "lines": [{"transfer_line_id": transfer["lines"][0]["id"], "quantity_received": "5"}]}))
    assert received["total_loss"] == "3.00"
    after_transfer = wait_for_books(system, lambda b: b["gl_5100"] == before["gl_5100"] + Decimal("3.00"))
    assert after_transfer["gl_1200"] == before["gl_1200"] - Decimal("3.00")

    sheet = ok(system.call("POST", "/api/inventory/cycle-counts", role="warehouse",
                           json={"warehouse_id": south["id"], "scope": "all"}), 201)
    [line] = [line for line in sheet["lines"] if line["item_id"] == item["id"]]
    assert "book_quantity" not in line
    ok(system.call("PUT", f"/api/inventory/cycle-counts/{sheet['id']}/counts", role="warehouse",
                   json={"lines": [{"line_id": line["id"], "counted_quantity": "6"}]}))
    ok(system.call("POST", f"/api/inventory/cycle-counts/{sheet['id']}/submit", role="warehouse"))
    by_counter = system.call("POST", f"/api/inventory/cycle-counts/{sheet['id']}/post", role="warehouse")
    assert by_counter.status_code == 422
    posted = ok(system.call("POST", f"/api/inventory/cycle-counts/{sheet['id']}/post", role="admin"))
    assert (posted["total_gain"], posted["total_loss"]) == ("3.00", "0.00")
    final = wait_for_books(system, lambda b: b["gl_1200"] == before["gl_1200"])
    assert final["gl_5100"] == before["gl_5100"] + Decimal("3.00") - Decimal("3.00")
    entries = ok(system.call("GET", f"/api/finance/journal-entries?source_document={transfer['number']}",
                             role="viewer"))
    assert [e["kind"] for e in entries] == ["transfer_loss"]
