"""The printed delivery note: its document model, and that it renders (Chinese names included)."""
import re
import uuid
from datetime import datetime, timezone
from decimal import Decimal as D

from sales import delivery_pdf


def note(**overrides):
    values = {
        "number": "DN-2026-000042", "order_number": "SO-2026-000007",
        "delivered_at": datetime(2026, 3, 4, 14, 5, tzinfo=timezone.utc), "customer_name": "北京贸易有限公司",
        "customer_code": "CUS-BJ", "customer_address": "朝阳区 1号\n\n  Beijing 100020  ", "notes": "Dock 2",
        "lines": [{"line_no": 1, "item_id": uuid.uuid4(), "item_code": "FG-001", "item_name": "冷轧钢板 2mm",
                   "unit": "pcs", "quantity": D("12.5000")}],
    }
    values.update(overrides)
    return values


def test_the_document_shows_what_the_customer_signs_for():
    document = delivery_pdf.printed_note(note())
    assert document.number == "DN-2026-000042" and document.order_number == "SO-2026-000007"
    assert document.delivered_at == "2026-03-04 14:05 UTC"
    assert document.customer == ("北京贸易有限公司", "Customer code: CUS-BJ", "朝阳区 1号", "Beijing 100020")
    assert document.lines == (delivery_pdf.PrintedLine(line_no=1, item_code="FG-001", item_name="冷轧钢板 2mm",
                                                       quantity="12.5", unit="pcs"),)
    assert document.notes == "Dock 2"


def test_an_item_not_replicated_yet_prints_by_its_id_and_no_address_is_fine():
    item_id = uuid.uuid4()
    document = delivery_pdf.printed_note(note(customer_address=None, notes=None, lines=[
        {"line_no": 1, "item_id": item_id, "item_code": None, "item_name": None, "unit": None,
         "quantity": D("3.0000")}]))
    assert document.customer == ("北京贸易有限公司", "Customer code: CUS-BJ")
    assert document.lines[0].item_name == str(item_id) and document.lines[0].quantity == "3"
    assert document.notes == ""


def test_it_renders_a_pdf_with_chinese_text_many_lines_and_signature_boxes():
    lines = [{**note()["lines"][0], "line_no": n} for n in range(1, 61)]
    rendered = delivery_pdf.render(delivery_pdf.printed_note(note(lines=lines)), compress=False)
    assert rendered.startswith(b"%PDF") and len(rendered) > 1000
    assert b"DN-2026-000042" in rendered            # the document title names the note
    assert len(re.findall(rb"/Type /Page\b(?!s)", rendered)) == 2     # 60 lines run onto a second page
