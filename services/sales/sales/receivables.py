"""What a customer owes on issued invoices: the receivables half of credit exposure."""
from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .billing_domain import OPEN
from .models import Invoice


def open_receivables(session: Session, customer_id: uuid.UUID) -> Decimal:
    """The open part of every open invoice: its total less what payments and credit notes took off it."""
    open_part = Invoice.total_amount - Invoice.amount_paid - Invoice.amount_credited
    owed = session.execute(select(func.coalesce(func.sum(open_part), 0))
                           .where(Invoice.customer_id == customer_id, Invoice.status == OPEN)).scalar_one()
    return Decimal(owed).quantize(Decimal("0.01"))
