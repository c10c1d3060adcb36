"""Events inventory consumes: goods receipts (stock comes in), suppliers (receipts name them) and HR's
departments and employees (requisitions name who asked and for which department)."""
from sqlalchemy.orm import Session

from erp_shared.errors import PermanentEventError, RuleViolation
from erp_shared.events import Envelope
from erp_shared.events.catalog import master_data_types
from erp_shared.replication import replicate_into

from . import services
from .models import department_replica, employee_replica, supplier_replica


def goods_received(session: Session, event: Envelope, receipt: dict) -> None:
    """A receipt that breaks a stock rule now breaks it on every retry (inventory owns the items and
    warehouses it names), so it goes straight to the dead-letter queue."""
    try:
        services.book_goods_receipt(session, event, receipt)
    except RuleViolation as exc:
        raise PermanentEventError(f"goods receipt {receipt['receipt_no']} cannot be booked: {exc.detail}") from exc


HANDLERS = {
    "procurement.goods_received.v1": goods_received,
    **{t: replicate_into(supplier_replica) for t in master_data_types("procurement", "supplier")},
    **{t: replicate_into(department_replica) for t in master_data_types("hr", "department")},
    **{t: replicate_into(employee_replica) for t in master_data_types("hr", "employee")},
}
