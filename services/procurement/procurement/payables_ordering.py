"""Keeping an invoice's lines (and a payment's allocations) in the order they were entered.

The line tables have no line number, yet match exceptions name lines by their index in the request. The
rows get ids drawn at random and then sorted, handed out in entry order: ordering by id (in Python or in
PostgreSQL, which compare UUIDs the same way) gives back the order the user typed them in.
"""
from __future__ import annotations

import uuid
from typing import Iterable, TypeVar

T = TypeVar("T")


def ids_in_entry_order(count: int) -> list[uuid.UUID]:
    return sorted(uuid.uuid4() for _ in range(count))


def in_entry_order(rows: Iterable[T]) -> list[T]:
    return sorted(rows, key=lambda row: row.id)
