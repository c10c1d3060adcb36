"""Selling test kit: reference data (items and warehouses replicated the way the consumer does it, customers
through the API), orders in a given status, inventory's saga replies, deliveries, and the outbox."""
import json
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from erp_shared.events import catalog, new_event, parse_envelope
from sales.handlers import HANDLERS
from sales.models import outbox


class Selling:
    def __init__(self, app, client, tokens):
        self.app, self.client, self.tokens = app, client, tokens
        self.seller = tokens.headers("sales", username="seller-sam")
        self.other_seller = tokens.headers("sales", username="seller-sue")
        self.accountant = tokens.headers("accounting", username="acct-ann")
        self.clerk = tokens.headers("warehouse", username="clerk-cy")
        self.admin = tokens.headers("admin", username="root")
        self.viewer = tokens.headers("viewer", username="vic")

    @property
    def db(self):
        return self.app.extensions["erp_db"]

    def apply(self, event_type, data, sequence, subject=None):
        """What the consumer does with a delivered event, without the broker: load by schema, then handle."""
        envelope = new_event(event_type, data, subject=str(subject or data.get("id")), sequence=sequence)
        with self.db.unit_of_work() as session:
            HANDLERS[event_type](session, envelope, catalog.load(event_type, envelope.data))
        return envelope

    def item(self, active=True, name="Steel sheet 2mm"):
        item_id = uuid.uuid4()
        self.apply("inventory.item_created.v1", {
            "id": item_id, "code": f"FG-{item_id.hex[:8]}", "name": name, "unit": "pcs",
            "item_type": "finished_good", "reorder_level": "0", "reorder_quantity": "0",
            "valuation_method": "moving_average", "active": active}, 1)
        return item_id

    def warehouse(self, active=True):
        warehouse_id = uuid.uuid4()
        self.apply("inventory.warehouse_created.v1", {"id": warehouse_id, "code": f"WH-{warehouse_id.hex[:8]}",
                                                      "name": "Main warehouse", "address": None, "active": active}, 1)
        return warehouse_id

    def customer(self, credit_limit="100000.00", **overrides):
        body = {"code": f"CUS-{uuid.uuid4().hex[:8]}", "name": "Globex Corporation",
                "address": "1 Cypress Creek\nSpringfield", "credit_rating": "A", "credit_limit": credit_limit,
                **overrides}
        response = self.client.post("/customers", json=body, headers=self.seller)
        assert response.status_code == 201, response.json
        return response.json

    def line(self, quantity="10", unit_price="25.00", item_id=None, warehouse_id=None, **overrides):
        return {"item_id": str(item_id or self.item()), "warehouse_id": str(warehouse_id or self.warehouse()),
                "quantity": quantity, "unit_price": unit_price, **overrides}

    def draft(self, *lines, customer=None, headers=None, **header):
        body = {"customer_id": (customer or self.customer())["id"], "lines": list(lines) or [self.line()], **header}
        response = self.client.post("/sales-orders", json=body, headers=headers or self.seller)
        assert response.status_code == 201, response.json
        return response.json

    def act(self, order, verb, headers=None, expect=200, **body):
        response = self.client.post(f"/sales-orders/{order['id']}/{verb}", json=body or None,
                                    headers=headers or self.seller)
        assert response.status_code == expect, response.json
        return response.json

    def confirmed(self, *lines, **header):
        order = self.act(self.draft(*lines, **header), "confirm")
        assert order["status"] == "confirmed", order
        return order

    def reply(self, order, status, quantities, sequence):
        """inventory.stock_reserved.v1 for `order`: `quantities` per line, (reserved, backordered[, issued])."""
        lines = []
        for line, numbers in zip(order["lines"], quantities):
            reserved, backordered, *issued = numbers
            lines.append({"order_line_id": line["id"], "item_id": line["item_id"],
                          "warehouse_id": line["warehouse_id"], "quantity_requested": line["quantity"],
                          "quantity_reserved": str(reserved), "quantity_backordered": str(backordered),
                          "quantity_issued": str(issued[0] if issued else 0)})
        return self.apply("inventory.stock_reserved.v1", {"order_id": order["id"], "status": status, "lines": lines},
                          sequence, order["id"])

    def reserved(self, *lines, **header):
        """A confirmed order inventory reserved in full."""
        order = self.confirmed(*lines, **header)
        self.reply(order, "reserved", [(line["quantity"], 0) for line in order["lines"]], 1)
        return self.order(order)

    def deliver(self, order, *lines, headers=None, **body):
        return self.client.post(f"/sales-orders/{order['id']}/deliveries", json={"lines": list(lines), **body},
                                headers=self.clerk if headers is None else headers)

    def order(self, order):
        response = self.client.get(f"/sales-orders/{order['id']}", headers=self.viewer)
        assert response.status_code == 200, response.json
        return response.json

    def events(self, subject, event_type=None):
        """The envelopes in the outbox about `subject`, parsed like a consumer would."""
        with self.db.unit_of_work() as session:
            rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
        envelopes = [parse_envelope(row.body) for row in rows if json.loads(row.body)["subject"] == str(subject)]
        return [e for e in envelopes if event_type in (None, e.type)]


def dec(value) -> Decimal:
    return Decimal(str(value))


@pytest.fixture()
def selling(app, client, erp_tokens):
    return Selling(app, client, erp_tokens)
