"""The customer ledger from sales' side: invoices, credit notes and payments with the running balance, the open
invoices and their ageing, as of a date. Built from the stored document amounts (never re-multiplied) and
dated as finance dates the journal entries (invoice date; credit date; the payment's UTC day)."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from erp_shared.db import Database
from erp_shared.errors import NotFound

from . import ledger_domain as domain
from .models import CreditNote, Customer, CustomerPayment, CustomerPaymentAllocation, Invoice


def received_on():
    """The UTC day a payment came in, in SQL (finance's entry date for it)."""
    return cast(func.timezone("UTC", CustomerPayment.received_at), Date)


def customer_ledger(session: Session, customer_id: uuid.UUID, as_of: date) -> dict:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"no customer with id {customer_id}")
    invoices = session.execute(select(Invoice).where(
        Invoice.customer_id == customer_id, Invoice.invoice_date <= as_of)).scalars().all()
    payments = session.execute(select(CustomerPayment, received_on().label("paid_on")).where(
        CustomerPayment.customer_id == customer_id, received_on() <= as_of)).all()
    allocations = session.execute(
        select(CustomerPaymentAllocation.invoice_id, CustomerPaymentAllocation.amount, received_on().label("paid_on"))
        .join(CustomerPayment, CustomerPayment.id == CustomerPaymentAllocation.payment_id)
        .where(CustomerPayment.customer_id == customer_id, received_on() <= as_of)).all()
    credit_notes = session.execute(
        select(CreditNote, Invoice.number.label("invoice_number")).join(Invoice, Invoice.id == CreditNote.invoice_id)
        .where(CreditNote.customer_id == customer_id, CreditNote.credit_date <= as_of)).all()
    entries = [domain.LedgerEntry(i.invoice_date, domain.INVOICE, i.id, i.number, None, i.total_amount, i.due_date)
               for i in invoices]
    entries += [domain.LedgerEntry(row.paid_on, domain.PAYMENT, row.CustomerPayment.id, row.CustomerPayment.number,
                                   row.CustomerPayment.reference, -row.CustomerPayment.amount) for row in payments]
    entries += [domain.LedgerEntry(note.credit_date, domain.CREDIT_NOTE, note.id, note.number, invoice_number,
                                   -note.total_amount) for note, invoice_number in credit_notes]
    ledger = domain.running_ledger(entries)
    settlements = [domain.DatedSettlement(a.invoice_id, a.paid_on, a.amount) for a in allocations]
    settlements += [domain.DatedSettlement(note.invoice_id, note.credit_date, note.total_amount)
                    for note, _ in credit_notes]
    items = domain.open_items(
        [domain.DatedInvoice(i.id, i.number, i.invoice_date, i.due_date, i.total_amount) for i in invoices],
        settlements, as_of)
    return {
        "customer_id": customer.id, "customer_code": customer.code, "customer_name": customer.name,
        "credit_limit": customer.credit_limit, "as_of": as_of,
        "entries": [{"date": e.entry_date, "kind": e.kind, "document_id": e.document_id, "number": e.number,
                     "reference": e.reference, "due_date": e.due_date, "amount": e.amount, "balance": balance}
                    for e, balance in ledger],
        "open_balance": ledger[-1][1] if ledger else domain.ZERO,
        "open_items": [{"invoice_id": i.invoice_id, "number": i.number, "due_date": i.due_date,
                        "open_amount": i.open_amount, "days_overdue": max(domain.days_overdue(i.due_date, as_of), 0)}
                       for i in items],
        "ageing": domain.ageing(items, as_of),
    }


def read_customer_ledger(db: Database, customer_id: uuid.UUID, as_of: date) -> dict:
    with db.unit_of_work() as session:
        return customer_ledger(session, customer_id, as_of)
