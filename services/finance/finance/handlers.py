"""Events finance consumes: the master data its postings and subledgers name (items and warehouses on stock
postings, suppliers it pays, customers it invoices, departments and employees on payroll and on material
consumption), and the business events it posts to the general ledger."""
from typing import Callable

from sqlalchemy.orm import Session

from erp_shared.events import Envelope
from erp_shared.events.catalog import master_data_types
from erp_shared.replication import replicate_into

from . import expense_accounts, posting
from .journal import ProposedEntry
from .models import (customer_replica, department_replica, employee_replica, item_replica, supplier_replica,
                     warehouse_replica)
from .services import post_journal_entry

PostingRule = Callable[[dict], ProposedEntry | None]


def post_to_ledger(rule: PostingRule) -> Callable[[Session, Envelope, dict], None]:
    """A consumer handler that posts the entry `rule` makes of the event."""
    def handler(session: Session, event: Envelope, data: dict) -> None:
        post_journal_entry(session, rule(data), event)
    handler.__name__ = f"post_{rule.__name__}"
    return handler


def post_material_issued(session: Session, event: Envelope, data: dict) -> None:
    """Debits the expense account set for the department (6200 when none is)."""
    account = expense_accounts.account_for_department(session, data["department_id"])
    post_journal_entry(session, posting.material_issued(data, account), event)


def post_material_returned(session: Session, event: Envelope, data: dict) -> None:
    """Credits the account the issue was posted to, so the return reverses exactly what the issue booked."""
    account = expense_accounts.account_for_return(session, data["department_id"], data["issue_no"])
    post_journal_entry(session, posting.material_returned(data, account), event)


HANDLERS = {
    **{t: replicate_into(item_replica) for t in master_data_types("inventory", "item")},
    **{t: replicate_into(warehouse_replica) for t in master_data_types("inventory", "warehouse")},
    **{t: replicate_into(supplier_replica) for t in master_data_types("procurement", "supplier")},
    **{t: replicate_into(customer_replica) for t in master_data_types("sales", "customer")},
    **{t: replicate_into(department_replica) for t in master_data_types("hr", "department")},
    **{t: replicate_into(employee_replica) for t in master_data_types("hr", "employee")},
    "procurement.goods_received.v1": post_to_ledger(posting.goods_received),
    "procurement.supplier_invoice_posted.v1": post_to_ledger(posting.supplier_invoice_posted),
    "procurement.supplier_payment_made.v1": post_to_ledger(posting.supplier_payment_made),
    "inventory.stock_issued.v1": post_to_ledger(posting.stock_issued),
    "inventory.stock_returned.v1": post_to_ledger(posting.stock_returned),
    "inventory.material_issued.v1": post_material_issued,
    "inventory.material_returned.v1": post_material_returned,
    "inventory.transfer_received.v1": post_to_ledger(posting.transfer_received),
    "inventory.count_posted.v1": post_to_ledger(posting.count_posted),
    "sales.invoice_issued.v1": post_to_ledger(posting.invoice_issued),
    "sales.credit_note_issued.v1": post_to_ledger(posting.credit_note_issued),
    "sales.customer_payment_received.v1": post_to_ledger(posting.customer_payment_received),
}
