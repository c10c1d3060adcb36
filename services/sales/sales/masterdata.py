"""The master records sales owns and publishes."""
from erp_shared.masterdata import MasterData

from .domain import check_credit_terms
from .models import Customer, outbox


class CustomerMasterData(MasterData):
    """Customers, with the credit terms checked as they will be stored: on update, the stored values with the
    incoming ones laid over them (the web kit's `validate` hook sees only the incoming ones)."""

    def create(self, session, values: dict):
        check_credit_terms(values["credit_rating"], values["credit_limit"])
        return super().create(session, values)

    def update(self, session, record_id, values: dict):
        stored = self.get(session, record_id, for_update=True)
        check_credit_terms(values.get("credit_rating", stored.credit_rating),
                           values.get("credit_limit", stored.credit_limit))
        return super().update(session, record_id, values)


CUSTOMERS = CustomerMasterData(Customer, "sales", "customer", outbox)
