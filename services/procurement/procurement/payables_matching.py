"""Three-way match of a supplier invoice: what was ordered (PO price), what was received (accepted quantity)
and what is invoiced (quantity and price). Pure rules: no Flask, no session, no clock.

Every money figure is rounded per line, once, and totals are sums of the rounded lines, so finance's journal
(built from the same line figures) and procurement's reports agree to the cent.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
QUANTITY = "quantity"
PRICE = "price"


def to_cents(value: Decimal) -> Decimal:
    """The rounding receipts use too (quantity × price, half up), so GRNI built and cleared match."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Tolerances:
    """Percentages from the procurement settings; zero means an exact match is required."""
    quantity_pct: Decimal = Decimal(0)
    price_pct: Decimal = Decimal(0)


EXACT = Tolerances()


@dataclass(frozen=True)
class PoLinePosition:
    """A PO line as the match sees it: its price and how much is accepted and invoiced so far."""
    po_line_id: UUID
    unit_price: Decimal
    quantity_accepted: Decimal
    quantity_invoiced: Decimal


@dataclass(frozen=True)
class InvoiceLineRequest:
    po_line_id: UUID
    quantity: Decimal
    unit_price: Decimal


@dataclass(frozen=True)
class LineFigures:
    amount: Decimal          # what the supplier asks: quantity × their price
    grni_amount: Decimal     # what the receipts put into GRNI for this quantity: quantity × PO price
    price_variance: Decimal  # amount − grni_amount (positive when the supplier charged more)


def line_figures(quantity: Decimal, unit_price: Decimal, po_unit_price: Decimal) -> LineFigures:
    amount = to_cents(quantity * unit_price)
    grni_amount = to_cents(quantity * po_unit_price)
    return LineFigures(amount, grni_amount, amount - grni_amount)


@dataclass(frozen=True)
class InvoiceTotals:
    grni_amount: Decimal
    price_variance: Decimal
    total_amount: Decimal


def invoice_totals(figures: list[LineFigures]) -> InvoiceTotals:
    """Sums of the rounded lines; total = GRNI + variance holds exactly because each line's does."""
    return InvoiceTotals(sum((f.grni_amount for f in figures), ZERO),
                         sum((f.price_variance for f in figures), ZERO),
                         sum((f.amount for f in figures), ZERO))


@dataclass(frozen=True)
class MatchException:
    """Why one invoice line cannot be posted without a person's approval."""
    line: int
    po_line_id: UUID
    kind: str
    detail: str

    def as_dict(self) -> dict:
        return {"line": self.line, "po_line_id": str(self.po_line_id), "kind": self.kind, "detail": self.detail}


def quantity_allowed(accepted: Decimal, tolerance_pct: Decimal) -> Decimal:
    return accepted * (1 + tolerance_pct / HUNDRED)


def price_within_tolerance(unit_price: Decimal, po_unit_price: Decimal, tolerance_pct: Decimal) -> bool:
    return abs(unit_price - po_unit_price) <= po_unit_price * tolerance_pct / HUNDRED


def match_invoice(lines: list[InvoiceLineRequest], positions: dict[UUID, PoLinePosition],
                  tolerances: Tolerances) -> list[MatchException]:
    """Every line that breaks a tolerance, by line index. Lines of one invoice naming the same PO line count
    together: the second is matched against what the first already claims."""
    claimed: dict[UUID, Decimal] = {}
    exceptions = []
    for index, line in enumerate(lines):
        position = positions[line.po_line_id]
        invoiced = position.quantity_invoiced + claimed.get(line.po_line_id, Decimal(0)) + line.quantity
        claimed[line.po_line_id] = claimed.get(line.po_line_id, Decimal(0)) + line.quantity
        allowed = quantity_allowed(position.quantity_accepted, tolerances.quantity_pct)
        if invoiced > allowed:
            exceptions.append(MatchException(index, line.po_line_id, QUANTITY, (
                f"invoiced {_plain(invoiced)} in total but {_plain(position.quantity_accepted)} accepted "
                f"(tolerance {_plain(tolerances.quantity_pct)}%, at most {_plain(allowed)})")))
        if not price_within_tolerance(line.unit_price, position.unit_price, tolerances.price_pct):
            exceptions.append(MatchException(index, line.po_line_id, PRICE, (
                f"unit price {_plain(line.unit_price)} differs from the PO price {_plain(position.unit_price)} "
                f"by more than {_plain(tolerances.price_pct)}%")))
    return exceptions


def unreceived_quantities(lines: list[InvoiceLineRequest],
                          positions: dict[UUID, PoLinePosition]) -> list[MatchException]:
    """Approval may accept a price deviation, but never pays for goods not accepted yet: the quantity is
    checked again, with no tolerance, against what is accepted and not yet invoiced."""
    return [exception for exception in match_invoice(lines, positions, EXACT) if exception.kind == QUANTITY]


def _plain(value: Decimal) -> str:
    """Decimals as people write them in a message: 10, 10.5, 0.25 (no exponent, no trailing zeros)."""
    return format(value.normalize(), "f")
