"""return cost: the journal kind for goods customers send back (Dr 1200 / Cr 5000)

Check constraints are not compared by autogenerate, so the kind checks are widened by hand, with the kinds
spelled out so this revision keeps its meaning when the code moves on.

Revision ID: 0005
Revises: 0004
"""
from typing import Sequence, Union

from alembic import op

revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BEFORE = ("goods_receipt", "supplier_invoice", "supplier_payment",
          "delivery_cost", "customer_invoice", "credit_note", "customer_payment")
AFTER = BEFORE + ("return_cost",)
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
    _kind_checks(BEFORE)
