"""The printable purchase order: a document model built from the order (pure, unit-tested) and its PDF.

fpdf2 with a Unicode TrueType font (WenQuanYi Micro Hei when installed, else DejaVu Sans) so item and supplier
names in any script, Chinese included, print as written.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from erp_shared.db import Database

from .models import Supplier
from .ordering_domain import AUTO_APPROVER
from .ordering_queries import present_order
from .ordering_store import get_order

COMPANY = "ERP"
FONT_FAMILY = "erp"
# (regular, bold) in order of preference: the CJK font first, since it also covers Latin.
FONTS = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
COLUMNS = (("#", 8), ("Item", 50), ("Qty", 18), ("Unit", 12), ("Unit price", 22), ("Amount", 26),
           ("Expected", 22), ("Quality standard", 32))
ALIGN = ("RIGHT", "LEFT", "RIGHT", "LEFT", "RIGHT", "RIGHT", "CENTER", "LEFT")


@dataclass(frozen=True)
class PrintedLine:
    line_no: int
    item: str
    quantity: str
    unit: str
    unit_price: str
    amount: str
    expected: str
    quality_standard: str


@dataclass(frozen=True)
class PrintedOrder:
    number: str
    status: str
    order_date: str
    supplier: tuple[str, ...]      # name, code, contact lines
    lines: tuple[PrintedLine, ...]
    total: str
    approval: str
    notes: str


def plain(number: Decimal) -> str:
    """10.0000 → "10", 2.5000 → "2.5": quantities as people write them."""
    return f"{number.normalize():f}"


def price(number: Decimal) -> str:
    """At least two decimals, more only when the price has them (12.5 → "12.50", 0.1250 → "0.125")."""
    places = max(2, -number.normalize().as_tuple().exponent)
    return f"{number:,.{places}f}"


def money(number: Decimal) -> str:
    return f"{number:,.2f}"


def day(value: date | datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def approval_text(order: dict) -> str:
    if order["approved_at"] is None:
        return f"Not approved (status: {order['status']})"
    if order["approved_by"] == AUTO_APPROVER:
        return f"Approved automatically (within the approval threshold) on {day(order['approved_at'])}"
    return f"Approved by {order['approved_by_name']} on {day(order['approved_at'])}"


def printed_order(order: dict, supplier) -> PrintedOrder:
    """`order` as `present_order` gives it; `supplier` its supplier record."""
    contact = [part for part in (supplier.contact_name, supplier.email, supplier.phone) if part]
    lines = tuple(PrintedLine(
        line_no=line["line_no"],
        item=" ".join(part for part in (line["item_code"], line["item_name"]) if part) or str(line["item_id"]),
        quantity=plain(line["quantity"]), unit=line["unit"] or "", unit_price=price(line["unit_price"]),
        amount=money(line["line_amount"]), expected=day(line["expected_date"]),
        quality_standard=line["quality_standard"] or "") for line in order["lines"])
    return PrintedOrder(
        number=order["number"], status=order["status"], order_date=day(order["order_date"]),
        supplier=(supplier.name, f"Supplier code: {supplier.code}", *contact), lines=lines,
        total=money(order["total_amount"]), approval=approval_text(order), notes=order["notes"] or "")


def _font(pdf: FPDF) -> None:
    for regular, bold in FONTS:
        if Path(regular).is_file():
            pdf.add_font(FONT_FAMILY, "", regular)
            pdf.add_font(FONT_FAMILY, "B", bold if bold and Path(bold).is_file() else regular)
            return
    raise RuntimeError("no Unicode font for printed documents: install fonts-wqy-microhei or fonts-dejavu")


def render(document: PrintedOrder, *, compress: bool = True) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(f"Purchase order {document.number}")
    pdf.set_creator(COMPANY)
    _font(pdf)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 20)
    pdf.cell(0, 10, COMPANY, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.cell(0, 8, f"Purchase order {document.number}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
    pdf.cell(0, 6, f"Order date: {document.order_date}    Status: {document.status}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT_FAMILY, "B", 10)
    pdf.cell(0, 6, "Supplier", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
    for text in document.supplier:
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "", 9)
    with pdf.table(col_widths=[width for _, width in COLUMNS], text_align=ALIGN, line_height=5,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230))) as table:
        heading = table.row()
        for title, _ in COLUMNS:
            heading.cell(title)
        for line in document.lines:
            row = table.row()
            for value in (str(line.line_no), line.item, line.quantity, line.unit, line.unit_price, line.amount,
                          line.expected, line.quality_standard):
                row.cell(value)
    pdf.ln(3)
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.cell(0, 7, f"Total: {document.total}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
    pdf.multi_cell(0, 5, document.approval, new_x="LMARGIN", new_y="NEXT")
    if document.notes:
        pdf.ln(2)
        pdf.multi_cell(0, 5, f"Notes: {document.notes}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def purchase_order_pdf(db: Database, order_id: uuid.UUID) -> tuple[bytes, str]:
    """The PDF and its file name (the order number)."""
    with db.unit_of_work() as session:
        order = present_order(session, get_order(session, order_id))
        document = printed_order(order, session.get(Supplier, order["supplier_id"]))
    return render(document), f"{document.number}.pdf"
