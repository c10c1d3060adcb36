"""Concurrent receipts against one order line, on the real database: the locks make them queue, so the
ordered quantity is never exceeded however the requests interleave."""
import threading
from decimal import Decimal

RECEIPTS = 8


def test_concurrent_receipts_never_over_receive(purchasing, app):
    warehouse = purchasing.warehouse()
    # A second, untouched line keeps the order open, so the late receipts meet the over-receipt check (422)
    # rather than a received order (409).
    order = purchasing.sent(purchasing.line(quantity="10", unit_price="3"), purchasing.line(quantity="1"))
    line = purchasing.receipt_line(order["lines"][0], "2", warehouse_id=warehouse)
    start = threading.Barrier(RECEIPTS)
    statuses = []

    def receive():
        client = app.test_client()
        start.wait()
        response = client.post(f"/purchase-orders/{order['id']}/receipts", json={"lines": [line]},
                               headers=purchasing.clerk)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=receive) for _ in range(RECEIPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [201] * 5 + [422] * 3
    after = purchasing.order(order)
    assert after["lines"][0]["quantity_accepted"] == "10.0000" and after["status"] == "partially_received"
    assert after["version"] == 3 + 5
    events = purchasing.events(order["id"], "procurement.goods_received.v1")
    assert sorted(e.sequence for e in events) == list(range(4, 9))
    assert sum(Decimal(e.data["total_accepted_amount"]) for e in events) == Decimal("30.00")
