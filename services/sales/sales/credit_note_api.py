"""HTTP surface of credit notes: issued against an invoice, read one by one or per invoice."""
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from .billing_api import BILLERS
from .credit_note_queries import credit_notes_of_invoice, read_credit_note
from .credit_note_schemas import CreditNoteIn, CreditNoteOut
from .credit_notes import issue_credit_note
from .models import idempotency_keys

credit_notes = Blueprint("credit_notes", __name__, description="Credit notes against invoices")


@credit_notes.route("/invoices/<uuid:invoice_id>/credit-notes")
class InvoiceCreditNotes(MethodView):
    @requires_roles()
    @credit_notes.response(200, CreditNoteOut(many=True))
    @credit_notes.paginate()
    def get(self, invoice_id, pagination_parameters):
        rows, pagination_parameters.item_count = credit_notes_of_invoice(
            database(), invoice_id, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*BILLERS)
    @credit_notes.arguments(CreditNoteIn)
    @credit_notes.response(201, CreditNoteOut)
    def post(self, values, invoice_id):
        """Takes back quantities of the invoice's lines at the invoice's prices (422 by field beyond what is
        invoiced and not yet credited); numbered CN-<year>-NNNNNN. The credit lowers the invoice's open amount
        and may not exceed it (refunding a paid invoice is not supported); an invoice settled by payments and
        credits is paid. Send an Idempotency-Key to make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: CreditNoteOut().dump(
            issue_credit_note(session, invoice_id, values, principal)))


@credit_notes.route("/credit-notes/<uuid:credit_note_id>", methods=["GET"])
@requires_roles()
@credit_notes.response(200, CreditNoteOut)
def credit_note(credit_note_id):
    return read_credit_note(database(), credit_note_id)


BLUEPRINTS = (credit_notes,)
