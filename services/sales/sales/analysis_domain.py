"""Gross margin and sales figures, merged from per-group sums of the stored document amounts (never
re-multiplied), so every amount lands in exactly one group and the totals are the sum of the rows.

Definitions, for a period of days (both ends included; no end means unbounded):
- revenue = Σ invoice line net_amount with invoice_date in the period
            − Σ credit note line net_amount with credit_date in the period;
- COGS = Σ delivery line cost (what inventory reported issuing it at) whose delivery's delivered_at falls, as a
         UTC day, in the period
         − Σ return line cost (what inventory reported taking the goods back at) whose returned_at falls, as a
         UTC day, in the period;
- gross margin = revenue − COGS;
- margin % = gross margin / revenue × 100, rounded half up to 2 dp; null when revenue is 0.
These are the dates finance books 4000 (invoice date, credit date) and 5000 (the issue at the delivery's UTC day,
the return at the return's UTC day) on, so the gross margin of a period here equals finance's 4000 − 5000 for the
same period. A delivery or return line whose cost inventory has not reported yet counts 0, as finance has not
posted it either; `uncosted_lines` says how many such lines a figure holds, so a margin still to move is visible.

Net sales are the same revenue; quantity invoiced and the invoice count look at invoices only (a credit note
changes what was earned, not what was billed). An invoice whose lines fall in several groups counts once in each,
and once in the totals.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping
from uuid import UUID

MONEY_STEP = Decimal("0.01")
QUANTITY_STEP = Decimal("0.0001")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

GROUPINGS = ("order", "customer", "item", "month")
SALES_GROUPINGS = ("month", "customer", "item")


def money(amount: Decimal) -> Decimal:
    """Sums of NUMERIC(18, 2) amounts are exact; this only gives every figure the same two places."""
    return amount.quantize(MONEY_STEP, ROUND_HALF_UP)


def margin_pct(gross_margin: Decimal, revenue: Decimal) -> Decimal | None:
    """Undefined without revenue: a group that only carries cost (goods delivered, not yet invoiced) has no
    margin percentage, and 0 would read as 'sold at cost'."""
    if revenue == 0:
        return None
    return (gross_margin / revenue * HUNDRED).quantize(MONEY_STEP, ROUND_HALF_UP)


@dataclass(frozen=True)
class Part:
    """One source's sum for one group, as the queries return it."""
    key: str
    amount: Decimal


@dataclass(frozen=True)
class CostPart:
    key: str
    cost: Decimal
    uncosted_lines: int = 0


@dataclass(frozen=True)
class InvoicedPart:
    """One invoice's lines in one group: kept per invoice so invoices are counted, not lines."""
    key: str
    invoice_id: UUID
    net: Decimal
    quantity: Decimal


@dataclass(frozen=True)
class MarginFigures:
    revenue: Decimal
    cogs: Decimal
    uncosted_lines: int

    @property
    def gross_margin(self) -> Decimal:
        return self.revenue - self.cogs

    @property
    def margin_pct(self) -> Decimal | None:
        return margin_pct(self.gross_margin, self.revenue)

    def as_dict(self) -> dict:
        return {"revenue": money(self.revenue), "cogs": money(self.cogs), "gross_margin": money(self.gross_margin),
                "margin_pct": self.margin_pct, "uncosted_lines": self.uncosted_lines}


@dataclass(frozen=True)
class SalesFigures:
    net_sales: Decimal
    quantity_invoiced: Decimal
    invoice_count: int

    def as_dict(self) -> dict:
        return {"net_sales": money(self.net_sales), "quantity_invoiced": self.quantity_invoiced.quantize(QUANTITY_STEP),
                "invoice_count": self.invoice_count}


def _sum_by_key(parts: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for key, amount in parts:
        sums[key] = sums.get(key, ZERO) + amount
    return sums


def _ordered(keys: Iterable[str], labels: Mapping[str, str | None]) -> list[str]:
    """By label (order number, customer, item, month), unlabelled ones last, then by key: a stable order a
    reader can scan."""
    return sorted(set(keys), key=lambda key: (labels.get(key) is None, labels.get(key) or "", key))


def gross_margin_report(invoiced: Iterable[Part], credited: Iterable[Part], issued: Iterable[CostPart],
                        returned: Iterable[CostPart], labels: Mapping[str, str | None]) -> dict:
    """Rows per group and the totals; `returned` is the cost of goods customers sent back."""
    invoiced, credited, issued, returned = list(invoiced), list(credited), list(issued), list(returned)
    revenue = _sum_by_key([(p.key, p.amount) for p in invoiced] + [(p.key, -p.amount) for p in credited])
    cogs = _sum_by_key([(p.key, p.cost) for p in issued] + [(p.key, -p.cost) for p in returned])
    uncosted: dict[str, int] = {}
    for part in (*issued, *returned):
        uncosted[part.key] = uncosted.get(part.key, 0) + part.uncosted_lines
    rows = []
    for key in _ordered([*revenue, *cogs], labels):
        figures = MarginFigures(revenue.get(key, ZERO), cogs.get(key, ZERO), uncosted.get(key, 0))
        rows.append({"key": key, "label": labels.get(key), **figures.as_dict()})
    totals = MarginFigures(sum(revenue.values(), ZERO), sum(cogs.values(), ZERO), sum(uncosted.values()))
    return {"rows": rows, "totals": totals.as_dict()}


def sales_report(invoiced: Iterable[InvoicedPart], credited: Iterable[Part], labels: Mapping[str, str | None]) -> dict:
    invoiced, credited = list(invoiced), list(credited)
    net = _sum_by_key([(p.key, p.net) for p in invoiced] + [(p.key, -p.amount) for p in credited])
    quantity = _sum_by_key((p.key, p.quantity) for p in invoiced)
    invoices: dict[str, set[UUID]] = {}
    for part in invoiced:
        invoices.setdefault(part.key, set()).add(part.invoice_id)
    rows = [{"key": key, "label": labels.get(key),
             **SalesFigures(net[key], quantity.get(key, ZERO), len(invoices.get(key, ()))).as_dict()}
            for key in _ordered(net, labels)]
    totals = SalesFigures(sum(net.values(), ZERO), sum(quantity.values(), ZERO),
                          len({part.invoice_id for part in invoiced}))
    return {"rows": rows, "totals": totals.as_dict()}
