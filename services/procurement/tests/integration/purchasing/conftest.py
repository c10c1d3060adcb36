"""Purchasing test kit: reference data (items and warehouses replicated the way the consumer does it,
suppliers through the API), orders in a given status, receipts, and the outbox."""
import json
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from erp_shared.events import catalog, new_event, parse_envelope
from procurement.handlers import HANDLERS
from procurement.models import outbox

DEFAULT_SETTINGS = {"approval_threshold": "10000.00", "over_receipt_tolerance_pct": "0.00",
                    "price_tolerance_pct": "2.00", "quantity_tolerance_pct": "0.00"}


class Purchasing:
    def __init__(self, app, client, tokens):
        self.app, self.client, self.tokens = app, client, tokens
        self.buyer = tokens.headers("purchasing", username="buyer-ada")
        self.approver = tokens.headers("purchasing", username="buyer-bob")
        self.clerk = tokens.headers("warehouse", username="clerk-cy")
        self.admin = tokens.headers("admin", username="root")
        self.viewer = tokens.headers("viewer", username="vic")

    def settings(self, **values):
        response = self.client.put("/settings", json={**DEFAULT_SETTINGS, **values}, headers=self.admin)
        assert response.status_code == 200, response.json
        return response.json

    def apply(self, event_type, data, sequence, subject=None):
        """What the consumer does with a delivered event, without the broker: load by schema, then handle."""
        envelope = new_event(event_type, data, subject=str(subject or data.get("id")), sequence=sequence)
        with self.app.extensions["erp_db"].unit_of_work() as session:
            HANDLERS[event_type](session, envelope, catalog.load(event_type, envelope.data))

    def item(self, sequence=1, **overrides):
        item_id = overrides.pop("id", None) or uuid.uuid4()
        data = {"id": item_id, "code": f"RM-{item_id.hex[:8]}", "name": "Steel sheet 2mm", "unit": "kg",
                "item_type": "raw_material", "reorder_level": "0", "reorder_quantity": "0",
                "valuation_method": "moving_average", "active": True, **overrides}
        self.apply("inventory.item_created.v1", data, sequence)
        return item_id

    def warehouse(self, active=True):
        warehouse_id = uuid.uuid4()
        self.apply("inventory.warehouse_created.v1", {"id": warehouse_id, "code": f"WH-{warehouse_id.hex[:8]}",
                                                      "name": "Main warehouse", "address": None, "active": active}, 1)
        return warehouse_id

    def stock(self, item_id, on_hand, sequence):
        self.apply("inventory.stock_level_changed.v1", {"item_id": item_id, "on_hand": str(on_hand),
                                                        "stock_value": "0", "average_cost": "0"}, sequence, item_id)

    def supplier(self, **overrides):
        body = {"code": f"SUP-{uuid.uuid4().hex[:8]}", "name": "Acme Steel", "contact_name": "Ada Byrne",
                "email": "orders@acme.example", **overrides}
        response = self.client.post("/suppliers", json=body, headers=self.buyer)
        assert response.status_code == 201, response.json
        return response.json

    def line(self, item_id=None, quantity="10", unit_price="2.50", **overrides):
        return {"item_id": str(item_id or self.item()), "quantity": quantity, "unit_price": unit_price, **overrides}

    def draft(self, *lines, supplier=None, headers=None, **header):
        body = {"supplier_id": (supplier or self.supplier())["id"], "lines": list(lines) or [self.line()], **header}
        response = self.client.post("/purchase-orders", json=body, headers=headers or self.buyer)
        assert response.status_code == 201, response.json
        return response.json

    def act(self, order, verb, headers=None, expect=200, **body):
        response = self.client.post(f"/purchase-orders/{order['id']}/{verb}", json=body or None,
                                    headers=headers or self.buyer)
        assert response.status_code == expect, response.json
        return response.json

    def sent(self, *lines, **header):
        """A sent order (within the approval threshold, so approved on submission)."""
        order = self.draft(*lines, **header)
        assert self.act(order, "submit")["status"] == "approved"
        return self.act(order, "send")

    def receipt_line(self, po_line, accepted, rejected="0", warehouse_id=None, **extra):
        received = extra.pop("quantity_received", None) or str(Decimal(accepted) + Decimal(rejected))
        return {"po_line_id": po_line["id"], "quantity_received": received,
                "quantity_accepted": accepted, "quantity_rejected": rejected,
                "warehouse_id": str(warehouse_id or self.warehouse()), **extra}

    def receive(self, order, *lines, headers=None, **body):
        return self.client.post(f"/purchase-orders/{order['id']}/receipts", json={"lines": list(lines), **body},
                                headers=self.clerk if headers is None else headers)

    def order(self, order):
        response = self.client.get(f"/purchase-orders/{order['id']}", headers=self.viewer)
        assert response.status_code == 200, response.json
        return response.json

    def events(self, subject, event_type=None):
        """The envelopes in the outbox about `subject`, parsed like a consumer would."""
        with self.app.extensions["erp_db"].unit_of_work() as session:
            rows = session.execute(select(outbox.c.event_type, outbox.c.body).order_by(outbox.c.id)).all()
        envelopes = [parse_envelope(row.body) for row in rows if json.loads(row.body)["subject"] == str(subject)]
        return [e for e in envelopes if event_type in (None, e.type)]


@pytest.fixture()
def purchasing(app, client, erp_tokens):
    """Settings start at, and are put back to, the migration's defaults: other suites share the row."""
    kit = Purchasing(app, client, erp_tokens)
    kit.settings()
    yield kit
    kit.settings()
