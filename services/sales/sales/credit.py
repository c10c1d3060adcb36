"""Gathering a customer's credit exposure from sales' own tables, under the customer's row lock.

Confirmations for one customer lock its row first, so two orders confirmed at the same moment are checked
one after the other and cannot both squeeze under the limit.
"""
from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from .credit_domain import CreditCheck, credit_check
from .models import Customer, SalesOrder
from .ordering_domain import COMMITTED
from .receivables import open_receivables


def lock_customer(session: Session, customer_id: uuid.UUID) -> Customer:
    """FOR NO KEY UPDATE: confirmations for the customer queue behind each other, while documents that merely
    reference the customer (their foreign keys take KEY SHARE) are not held up."""
    return session.execute(select(Customer).where(Customer.id == customer_id).with_for_update(key_share=True)
                           .execution_options(populate_existing=True)).scalar_one()


def check_credit(session: Session, order: SalesOrder) -> CreditCheck:
    """The customer's exposure with `order` added, against their credit limit."""
    customer = lock_customer(session, order.customer_id)
    others = session.execute(
        select(SalesOrder.status, SalesOrder.total_amount, SalesOrder.invoiced_amount)
        .where(SalesOrder.customer_id == customer.id, SalesOrder.id != order.id,
               SalesOrder.status.in_(COMMITTED))).all()
    return credit_check(open_receivables=open_receivables(session, customer.id),
                        committed_orders=[tuple(row) for row in others], this_order=order.total_amount,
                        credit_limit=customer.credit_limit)
