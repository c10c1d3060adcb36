"""HTTP surface of cycle counts and their frequencies. Each route: load the schema, call one use case, dump the
schema."""
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import current_principal, requires_roles
from erp_shared.web.idempotency import idempotent_create

from . import count_schemas as schemas
from . import counts
from .count_queries import list_counts, read_count
from .count_settings import change_count_frequencies, read_count_frequencies
from .models import idempotency_keys

WAREHOUSE = ("warehouse",)

blp = Blueprint("cycle_counts", __name__, url_prefix="/cycle-counts",
                description="Cycle counts: counting (blind) → submitted (book quantities shown) → posted "
                            "(stock adjusted by the variances, by someone who did not count)")


@blp.route("")
class CycleCounts(MethodView):
    @requires_roles()
    @blp.arguments(schemas.CountFilter, location="query")
    @blp.response(200, schemas.CountSummaryOut(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Newest first."""
        rows, pagination_parameters.item_count = list_counts(
            database(), filters, pagination_parameters.page, pagination_parameters.page_size)
        return rows

    @requires_roles(*WAREHOUSE)
    @blp.arguments(schemas.CountCreate)
    @blp.response(201, schemas.CountOut)
    def post(self, values):
        """A sheet numbered CC-<year>-NNNNNN with its snapshot: the book quantity of every item and batch in scope
        as the ledger stands now (shown only once the counts are submitted). 422 naming the field for an unknown
        warehouse, classes without scope abc, or nothing to count. Send an Idempotency-Key to make retries safe."""
        principal = current_principal()
        return idempotent_create(database(), idempotency_keys, lambda session: schemas.CountOut().dump(
            counts.create_count(session, values, principal)))


@blp.route("/<uuid:count_id>", methods=["GET"])
@requires_roles()
@blp.response(200, schemas.CountOut)
def cycle_count(count_id):
    """While counting, the lines carry no book quantity, variance or value."""
    return read_count(database(), count_id)


@blp.route("/<uuid:count_id>/counts", methods=["PUT"])
@requires_roles(*WAREHOUSE)
@blp.arguments(schemas.CountsIn)
@blp.response(200, schemas.CountOut)
def enter_counts(values, count_id):
    """While counting (409 otherwise), as often as needed: the lines named take the counts given."""
    return counts.record_counts(database(), count_id, values, current_principal())


@blp.route("/<uuid:count_id>/submit", methods=["POST"])
@requires_roles(*WAREHOUSE)
@blp.response(200, schemas.CountOut)
def submit(count_id):
    """Every line counted (422 naming the others); reveals book quantities, variances and their value."""
    return counts.submit_count(database(), count_id, current_principal())


@blp.route("/<uuid:count_id>/post", methods=["POST"])
@requires_roles(*WAREHOUSE)
@blp.response(200, schemas.CountOut)
def post(count_id):
    """Submitted only (409 otherwise); never by someone who entered counts on it (segregation of duties, 422).
    A loss larger than its place holds now is a 409 naming the line; a gain of an item without a cost and
    without a unit cost entered is a 422 naming the line."""
    return counts.post_count(database(), count_id, current_principal())


frequencies = Blueprint("count_frequencies", __name__, url_prefix="/settings",
                        description="How often items of each ABC class are due for a count")


@frequencies.route("/count-frequencies")
class CountFrequencies(MethodView):
    @requires_roles()
    @frequencies.response(200, schemas.CountFrequenciesOut)
    def get(self):
        """Days between counts, per ABC class."""
        return read_count_frequencies(database())

    @requires_roles(*WAREHOUSE)
    @frequencies.arguments(schemas.CountFrequenciesIn)
    @frequencies.response(200, schemas.CountFrequenciesOut)
    def put(self, values):
        return change_count_frequencies(database(), values)


BLUEPRINTS = (blp, frequencies)
