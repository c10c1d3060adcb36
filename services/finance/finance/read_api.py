"""`GET /read-models/<name>`: what finance knows of other services' master data, read-only.

Handy to check what has replicated when a reference is refused; the data itself belongs to its producer.
"""
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import Principal, current_principal, requires_roles

from . import read_schemas as rs
from .queries import READ_MODELS, find_replicas

BANK_FIELDS = ("bank_account_name", "bank_iban", "bank_bic")
BANK_READERS = ("accounting",)

read_models = Blueprint("read_models", "read_models", url_prefix="/read-models",
                        description="Read models replicated from other services' events")


def without_bank_details(row: dict, principal: Principal) -> dict:
    """Supplier bank details reach finance to pay suppliers; only those who pay (or admins) see them."""
    if principal.has_any(BANK_READERS):
        return row
    return {key: value for key, value in row.items() if key not in BANK_FIELDS}


def _as_is(row: dict, principal: Principal) -> dict:
    return row


def expose(name: str, out_schema, filter_schema=rs.ReplicaFilter, redact=_as_is) -> None:
    model = READ_MODELS[name]

    @read_models.route(f"/{name}", endpoint=name, methods=["GET"])
    @requires_roles()
    @read_models.arguments(filter_schema, location="query")
    @read_models.response(200, out_schema(many=True))
    @read_models.paginate()
    def listing(filters, pagination_parameters):
        """Replicated records, filtered and paged; they lag their producer by the time its events take."""
        with database().unit_of_work() as session:
            rows, total = find_replicas(session, model, filters=dict(filters), page=pagination_parameters.page,
                                        page_size=pagination_parameters.page_size)
        pagination_parameters.item_count = total
        principal = current_principal()
        return [redact(row, principal) for row in rows]


expose("items", rs.ItemReplicaOut)
expose("warehouses", rs.ReplicaOut)
expose("suppliers", rs.SupplierReplicaOut, redact=without_bank_details)
expose("customers", rs.CustomerReplicaOut)
expose("departments", rs.ReplicaOut)
expose("employees", rs.EmployeeReplicaOut, filter_schema=rs.EmployeeReplicaFilter)
