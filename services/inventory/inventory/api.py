from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import requires_roles
from erp_shared.web.crud import master_data_blueprint
from erp_shared.web.read_models import ReadModel, read_model_blueprint

from . import count_api, queries, reports_api, requisition_api, schemas, transfer_api
from .masterdata import ITEMS, WAREHOUSES
from .models import department_replica, employee_replica, idempotency_keys, supplier_replica

WRITERS = ("warehouse",)

items = master_data_blueprint(
    ITEMS, name="items", url="/items", idempotency_keys=idempotency_keys,
    create_schema=schemas.ItemCreate, update_schema=schemas.ItemUpdate, out_schema=schemas.ItemOut,
    filter_schema=schemas.ItemFilter, write_roles=WRITERS)

warehouses = master_data_blueprint(
    WAREHOUSES, name="warehouses", url="/warehouses", idempotency_keys=idempotency_keys,
    create_schema=schemas.WarehouseCreate, update_schema=schemas.WarehouseUpdate, out_schema=schemas.WarehouseOut,
    filter_schema=schemas.WarehouseFilter, write_roles=WRITERS)

stock = Blueprint("stock", __name__, description="Stock on hand, its valuation and the stock ledger")


@stock.route("/stock", methods=["GET"])
@requires_roles()
@stock.arguments(schemas.StockFilter, location="query")
@stock.response(200, schemas.StockRowOut(many=True))
@stock.paginate()
def stock_on_hand(filters, pagination_parameters):
    """On hand per item, warehouse and batch, valued at the item's moving average cost."""
    with database().unit_of_work() as session:
        rows, pagination_parameters.item_count = queries.stock_on_hand(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


@stock.route("/stock/valuation", methods=["GET"])
@requires_roles()
@stock.arguments(schemas.ValuationFilter, location="query")
@stock.response(200, schemas.StockValuationOut)
def stock_valuation(filters):
    """Per item on hand, stock value and average cost, and the total stock value (finance's account 1200)."""
    with database().unit_of_work() as session:
        return queries.stock_valuation(session, filters.get("item_id"))


@stock.route("/stock-moves", methods=["GET"])
@requires_roles()
@stock.arguments(schemas.StockMoveFilter, location="query")
@stock.response(200, schemas.StockMoveOut(many=True))
@stock.paginate()
def stock_moves(filters, pagination_parameters):
    """The stock ledger, newest first."""
    with database().unit_of_work() as session:
        rows, pagination_parameters.item_count = queries.stock_moves(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


@stock.route("/stock/availability", methods=["GET"])
@requires_roles()
@stock.arguments(schemas.AvailabilityFilter, location="query")
@stock.response(200, schemas.AvailabilityOut(many=True))
@stock.paginate()
def stock_availability(filters, pagination_parameters):
    """Per item and warehouse: on hand, reserved for sales orders, backordered, and available to reserve."""
    with database().unit_of_work() as session:
        rows, pagination_parameters.item_count = queries.availability(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


reservations = Blueprint("reservations", __name__, description="Stock reserved and backordered for sales orders")


@reservations.route("/reservations", methods=["GET"])
@requires_roles()
@reservations.arguments(schemas.ReservationFilter, location="query")
@reservations.response(200, schemas.ReservationOut(many=True))
@reservations.paginate()
def reservation_lines(filters, pagination_parameters):
    """One row per sales order line: requested, reserved, backordered and issued, in backorder-filling order."""
    with database().unit_of_work() as session:
        rows, pagination_parameters.item_count = queries.reservations(
            session, filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


read_models = read_model_blueprint({
    "suppliers": ReadModel(supplier_replica),
    "departments": ReadModel(department_replica),
    "employees": ReadModel(employee_replica, code_column="employee_no", name_column="full_name"),
})

BLUEPRINTS = (items, warehouses, stock, reservations, read_models, *requisition_api.BLUEPRINTS,
              *reports_api.BLUEPRINTS, *transfer_api.BLUEPRINTS, *count_api.BLUEPRINTS)
