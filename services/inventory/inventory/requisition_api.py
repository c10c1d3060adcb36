"""HTTP surface of material requisitions: any working role asks for material for its department; the warehouse
approves or rejects (never its own requests), issues and takes back what was not used. Each route: load the
schema, call one use case, dump the schema."""
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from . import requisition_queries as queries
from . import requisition_schemas as schemas
from . import requisitions
from .material_issues import issue_material
from .material_returns import return_material
from .models import idempotency_keys

REQUESTERS = ("warehouse", "production", "purchasing", "sales", "hr", "accounting")
STOREKEEPERS = requisitions.STOREKEEPERS

material_requisitions = Blueprint(
    "material_requisitions", __name__, url_prefix="/material-requisitions",
    description="Material requisitions: pending_approval → approved → partially_issued → issued; rejected; "
                "cancelled")


@material_requisitions.route("")
class Requisitions(MethodView):
    @requires_roles()
    @material_requisitions.arguments(schemas.RequisitionFilter, location="query")
    @material_requisitions.response(200, schemas.RequisitionSummaryOut(many=True))
    @material_requisitions.paginate()
    def get(self, filters, pagination_parameters):
        """Newest first."""
        rows, pagination_parameters.item_count = queries.list_requisitions(
            database(), filters, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*REQUESTERS)
    @material_requisitions.arguments(schemas.RequisitionCreate)
    @material_requisitions.response(201, schemas.RequisitionOut)
    def post(self, values):
        """Pending approval, numbered MR-<year>-NNNNNN. The department and employee must be active in HR's
        records, the items and warehouses here (422 naming the field). Send an Idempotency-Key to make
        retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: schemas.RequisitionOut().dump(
            requisitions.raise_requisition(session, values, principal)))


@material_requisitions.route("/<uuid:requisition_id>", methods=["GET"])
@requires_roles()
@material_requisitions.response(200, schemas.RequisitionOut)
def requisition(requisition_id):
    """Per line: requested, issued, returned unused and still to issue; and the issues made against it."""
    return queries.read_requisition(database(), requisition_id)


@material_requisitions.route("/<uuid:requisition_id>/approve", methods=["POST"])
@requires_roles(*STOREKEEPERS)
@material_requisitions.response(200, schemas.RequisitionOut)
def approve(requisition_id):
    """Pending approval only (409 otherwise); never by whoever created it (segregation of duties, 403)."""
    return requisitions.approve_requisition(database(), requisition_id, current_principal())


@material_requisitions.route("/<uuid:requisition_id>/reject", methods=["POST"])
@requires_roles(*STOREKEEPERS)
@material_requisitions.arguments(schemas.RejectIn)
@material_requisitions.response(200, schemas.RequisitionOut)
def reject(values, requisition_id):
    """Pending approval only (409 otherwise); never by whoever created it (segregation of duties, 403)."""
    return requisitions.reject_requisition(database(), requisition_id, values["reason"], current_principal())


@material_requisitions.route("/<uuid:requisition_id>/cancel", methods=["POST"])
@requires_roles(*REQUESTERS)
@material_requisitions.arguments(schemas.CancelIn)
@material_requisitions.response(200, schemas.RequisitionOut)
def cancel(values, requisition_id):
    """Before anything is issued (409 afterwards); by whoever created it or by the warehouse (403 otherwise)."""
    return requisitions.cancel_requisition(database(), requisition_id, values.get("reason"), current_principal())


@material_requisitions.route("/<uuid:requisition_id>/issues", methods=["POST"])
@requires_roles(*STOREKEEPERS)
@material_requisitions.arguments(schemas.IssueIn)
@material_requisitions.response(201, schemas.IssueOut)
def issue(values, requisition_id):
    """Approved or partially issued requisitions only (409 otherwise). Each line at most what remains on it and
    what is available at its warehouse (on hand less reserved for sales orders), from the named batch or the
    oldest first, at moving-average cost; numbered MI-<year>-NNNNNN. Send an Idempotency-Key to make retries
    safe."""
    principal = current_principal()
    return idempotent_create(database(), idempotency_keys, lambda session: schemas.IssueOut().dump(
        issue_material(session, requisition_id, values, principal)))


material_issues = Blueprint("material_issues", __name__, url_prefix="/material-issues",
                            description="Material issued against requisitions, and unused material taken back")


@material_issues.route("", methods=["GET"])
@requires_roles()
@material_issues.arguments(schemas.IssueFilter, location="query")
@material_issues.response(200, schemas.IssueListOut(many=True))
@material_issues.paginate()
def issues(filters, pagination_parameters):
    """Newest first."""
    rows, pagination_parameters.item_count = queries.list_issues(
        database(), filters, pagination_parameters.page, pagination_parameters.page_size)
    return rows


@material_issues.route("/<uuid:issue_id>", methods=["GET"])
@requires_roles()
@material_issues.response(200, schemas.IssueOut)
def material_issue(issue_id):
    """Per line: issued, its cost, the batches it came from, and what came back unused."""
    return queries.read_issue(database(), issue_id)


@material_issues.route("/<uuid:issue_id>/returns", methods=["POST"])
@requires_roles(*STOREKEEPERS)
@material_issues.arguments(schemas.ReturnIn)
@material_issues.response(201, schemas.ReturnOut)
def take_back(values, issue_id):
    """Each line at most what it issued and has not come back (422 naming lines[i].quantity); back into the
    batches it was issued from at the cost it was issued at; numbered MRN-<year>-NNNNNN. Send an
    Idempotency-Key to make retries safe."""
    principal = current_principal()
    return idempotent_create(database(), idempotency_keys, lambda session: schemas.ReturnOut().dump(
        return_material(session, issue_id, values, principal)))


material_returns = Blueprint("material_returns", __name__, url_prefix="/material-returns",
                             description="Unused material returned against material issues")


@material_returns.route("/<uuid:return_id>", methods=["GET"])
@requires_roles()
@material_returns.response(200, schemas.ReturnOut)
def material_return(return_id):
    return queries.read_return(database(), return_id)


BLUEPRINTS = (material_requisitions, material_issues, material_returns)
