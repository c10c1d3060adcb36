"""The `sort` query parameter of list endpoints: `?sort=-order_date,number`.

Each endpoint whitelists the public keys it sorts by and the column behind each, so a client never names a
column and an index-less sort is a decision made here, not by a URL. The primary key always closes the order:
rows that tie on every requested key would otherwise come back in any order and shift between pages.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from marshmallow import ValidationError, fields


@dataclass(frozen=True)
class SortKey:
    key: str
    descending: bool = False

    def __str__(self) -> str:
        return f"-{self.key}" if self.descending else self.key


def parse_sort(text: str, allowed: Iterable[str]) -> tuple[SortKey, ...]:
    """Keys separated by commas, each maybe prefixed with `-` (descending); unknown or repeated keys refused."""
    allowed = tuple(allowed)
    keys: list[SortKey] = []
    for part in text.split(","):
        part = part.strip()
        descending = part.startswith("-")
        key = part[1:] if descending else part
        if not key:
            raise ValidationError("empty sort key: separate keys with single commas, e.g. -order_date,number")
        if key not in allowed:
            raise ValidationError(f"cannot sort by {key!r}; use one of: {', '.join(allowed)}")
        if any(existing.key == key for existing in keys):
            raise ValidationError(f"{key!r} is named twice")
        keys.append(SortKey(key, descending))
    return tuple(keys)


class SortField(fields.String):
    """Loads the parameter into `SortKey`s; documented in OpenAPI as a string listing the allowed keys."""

    def __init__(self, keys: Sequence[str], **kwargs):
        self.keys = tuple(keys)
        example = f"-{self.keys[0]}" if self.keys else ""
        description = ("Comma-separated sort keys, '-' before a key for descending order; one of: "
                       + ", ".join(self.keys) + ". Ties are broken by id.")
        metadata = {"description": description, "example": example, **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> tuple[SortKey, ...]:
        return parse_sort(super()._deserialize(value, attr, data, **kwargs), self.keys)

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None or isinstance(value, str):
            return value
        return ",".join(str(key) for key in value)


def _nullable(column: Any) -> bool:
    expression = getattr(column, "expression", column)
    return bool(getattr(expression, "nullable", False))


@dataclass(frozen=True)
class Sorting:
    """One endpoint's whitelist: public key → column, the order used when none is asked for, and the key
    that breaks ties. Nullable columns put their NULLs last in both directions, where people expect blanks."""
    columns: Mapping[str, Any]
    tie_breaker: Any
    default: Sequence[Any] = ()

    def field(self, **kwargs) -> SortField:
        return SortField(tuple(self.columns), **kwargs)

    def order_by(self, sort: Sequence[SortKey] | None) -> list:
        if not sort:
            return [*self.default, self.tie_breaker]
        clauses = []
        for requested in sort:
            column = self.columns[requested.key]
            clause = column.desc() if requested.descending else column.asc()
            clauses.append(clause.nulls_last() if _nullable(column) else clause)
        return [*clauses, self.tie_breaker]


def with_sort(schema: type, sorting: Sorting) -> type:
    """`schema` plus a `sort` field: for shared endpoints whose filter schema each service declares."""
    return type(f"{schema.__name__}Sorted", (schema,), {"sort": sorting.field()})
