"""The REST surface of a master record: list (paged, filtered), get, create, patch, deactivate.

Every service's master data has this same surface; what differs (fields, rules, roles) is passed in.
Records are deactivated, never deleted: documents and other services' read models still point at them.
"""
from __future__ import annotations

from typing import Callable

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema

from ..masterdata import MasterData
from .app import database
from .auth import Principal, current_principal, requires_roles
from .idempotency import idempotent_create
from .sorting import Sorting, with_sort

Redactor = Callable[[dict, Principal], dict]


def _no_redaction(data: dict, principal: Principal) -> dict:
    return data


MASTER_SORT_KEYS = ("code", "name", "active", "created_at", "updated_at")


def master_sorting(model: type, search_fields: tuple[str, str]) -> Sorting:
    """Sortable by the columns a master record list shows and by the search fields; by default, as before,
    by the first search field (the code people look records up by)."""
    keys = dict.fromkeys((*search_fields, *MASTER_SORT_KEYS))
    columns = {key: getattr(model, key) for key in keys if hasattr(model, key)}
    return Sorting(columns, tie_breaker=model.id, default=(getattr(model, search_fields[0]),))


def master_data_blueprint(master: MasterData, *, name: str, url: str, idempotency_keys,
                          create_schema: type[Schema], update_schema: type[Schema], out_schema: type[Schema],
                          filter_schema: type[Schema], write_roles: tuple[str, ...],
                          read_roles: tuple[str, ...] = (), redact: Redactor = _no_redaction,
                          validate: Callable | None = None,
                          search_fields: tuple[str, str] = ("code", "name")) -> Blueprint:
    """`validate(session, values)` runs the service's own rules (e.g. references to its read models).
    `search_fields` are the two columns `?q=` matches, for records not identified by code and name."""
    blp = Blueprint(name, name, url_prefix=url, description=f"{master.name.capitalize()} master data")
    sorting = master_sorting(master.model, search_fields)

    def present(obj) -> dict:
        data = {field: getattr(obj, field) for field in out_schema().fields if hasattr(obj, field)}
        return redact(data, current_principal())

    def dump(obj) -> dict:
        return out_schema().dump(present(obj))

    @blp.route("")
    class Collection(MethodView):
        @requires_roles(*read_roles)
        @blp.arguments(with_sort(filter_schema, sorting), location="query")
        @blp.response(200, out_schema(many=True))
        @blp.paginate()
        def get(self, filters, pagination_parameters):
            filters = dict(filters)
            order_by = sorting.order_by(filters.pop("sort", None))
            with database().unit_of_work() as session:
                rows, total = master.list(session, filters=filters, search_fields=search_fields,
                                          order_by=order_by, page=pagination_parameters.page,
                                          page_size=pagination_parameters.page_size)
                pagination_parameters.item_count = total
                return [present(row) for row in rows]

        @requires_roles(*write_roles)
        @blp.arguments(create_schema)
        @blp.response(201, out_schema)
        def post(self, values):
            def create(session):
                if validate:
                    validate(session, values)
                return dump(master.create(session, values))
            return idempotent_create(database(), idempotency_keys, create)

    @blp.route("/<uuid:record_id>")
    class Record(MethodView):
        @requires_roles(*read_roles)
        @blp.response(200, out_schema)
        def get(self, record_id):
            with database().unit_of_work() as session:
                return present(master.get(session, record_id))

        @requires_roles(*write_roles)
        @blp.arguments(update_schema)
        @blp.response(200, out_schema)
        def patch(self, values, record_id):
            with database().unit_of_work() as session:
                if validate:
                    validate(session, values)
                return present(master.update(session, record_id, values))

    @blp.route("/<uuid:record_id>/deactivate", methods=["POST"])
    @requires_roles(*write_roles)
    @blp.response(200, out_schema)
    def deactivate(record_id):
        with database().unit_of_work() as session:
            return present(master.deactivate(session, record_id))

    return blp
