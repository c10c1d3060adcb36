from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.crud import master_data_blueprint
from erp_shared.web.read_models import read_model_blueprint

from . import expense_accounts, queries, reports, schemas
from .masterdata import ACCOUNTS, check_account
from .models import idempotency_keys
from .queries import READ_MODELS

WRITERS = ("accounting",)

accounts = master_data_blueprint(
    ACCOUNTS, name="accounts", url="/accounts", idempotency_keys=idempotency_keys,
    create_schema=schemas.AccountCreate, update_schema=schemas.AccountUpdate, out_schema=schemas.AccountOut,
    filter_schema=schemas.AccountFilter, write_roles=WRITERS, validate=check_account)

read_models = read_model_blueprint(READ_MODELS)

journal = Blueprint("journal_entries", __name__, url_prefix="/journal-entries",
                    description="The journal: one entry per posted business document, posted from events")


@journal.route("")
class Journal(MethodView):
    @requires_roles()
    @journal.arguments(schemas.JournalFilter, location="query")
    @journal.response(200, schemas.JournalEntryOut(many=True))
    @journal.paginate()
    def get(self, filters, pagination_parameters):
        with database().unit_of_work() as session:
            entries, pagination_parameters.item_count = queries.find_journal_entries(
                session, filters, page=pagination_parameters.page, page_size=pagination_parameters.page_size)
            return entries


@journal.route("/<uuid:entry_id>")
class JournalEntryRecord(MethodView):
    @requires_roles()
    @journal.response(200, schemas.JournalEntryOut)
    def get(self, entry_id):
        with database().unit_of_work() as session:
            return queries.get_journal_entry(session, entry_id)


ledger_reports = Blueprint("reports", __name__, url_prefix="/reports", description="Ledger reports")


@ledger_reports.route("/trial-balance", methods=["GET"])
@requires_roles()
@ledger_reports.arguments(schemas.AsOf, location="query")
@ledger_reports.response(200, schemas.TrialBalanceOut)
def trial_balance(args):
    with database().unit_of_work() as session:
        return reports.trial_balance(session, args.get("as_of"))


@ledger_reports.route("/ap-subledger", methods=["GET"])
@requires_roles()
@ledger_reports.arguments(schemas.ApSubledgerQuery, location="query")
@ledger_reports.response(200, schemas.ApSubledgerOut)
def ap_subledger(args):
    with database().unit_of_work() as session:
        return reports.ap_subledger(session, args.get("supplier_id"), args.get("as_of"))


@ledger_reports.route("/ar-subledger", methods=["GET"])
@requires_roles()
@ledger_reports.arguments(schemas.ArSubledgerQuery, location="query")
@ledger_reports.response(200, schemas.ArSubledgerOut)
def ar_subledger(args):
    with database().unit_of_work() as session:
        return reports.ar_subledger(session, args.get("customer_id"), args.get("as_of"))


@ledger_reports.route("/income-statement", methods=["GET"])
@requires_roles()
@ledger_reports.arguments(schemas.Period, location="query")
@ledger_reports.response(200, schemas.IncomeStatementOut)
def income_statement(args):
    with database().unit_of_work() as session:
        return reports.income_statement(session, args.get("date_from"), args.get("date_to"))


settings = Blueprint("finance_settings", __name__, url_prefix="/settings",
                     description="Posting settings: the expense account each department's material consumption "
                                 "posts to")


@settings.route("/department-expense-accounts", methods=["GET"])
@requires_roles()
@settings.response(200, schemas.DepartmentExpenseAccountOut(many=True))
@settings.paginate()
def department_expense_accounts(pagination_parameters):
    """Every department known here, with the account its material issues debit (6200 unless set)."""
    with database().unit_of_work() as session:
        rows, pagination_parameters.item_count = expense_accounts.list_department_accounts(
            session, pagination_parameters.page, pagination_parameters.page_size)
        return rows


@settings.route("/department-expense-accounts/<uuid:department_id>", methods=["PUT"])
@requires_roles(*WRITERS)
@settings.arguments(schemas.DepartmentExpenseAccountIn)
@settings.response(200, schemas.DepartmentExpenseAccountOut)
def set_department_expense_account(values, department_id):
    """The account must be an active expense account (422 naming account_code); the department must be known
    from HR (404 naming department_id). Entries already posted keep their account."""
    with database().unit_of_work() as session:
        return expense_accounts.set_department_account(session, department_id, values["account_code"],
                                                       current_principal())


BLUEPRINTS = (accounts, read_models, journal, ledger_reports, settings)
