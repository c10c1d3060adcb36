"""Batches and their traceability, the stock reports and the stock-to-GL reconciliation: read-only, open to
every signed-in role."""
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import requires_roles

from . import lots, reconciliation, reports, reports_schemas as schemas

batches = Blueprint("batches", __name__, description="Batches: where each came from and where it went")


@batches.route("/batches", methods=["GET"])
@requires_roles()
@batches.arguments(schemas.LotFilter, location="query")
@batches.response(200, schemas.LotOut(many=True))
@batches.paginate()
def batch_list(filters, pagination_parameters):
    """On hand per item, warehouse and batch, with the batch's first receipt, its purchase order and
    supplier."""
    with database().unit_of_work() as session:
        rows, pagination_parameters.item_count = lots.batches(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


@batches.route("/batches/<path:batch_no>/trace", methods=["GET"])
@requires_roles()
@batches.arguments(schemas.LotTraceQuery, location="query")
@batches.response(200, schemas.LotTraceOut)
@batches.alt_response(404, description="the item has no such batch")
def batch_trace(query, batch_no):
    """One batch of an item: the receipts it came in on (purchase order, supplier), every ledger movement of
    it in time order with the running quantity, a summary per move type, and where it is now. A batch number
    may contain '/'."""
    with database().unit_of_work() as session:
        return lots.trace(session, query["item_id"], batch_no)


stock_reports = Blueprint("stock_reports", __name__, url_prefix="/reports",
                          description="Stock reports from the stock ledger")


@stock_reports.route("/stock-on-hand", methods=["GET"])
@requires_roles()
@stock_reports.arguments(schemas.StockOnHandQuery, location="query")
@stock_reports.response(200, schemas.StockOnHandOut)
@stock_reports.paginate()
def stock_on_hand(filters, pagination_parameters):
    """Quantity and value per warehouse and item as of the end of a UTC day (now if none), with the value
    per warehouse and in total."""
    with database().unit_of_work() as session:
        result, pagination_parameters.item_count = reports.stock_on_hand(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return result


@stock_reports.route("/movements", methods=["GET"])
@requires_roles()
@stock_reports.arguments(schemas.MovementQuery, location="query")
@stock_reports.response(200, schemas.MovementHistoryOut)
@stock_reports.alt_response(404, description="no such item")
@stock_reports.paginate(page_size=50, max_page_size=500)
def movement_history(filters, pagination_parameters):
    """An item's movements in a period with the opening balance, running quantity and value, and closing."""
    with database().unit_of_work() as session:
        result, pagination_parameters.item_count = reports.movements(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return result


@stock_reports.route("/below-reorder", methods=["GET"])
@requires_roles()
@stock_reports.arguments(schemas.BelowReorderQuery, location="query")
@stock_reports.response(200, schemas.BelowReorderOut(many=True))
@stock_reports.paginate()
def below_reorder(filters, pagination_parameters):
    """Active items whose stock over all warehouses is below their reorder level, and how much to order."""
    with database().unit_of_work() as session:
        rows, pagination_parameters.item_count = reports.below_reorder(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


@stock_reports.route("/stock-ageing", methods=["GET"])
@requires_roles()
@stock_reports.arguments(schemas.AgeingQuery, location="query")
@stock_reports.response(200, schemas.AgeingOut)
@stock_reports.paginate()
def stock_ageing(filters, pagination_parameters):
    """Stock by the age of its batch (days since first received): 0-30, 31-60, 61-90, 91-180, over 180 and
    unknown, per item and in total."""
    with database().unit_of_work() as session:
        result, pagination_parameters.item_count = reports.stock_ageing(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return result


stock_reconciliation = Blueprint("stock_reconciliation", __name__, url_prefix="/reconciliation",
                                 description="The stock ledger against finance's inventory account")


@stock_reconciliation.route("/stock-to-gl", methods=["GET"])
@requires_roles()
@stock_reconciliation.arguments(schemas.Period, location="query")
@stock_reconciliation.response(200, schemas.StockToGlOut)
@stock_reconciliation.paginate(page_size=50, max_page_size=500)
def stock_to_gl(period, pagination_parameters):
    """The ledger's value and the GL's inventory account (opening, movement, closing) for a period of UTC days
    (everything up to today by default), the difference, and per source document that differs the reason:
    not posted in the GL yet, posted in the GL without a stock movement, or amounts differ."""
    with database().unit_of_work() as session:
        result, pagination_parameters.item_count = reconciliation.stock_to_gl(
            session, period, reports.today(), reconciliation.ACCOUNT_CODE,
            pagination_parameters.page, pagination_parameters.page_size)
    return result


BLUEPRINTS = (batches, stock_reports, stock_reconciliation)
