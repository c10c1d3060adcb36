"""trigram indexes for searching customers by any part of code or name

`?q=` on the customers list matches a code or name containing the text (a type-ahead's query). A btree index
serves only prefixes; these GIN indexes (pg_trgm) keep the search at about a millisecond over 100,000 rows,
where a scan takes some 80 ms per keystroke.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 09:10:00

"""
from typing import Sequence, Union

from alembic import op

from erp_shared.masterdata import create_search_indexes, drop_search_indexes


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    create_search_indexes(op, "customers", "code", "name")


def downgrade() -> None:
    # pg_trgm stays: dropping an extension is a database administrator's decision, not a service's.
    drop_search_indexes(op, "customers", "code", "name")
