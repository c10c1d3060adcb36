"""Read-only endpoints over a service's local read models, so replication is observable and queryable.

One route per read model: `GET /read-models/<name>?id=&code=&q=&active=&page=&page_size=` (paging metadata in
the `X-Pagination` header, like every list); `q` is what a type-ahead sends: a code starting with it or a name
containing it, case-insensitive. The response schema is derived from the table's columns, so
the OpenAPI document describes it without a hand-written copy.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, Table, func, select
from sqlalchemy.dialects.postgresql import UUID

from ..masterdata import like_escaped
from .app import database
from .auth import current_principal, requires_roles


@dataclass(frozen=True)
class ReadModel:
    table: Table
    code_column: str = "code"
    name_column: str = "name"
    restricted_columns: frozenset[str] = field(default_factory=frozenset)
    restricted_to: tuple[str, ...] = ()


def _field_for(column) -> fields.Field:
    kind = column.type
    if isinstance(kind, UUID):
        return fields.UUID(allow_none=True)
    if isinstance(kind, Numeric):
        return fields.Decimal(as_string=True, allow_none=True)
    if isinstance(kind, Boolean):
        return fields.Boolean(allow_none=True)
    if isinstance(kind, Integer):
        return fields.Integer(allow_none=True)
    if isinstance(kind, DateTime):
        return fields.AwareDateTime(allow_none=True)
    if isinstance(kind, Date):
        return fields.Date(allow_none=True)
    return fields.String(allow_none=True)


def read_model_blueprint(models: dict[str, ReadModel]) -> Blueprint:
    blp = Blueprint("read_models", __name__, url_prefix="/read-models",
                    description="Local copies of other services' master data, kept from their events")
    for name, model in models.items():
        _add_route(blp, name, model)
    return blp


def _add_route(blp: Blueprint, name: str, model: ReadModel) -> None:
    table = model.table
    out = Schema.from_dict({c.name: _field_for(c) for c in table.columns}, name=f"{name.title()}ReadModel")
    query_schema = Schema.from_dict({
        "id": fields.UUID(),
        "code": fields.String(validate=validate.Length(max=100)),
        "q": fields.String(validate=validate.Length(min=1, max=100),
                           metadata={"description": "code starts with, or name contains (case-insensitive)"}),
        "active": fields.Boolean(),
    }, name=f"{name.title()}ReadModelQuery")

    @blp.route(f"/{name}", endpoint=f"list_{name}", methods=["GET"])
    @requires_roles()
    @blp.arguments(query_schema, location="query")
    @blp.response(200, out(many=True))
    @blp.paginate()
    def list_rows(args, pagination_parameters):
        query = select(table)
        if "id" in args:
            query = query.where(table.c.id == args["id"])
        if "code" in args:
            query = query.where(table.c[model.code_column] == args["code"])
        if "q" in args:
            text = like_escaped(args["q"])
            query = query.where(table.c[model.code_column].ilike(f"{text}%", escape="\\")
                                | table.c[model.name_column].ilike(f"%{text}%", escape="\\"))
        if "active" in args:
            query = query.where(table.c.active == args["active"])
        page, size = pagination_parameters.page, pagination_parameters.page_size
        with database().unit_of_work() as session:
            pagination_parameters.item_count = session.execute(
                select(func.count()).select_from(query.subquery())).scalar_one()
            rows = [dict(row._mapping) for row in session.execute(
                query.order_by(table.c[model.code_column], table.c.id).offset((page - 1) * size).limit(size))]
        if model.restricted_columns and not current_principal().has_any(model.restricted_to):
            rows = [{k: v for k, v in row.items() if k not in model.restricted_columns} for row in rows]
        return rows

    list_rows.__name__ = f"list_{name}"
