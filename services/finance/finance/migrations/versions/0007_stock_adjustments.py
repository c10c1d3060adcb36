"""stock adjustments: the journal kinds for goods lost in transit and for stock count gains and losses

transfer_loss posts Dr 5100 Inventory adjustments / Cr 1200; count_adjustment posts count gains Dr 1200 /
Cr 5100 and losses Dr 5100 / Cr 1200 in one entry. Check constraints are not compared by autogenerate, so the
kind checks are widened by hand, with every kind spelled out so this revision keeps its meaning when the code
moves on. Downgrading refuses books that already hold such entries (the narrower checks could not hold them).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 12:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BEFORE = ("goods_receipt", "supplier_invoice", "supplier_payment",
          "delivery_cost", "customer_invoice", "credit_note", "customer_payment", "return_cost",
          "material_issue", "material_return")
NEW = ("transfer_loss", "count_adjustment")
AFTER = BEFORE + NEW
KIND_CHECKS = {"journal_entries": "ck_journal_entries_kind", "ap_ledger_entries": "ck_ap_ledger_entries_kind",
               "ar_ledger_entries": "ck_ar_ledger_entries_kind"}


def _kind_checks(kinds) -> None:
    condition = "kind IN ({})".format(", ".join(f"'{kind}'" for kind in kinds))
    for table, name in KIND_CHECKS.items():
        op.drop_constraint(name, table, type_="check")
        op.create_check_constraint(name, table, condition)


def upgrade() -> None:
    _kind_checks(AFTER)


def downgrade() -> None:
    kinds = ", ".join(f"'{kind}'" for kind in NEW)
    posted = op.get_bind().execute(sa.text(f"SELECT count(*) FROM journal_entries WHERE kind IN ({kinds})")).scalar()
    if posted:
        raise RuntimeError(f"{posted} transfer loss or count adjustment entr(y/ies) in the journal: revision 0006 "
                           "has no kind for them")
    _kind_checks(BEFORE)
