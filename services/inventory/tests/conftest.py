import json
import uuid
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import select

from erp_shared.events import Envelope, catalog, flow_context, new_event, parse_envelope
from erp_shared.testing.plugin import settings_for_tests

GOODS_RECEIVED = "procurement.goods_received.v1"
ORDER_CONFIRMED, ORDER_CANCELLED = "sales.order_confirmed.v1", "sales.order_cancelled.v1"
GOODS_DELIVERED, GOODS_RETURNED = "sales.goods_delivered.v1", "sales.goods_returned.v1"


@pytest.fixture(scope="session")
def settings(erp_infra, erp_tokens, service_database):
    service_database("inventory")
    return settings_for_tests(erp_infra, erp_tokens, "inventory")


@pytest.fixture(scope="session")
def app(settings):
    from inventory.app import create_app
    app = create_app(settings)
    yield app
    app.extensions["erp_db"].dispose()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def db(app):
    return app.extensions["erp_db"]


class GoodsReceipts:
    """Builds procurement's goods_received events and applies them as inventory's consumer does."""

    def __init__(self, db):
        self.db = db

    def item(self, **overrides) -> uuid.UUID:
        from inventory.masterdata import ITEMS
        values = {"code": f"RM-{uuid.uuid4().hex[:8]}", "name": "Steel sheet 2mm", "unit": "kg",
                  "item_type": "raw_material", "reorder_level": Decimal(0), "reorder_quantity": Decimal(0),
                  "valuation_method": "moving_average", **overrides}
        with self.db.unit_of_work() as session:
            return ITEMS.create(session, values).id

    def warehouse(self) -> uuid.UUID:
        from inventory.masterdata import WAREHOUSES
        with self.db.unit_of_work() as session:
            return WAREHOUSES.create(session, {"code": f"WH-{uuid.uuid4().hex[:8]}", "name": "Main store"}).id

    @staticmethod
    def line(item_id, warehouse_id, accepted, unit_price, *, rejected="0", batch_no=None, amount=None) -> dict:
        accepted, rejected, unit_price = Decimal(accepted), Decimal(rejected), Decimal(unit_price)
        return {"receipt_line_id": uuid.uuid4(), "po_line_id": uuid.uuid4(), "item_id": item_id,
                "warehouse_id": warehouse_id, "batch_no": batch_no, "quantity_received": accepted + rejected,
                "quantity_accepted": accepted, "quantity_rejected": rejected, "unit_price": unit_price,
                "accepted_amount": Decimal(amount) if amount is not None
                else (accepted * unit_price).quantize(Decimal("0.01"), ROUND_HALF_UP)}

    @staticmethod
    def event(*lines, received_at: datetime | None = None, receipt_no: str | None = None) -> Envelope:
        receipt_id, flow = uuid.uuid4(), f"req-{uuid.uuid4().hex[:12]}"
        data = {"receipt_id": receipt_id, "receipt_no": receipt_no or f"GRN-2026-{uuid.uuid4().hex[:6]}",
                "purchase_order_id": uuid.uuid4(), "po_number": "PO-2026-000001", "supplier_id": uuid.uuid4(),
                "received_at": received_at or datetime.now(timezone.utc), "lines": list(lines),
                "total_accepted_amount": sum((line["accepted_amount"] for line in lines), Decimal("0.00"))}
        with flow_context(flow, flow):
            return new_event(GOODS_RECEIVED, data, subject=str(receipt_id), sequence=1)

    def apply(self, event: Envelope) -> None:
        """The consumer's effect without its inbox: the handler in one transaction, in the event's flow."""
        from inventory.handlers import HANDLERS
        with flow_context(event.correlation_id, str(event.id), event.id):
            with self.db.unit_of_work() as session:
                HANDLERS[event.type](session, event, catalog.load(event.type, event.data))

    def published(self, correlation_id: str) -> list[dict]:
        """Envelopes inventory put in its outbox in this flow, in the order they were written."""
        from inventory.models import outbox
        with self.db.unit_of_work() as session:
            bodies = session.execute(select(outbox.c.body).where(outbox.c.correlation_id == correlation_id)
                                     .order_by(outbox.c.id)).scalars()
            return [json.loads(body) for body in bodies]

    def envelopes(self, correlation_id: str, event_type: str | None = None) -> list[tuple[Envelope, dict]]:
        """What inventory published in this flow as a consumer reads it: the envelope parsed and its data loaded
        through the catalog (so a payload the contract refuses fails the test)."""
        from inventory.models import outbox
        with self.db.unit_of_work() as session:
            bodies = session.execute(select(outbox.c.body).where(outbox.c.correlation_id == correlation_id)
                                     .order_by(outbox.c.id)).scalars().all()
        parsed = [parse_envelope(body) for body in bodies]
        return [(e, catalog.load(e.type, e.data)) for e in parsed if event_type in (None, e.type)]


