"""The printable delivery note: a document model built from the note (pure, unit-tested) and its PDF.

fpdf2 with a Unicode TrueType font (WenQuanYi Micro Hei when installed, else DejaVu Sans) so item and
customer names in any script, Chinese included, print as written. The note carries no prices: it travels
with the goods and is signed on both sides.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from erp_shared.db import Database

from .delivery_queries import get_delivery, present_delivery

COMPANY = "ERP"
FONT_FAMILY = "erp"
# (regular, bold) in order of preference: the CJK font first, since it also covers Latin.
FONTS = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
COLUMNS = (("#", 10), ("Item code", 35), ("Item", 75), ("Quantity", 30), ("Unit", 20))
ALIGN = ("RIGHT", "LEFT", "LEFT", "RIGHT", "LEFT")
SIGNATURES = ("Delivered by (name, signature)", "Received by (name, signature, date)")


@dataclass(frozen=True)
class PrintedLine:
    line_no: int
    item_code: str
    item_name: str
    quantity: str
    unit: str


@dataclass(frozen=True)
class PrintedDeliveryNote:
    number: str
    order_number: str
    delivered_at: str
    customer: tuple[str, ...]      # name, code, address lines
    lines: tuple[PrintedLine, ...]
    notes: str


def plain(number: Decimal) -> str:
    """10.0000 → "10", 2.5000 → "2.5": quantities as people write them."""
    return f"{number.normalize():f}"


def moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")


def printed_note(delivery: dict) -> PrintedDeliveryNote:
    """`delivery` as `present_delivery` gives it. An item not replicated yet prints by its id."""
    address = [part.strip() for part in (delivery["customer_address"] or "").splitlines() if part.strip()]
    lines = tuple(PrintedLine(
        line_no=line["line_no"], item_code=line["item_code"] or "",
        item_name=line["item_name"] or str(line["item_id"]), quantity=plain(line["quantity"]),
        unit=line["unit"] or "") for line in delivery["lines"])
    return PrintedDeliveryNote(
        number=delivery["number"], order_number=delivery["order_number"],
        delivered_at=moment(delivery["delivered_at"]),
        customer=(delivery["customer_name"], f"Customer code: {delivery['customer_code']}", *address),
        lines=lines, notes=delivery["notes"] or "")


def _font(pdf: FPDF) -> None:
    for regular, bold in FONTS:
        if Path(regular).is_file():
            pdf.add_font(FONT_FAMILY, "", regular)
            pdf.add_font(FONT_FAMILY, "B", bold if bold and Path(bold).is_file() else regular)
            return
    raise RuntimeError("no Unicode font for printed documents: install fonts-wqy-microhei or fonts-dejavu")


def _signature_boxes(pdf: FPDF) -> None:
    """Two boxes side by side, kept together on one page."""
    height = 28
    if pdf.get_y() + height + 8 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(6)
    width = (pdf.epw - 10) / 2
    top = pdf.get_y()
    for index, title in enumerate(SIGNATURES):
        left = pdf.l_margin + index * (width + 10)
        pdf.rect(left, top, width, height)
        pdf.set_xy(left + 2, top + 2)
        pdf.cell(width - 4, 5, title)
    pdf.set_xy(pdf.l_margin, top + height + 2)


def render(document: PrintedDeliveryNote, *, compress: bool = True) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(f"Delivery note {document.number}")
    pdf.set_creator(COMPANY)
    _font(pdf)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 20)
    pdf.cell(0, 10, COMPANY, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.cell(0, 8, f"Delivery note {document.number}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
    pdf.cell(0, 6, f"Sales order: {document.order_number}    Delivered: {document.delivered_at}",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT_FAMILY, "B", 10)
    pdf.cell(0, 6, "Deliver to", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
    for text in document.customer:
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
            for value in (str(line.line_no), line.item_code, line.item_name, line.quantity, line.unit):
                row.cell(value)
    pdf.set_font(FONT_FAMILY, "", 10)
    if document.notes:
        pdf.ln(2)
        pdf.multi_cell(0, 5, f"Notes: {document.notes}", new_x="LMARGIN", new_y="NEXT")
    _signature_boxes(pdf)
    return bytes(pdf.output())


def delivery_note_pdf(db: Database, delivery_id: uuid.UUID) -> tuple[bytes, str]:
    """The PDF and its file name (the note's number)."""
    with db.unit_of_work() as session:
        document = printed_note(present_delivery(session, get_delivery(session, delivery_id)))
    return render(document), f"{document.number}.pdf"
