import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from erp_shared.testing.plugin import settings_for_tests


@pytest.fixture(scope="session")
def settings(erp_infra, erp_tokens, service_database):
    service_database("finance")
    return settings_for_tests(erp_infra, erp_tokens, "finance")


@pytest.fixture(scope="session")
def app(settings):
    from finance.app import create_app
    app = create_app(settings)
    yield app
    app.extensions["erp_db"].dispose()


@pytest.fixture()
def client(app):
    return app.test_client()


class ProcurementDocuments:
    """Payloads of procurement's procure-to-pay events for one supplier, shaped as procurement publishes them
    (amounts as Decimal, ids as UUID; `new_event` dumps them through the catalog). Document numbers carry a
    random tag, so tests sharing the session database never post the same document."""

    def __init__(self):
        self.supplier_id = uuid.uuid4()
        self.tag = uuid.uuid4().hex[:8].upper()
        self.po_number = f"PO-{self.tag}"

    def goods_received(self, amount: str, *, received_at: datetime | None = None, receipt_no: str | None = None):
        amount = Decimal(amount)
        return {
            "receipt_id": uuid.uuid4(), "receipt_no": receipt_no or f"GRN-{self.tag}-{uuid.uuid4().hex[:4]}",
            "purchase_order_id": uuid.uuid4(), "po_number": self.po_number, "supplier_id": self.supplier_id,
            "received_at": received_at or datetime.now(timezone.utc),
            "lines": [{"receipt_line_id": uuid.uuid4(), "po_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
                       "warehouse_id": uuid.uuid4(), "batch_no": None, "quantity_received": Decimal("10"),
                       "quantity_accepted": Decimal("10"), "quantity_rejected": Decimal("0"),
                       "unit_price": amount / 10, "accepted_amount": amount}],
            "total_accepted_amount": amount,
        }

    def supplier_invoice_posted(self, grni_amount: str, price_variance: str, *, invoice_date: date | None = None,
                                total_amount: str | None = None, invoice_no: str | None = None):
        grni, variance = Decimal(grni_amount), Decimal(price_variance)
        total = Decimal(total_amount) if total_amount is not None else grni + variance
        return {
            "invoice_id": uuid.uuid4(), "invoice_no": invoice_no or f"SINV-{self.tag}-{uuid.uuid4().hex[:4]}",
            "supplier_invoice_ref": f"INV-{self.tag}", "supplier_id": self.supplier_id,
            "purchase_order_id": uuid.uuid4(), "po_number": self.po_number,
            "invoice_date": invoice_date or date.today(), "due_date": invoice_date or date.today(),
            "lines": [{"invoice_line_id": uuid.uuid4(), "po_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
                       "quantity": Decimal("10"), "unit_price": total / 10, "po_unit_price": grni / 10,
                       "amount": total, "grni_amount": grni, "price_variance": variance}],
            "grni_amount": grni, "price_variance": variance, "total_amount": total,
        }

    def supplier_payment_made(self, amount: str, *, paid_at: datetime | None = None, invoice_no: str = "SINV-1",
                              reference: str | None = "BANK-4711"):
        return {
            "payment_id": uuid.uuid4(), "payment_no": f"PAY-{self.tag}-{uuid.uuid4().hex[:4]}",
            "supplier_id": self.supplier_id, "paid_at": paid_at or datetime.now(timezone.utc),
            "amount": Decimal(amount), "reference": reference,
            "allocations": [{"invoice_id": uuid.uuid4(), "invoice_no": invoice_no, "amount": Decimal(amount)}],
        }


@pytest.fixture()
def documents() -> ProcurementDocuments:
    return ProcurementDocuments()


@pytest.fixture(scope="session")
def new_documents():
    """For fixtures wider than one test: call it for another supplier's documents."""
    return ProcurementDocuments


class OrderToCashDocuments:
    """Payloads of sales' and inventory's order-to-cash events for one customer, shaped as their producers
    publish them. Like `ProcurementDocuments`, document numbers carry a random tag."""

    def __init__(self):
        self.customer_id = uuid.uuid4()
        self.tag = uuid.uuid4().hex[:8].upper()

    def _number(self, prefix: str) -> str:
        return f"{prefix}-{self.tag}-{uuid.uuid4().hex[:4]}"

    def stock_issued(self, *costs: str, issued_at: datetime | None = None, purpose: str = "delivery",
                     total_cost: str | None = None, delivery_no: str | None = None):
        lines = [{"source_line_id": uuid.uuid4(), "item_id": uuid.uuid4(), "warehouse_id": uuid.uuid4(),
                  "batch_no": None, "quantity": Decimal("4"), "unit_cost": Decimal(cost) / 4, "cost": Decimal(cost)}
                 for cost in costs]
        return {
            "purpose": purpose, "source_document": delivery_no or self._number("DN"), "source_id": uuid.uuid4(),
            "order_id": uuid.uuid4(), "issued_at": issued_at or datetime.now(timezone.utc), "lines": lines,
            "total_cost": (Decimal(total_cost) if total_cost is not None
                           else sum((line["cost"] for line in lines), Decimal("0.00"))),
        }

    def _billed_lines(self, net: Decimal, tax: Decimal):
        return [{"invoice_line_id": uuid.uuid4(), "order_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
                 "quantity": Decimal("2"), "unit_price": net / 2, "discount_pct": Decimal("0"), "net_amount": net,
                 "tax_rate": (tax * 100 / net).quantize(Decimal("0.01")) if net else Decimal("0"),
                 "tax_amount": tax}]

    def invoice_issued(self, net_total: str, tax_total: str, *, invoice_date: date | None = None,
                       total: str | None = None, invoice_no: str | None = None):
        net, tax = Decimal(net_total), Decimal(tax_total)
        invoice_date = invoice_date or date.today()
        return {
            "invoice_id": uuid.uuid4(), "invoice_no": invoice_no or self._number("INV"),
            "customer_id": self.customer_id, "order_id": uuid.uuid4(), "invoice_date": invoice_date,
            "due_date": invoice_date, "lines": self._billed_lines(net, tax), "net_total": net, "tax_total": tax,
            "total": Decimal(total) if total is not None else net + tax,
        }

    def credit_note_issued(self, net_total: str, tax_total: str, *, credit_date: date | None = None,
                           total: str | None = None):
        net, tax = Decimal(net_total), Decimal(tax_total)
        return {
            "credit_note_id": uuid.uuid4(), "credit_note_no": self._number("CN"), "invoice_id": uuid.uuid4(),
            "customer_id": self.customer_id, "credit_date": credit_date or date.today(), "reason": "goods returned",
            "lines": self._billed_lines(net, tax), "net_total": net, "tax_total": tax,
            "total": Decimal(total) if total is not None else net + tax,
        }

    def customer_payment_received(self, amount: str, *, received_at: datetime | None = None,
                                  invoice_no: str = "INV-1", reference: str | None = "BANK-0815"):
        return {
            "payment_id": uuid.uuid4(), "payment_no": self._number("RCPT"), "customer_id": self.customer_id,
            "received_at": received_at or datetime.now(timezone.utc), "amount": Decimal(amount),
            "reference": reference,
            "allocations": [{"invoice_id": uuid.uuid4(), "invoice_no": invoice_no, "amount": Decimal(amount)}],
        }


@pytest.fixture()
def sales_documents() -> OrderToCashDocuments:
    return OrderToCashDocuments()


@pytest.fixture(scope="session")
def new_sales_documents():
    """For fixtures wider than one test: call it for another customer's documents."""
    return OrderToCashDocuments