@pytest.fixture()
def receipts(db) -> GoodsReceipts:
    return GoodsReceipts(db)


def _sales_event(event_type: str, data: dict, subject) -> Envelope:
    flow = f"req-{uuid.uuid4().hex[:12]}"
    with flow_context(flow, flow):
        return new_event(event_type, data, subject=str(subject), sequence=1)


class SalesOrders:
    """Builds the order saga's events as sales publishes them; apply them with `receipts.apply`."""

    @staticmethod
    def line(item_id, warehouse_id, quantity) -> dict:
        return {"order_line_id": uuid.uuid4(), "item_id": item_id, "warehouse_id": warehouse_id,
                "quantity": Decimal(quantity)}

    @staticmethod
    def confirmed(*lines, order_id=None, order_date: date | None = None,
                  confirmed_at: datetime | None = None) -> Envelope:
        order_id = order_id or uuid.uuid4()
        return _sales_event(ORDER_CONFIRMED, {
            "order_id": order_id, "order_no": f"SO-2026-{uuid.uuid4().hex[:6]}", "customer_id": uuid.uuid4(),
            "order_date": order_date or date.today(), "confirmed_at": confirmed_at or datetime.now(timezone.utc),
            "lines": list(lines)}, order_id)

    @staticmethod
    def cancelled(order_id, order_no: str = "SO-2026-000001") -> Envelope:
        return _sales_event(ORDER_CANCELLED, {"order_id": order_id, "order_no": order_no,
                                              "cancelled_at": datetime.now(timezone.utc),
                                              "reason": "customer withdrew"}, order_id)

    @staticmethod
    def delivery_line(order_line: dict, quantity) -> dict:
        return {"delivery_line_id": uuid.uuid4(), "order_line_id": order_line["order_line_id"],
                "item_id": order_line["item_id"], "warehouse_id": order_line["warehouse_id"],
                "quantity": Decimal(quantity)}

    @staticmethod
    def delivered(order: Envelope, *lines, delivered_at: datetime | None = None) -> Envelope:
        delivery_id = uuid.uuid4()
        return _sales_event(GOODS_DELIVERED, {
            "delivery_id": delivery_id, "delivery_no": f"DN-2026-{uuid.uuid4().hex[:6]}",
            "order_id": order.data["order_id"], "order_no": order.data["order_no"],
            "customer_id": order.data["customer_id"], "delivered_at": delivered_at or datetime.now(timezone.utc),
            "lines": list(lines)}, delivery_id)

    @staticmethod
    def return_line(delivery_line: dict, quantity) -> dict:
        return {"return_line_id": uuid.uuid4(), "delivery_line_id": delivery_line["delivery_line_id"],
                "item_id": delivery_line["item_id"], "warehouse_id": delivery_line["warehouse_id"],
                "quantity": Decimal(quantity)}

    @staticmethod
    def returned(delivery: Envelope, *lines, returned_at: datetime | None = None) -> Envelope:
        return_id = uuid.uuid4()
        return _sales_event(GOODS_RETURNED, {
            "return_id": return_id, "return_no": f"RET-2026-{uuid.uuid4().hex[:6]}",
            "delivery_id": delivery.data["delivery_id"], "delivery_no": delivery.data["delivery_no"],
            "order_id": delivery.data["order_id"], "customer_id": delivery.data["customer_id"],
            "returned_at": returned_at or datetime.now(timezone.utc), "reason": "damaged in transit",
            "lines": list(lines)}, return_id)


@pytest.fixture()
def sales() -> SalesOrders:
    return SalesOrders()
