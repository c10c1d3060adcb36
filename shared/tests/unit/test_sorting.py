import pytest
from marshmallow import Schema, ValidationError, fields
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, select
from sqlalchemy.dialects import postgresql

from erp_shared.web.sorting import SortKey, Sorting, parse_sort

orders = Table("orders", MetaData(), Column("id", Integer, primary_key=True),
               Column("number", String, nullable=False), Column("order_date", Date, nullable=False),
               Column("requested_date", Date, nullable=True))

SORTING = Sorting({"number": orders.c.number, "order_date": orders.c.order_date,
                   "requested_date": orders.c.requested_date},
                  tie_breaker=orders.c.id, default=(orders.c.number.desc(),))


class OrderQuery(Schema):
    status = fields.String()
    sort = SORTING.field()


def order_by_sql(sort) -> str:
    query = select(orders.c.id).order_by(*SORTING.order_by(sort))
    return str(query.compile(dialect=postgresql.dialect())).split("ORDER BY ")[1]


def test_keys_are_comma_separated_and_a_minus_means_descending():
    assert parse_sort("-order_date, number", ("number", "order_date")) == (
        SortKey("order_date", descending=True), SortKey("number"))


@pytest.mark.parametrize("text, complaint", [
    ("supplier_id", "cannot sort by 'supplier_id'; use one of: number, order_date"),
    ("number,,order_date", "empty sort key"),
    ("-", "empty sort key"),
    ("number,-number", "'number' is named twice"),
])
def test_unknown_empty_or_repeated_keys_are_refused(text, complaint):
    with pytest.raises(ValidationError) as refused:
        parse_sort(text, ("number", "order_date"))
    assert complaint in str(refused.value)


def test_the_schema_loads_keys_and_names_the_sort_field_when_refusing():
    assert OrderQuery().load({"sort": "-order_date"}) == {"sort": (SortKey("order_date", True),)}
    assert OrderQuery().load({"status": "open"}) == {"status": "open"}
    with pytest.raises(ValidationError) as refused:
        OrderQuery().load({"sort": "id"})
    assert set(refused.value.messages) == {"sort"}


def test_the_field_documents_its_keys():
    description = OrderQuery().fields["sort"].metadata["description"]
    assert "number, order_date, requested_date" in description


def test_without_a_sort_the_default_order_applies_then_the_primary_key():
    assert order_by_sql(None) == "orders.number DESC, orders.id"


def test_requested_keys_come_first_and_the_primary_key_breaks_ties():
    sort = parse_sort("-order_date,number", SORTING.columns)
    assert order_by_sql(sort) == "orders.order_date DESC, orders.number ASC, orders.id"


def test_blanks_of_a_nullable_column_come_last_either_way():
    assert order_by_sql((SortKey("requested_date", True),)) == "orders.requested_date DESC NULLS LAST, orders.id"
    assert order_by_sql((SortKey("requested_date"),)) == "orders.requested_date ASC NULLS LAST, orders.id"
