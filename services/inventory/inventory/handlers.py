"""Events inventory consumes: goods receipts (stock comes in and fills backorders), the sales order saga
(reserve on confirmation, release on cancellation, issue on delivery), customer returns (goods come back at
their issue cost and fill backorders), suppliers (receipts name them) and HR's departments and employees
(requisitions name who asked and for which department).

Inventory owns the items, warehouses and stock these events name, so an event that breaks a stock rule breaks
it on every retry: it goes straight to the dead-letter queue."""
from collections.abc import Callable

from sqlalchemy.orm import Session

from erp_shared.errors import PermanentEventError, RuleViolation
from erp_shared.events import Envelope
from erp_shared.events.catalog import master_data_types
from erp_shared.replication import replicate_into

from . import issues, reconciliation, reservations, returns, services
from .models import department_replica, employee_replica, supplier_replica


def _permanent_on_rule_violation(what: Callable[[dict], str], use_case) -> Callable:
    def handle(session: Session, event: Envelope, data: dict) -> None:
        try:
            use_case(session, event, data)
        except RuleViolation as exc:
            raise PermanentEventError(f"{what(data)} cannot be applied: {exc.detail}") from exc
    handle.__name__ = handle.__qualname__ = use_case.__name__
    handle.__doc__ = use_case.__doc__
    return handle


goods_received = _permanent_on_rule_violation(lambda d: f"goods receipt {d['receipt_no']}", services.book_goods_receipt)
order_confirmed = _permanent_on_rule_violation(lambda d: f"order {d['order_no']}", reservations.reserve_for_order)
order_cancelled = _permanent_on_rule_violation(lambda d: f"cancellation of {d['order_no']}",
                                               reservations.release_order)
goods_delivered = _permanent_on_rule_violation(lambda d: f"delivery {d['delivery_no']}", issues.issue_for_delivery)
goods_returned = _permanent_on_rule_violation(lambda d: f"return {d['return_no']}", returns.take_back_returned_goods)

HANDLERS = {
    "procurement.goods_received.v1": goods_received,
    "sales.order_confirmed.v1": order_confirmed,
    "sales.order_cancelled.v1": order_cancelled,
    "sales.goods_delivered.v1": goods_delivered,
    "sales.goods_returned.v1": goods_returned,
    "finance.journal_posted.v1": reconciliation.gl_postings_handler(reconciliation.ACCOUNT_CODE),
    **{t: replicate_into(supplier_replica) for t in master_data_types("procurement", "supplier")},
    **{t: replicate_into(department_replica) for t in master_data_types("hr", "department")},
    **{t: replicate_into(employee_replica) for t in master_data_types("hr", "employee")},
}
