"""The printed purchase order: its document model, and that it renders (Chinese names included)."""
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from procurement import po_pdf

SUPPLIER = SimpleNamespace(name="上海钢铁有限公司", code="SUP-SH", contact_name="王伟", email="wang@steel.example",
                           phone=None)


def order(**overrides):
    values = {
        "number": "PO-2026-000123", "status": "approved", "order_date": date(2026, 3, 2), "notes": "Dock 4",
        "total_amount": D("1234.50"), "approved_by": "subject-bob", "approved_by_name": "bob",
        "approved_at": datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc),
        "lines": [{"line_no": 1, "item_id": uuid.uuid4(), "item_code": "RM-001", "item_name": "冷轧钢板 2mm",
                   "unit": "kg", "quantity": D("100.0000"), "unit_price": D("12.3450"), "line_amount": D("1234.50"),
                   "expected_date": date(2026, 3, 20), "quality_standard": "GB/T 708-2019"}],
    }
    values.update(overrides)
    return values


def test_the_document_shows_what_the_supplier_must_read():
    document = po_pdf.printed_order(order(), SUPPLIER)
    assert document.number == "PO-2026-000123" and document.order_date == "2026-03-02"
    assert document.supplier == ("上海钢铁有限公司", "Supplier code: SUP-SH", "王伟", "wang@steel.example")
    assert document.lines == (po_pdf.PrintedLine(
        line_no=1, item="RM-001 冷轧钢板 2mm", quantity="100", unit="kg", unit_price="12.345",
        amount="1,234.50", expected="2026-03-20", quality_standard="GB/T 708-2019"),)
    assert document.total == "1,234.50" and document.notes == "Dock 4"
    assert document.approval == "Approved by bob on 2026-03-03"


@pytest.mark.parametrize("overrides,text", [
    ({"approved_by": "auto", "approved_by_name": "auto"}, "Approved automatically"),
    ({"approved_by": None, "approved_by_name": None, "approved_at": None, "status": "submitted"},
     "Not approved (status: submitted)"),
])
def test_the_approval_says_who_approved_or_that_nobody_has(overrides, text):
    assert po_pdf.printed_order(order(**overrides), SUPPLIER).approval.startswith(text)


def test_prices_keep_the_decimals_they_have_and_at_least_two():
    assert po_pdf.price(D("12.5000")) == "12.50"
    assert po_pdf.price(D("0.1250")) == "0.125"
    assert po_pdf.price(D("1500")) == "1,500.00"
    assert po_pdf.plain(D("2.5000")) == "2.5"


def test_it_renders_a_pdf_with_chinese_text_and_many_lines():
    lines = [{**order()["lines"][0], "line_no": n} for n in range(1, 61)]
    document = po_pdf.printed_order(order(lines=lines), SUPPLIER)
    rendered = po_pdf.render(document)
    assert rendered.startswith(b"%PDF") and len(rendered) > 1000
    assert b"PO-2026-000123" in rendered            # the document title names the order
    assert rendered.count(b"/Type /Page\n") >= 2     # sixty lines take more than one page
