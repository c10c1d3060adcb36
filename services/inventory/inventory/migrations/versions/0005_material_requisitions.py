"""material requisitions and their issues

Departments ask for material (MR-…), the warehouse issues it (MI-…) and takes back what was not used (MRN-…).
The batches and costs of issues and returns are in the stock ledger (move types material_issue and
material_return, under the issue and return lines); these tables hold the documents and the running totals
that are checked under row locks. Inventory had no numbered documents before, so its document_counters table
comes here too. Downgrading refuses a ledger that already holds material moves: their documents would be gone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 12:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

STATUSES = ('pending_approval', 'approved', 'partially_issued', 'issued', 'rejected', 'cancelled')


def upgrade() -> None:
    op.create_table('document_counters',
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', 'year')
    )
    op.create_table('material_requisitions',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('department_id', sa.UUID(), nullable=False),
    sa.Column('requested_by', sa.UUID(), nullable=False),
    sa.Column('needed_by', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_by_name', sa.String(length=200), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=True),
    sa.Column('decided_by_name', sa.String(length=200), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reject_reason', sa.Text(), nullable=True),
    sa.Column('cancelled_by_name', sa.String(length=200), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ({})".format(", ".join(f"'{s}'" for s in STATUSES)),
                       name='ck_material_requisitions_status'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index('ix_material_requisitions_department', 'material_requisitions', ['department_id'], unique=False)
    op.create_table('material_requisition_lines',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('requisition_id', sa.UUID(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('warehouse_id', sa.UUID(), nullable=False),
    sa.Column('batch_no', sa.String(length=60), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('quantity_issued', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('quantity_returned', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.CheckConstraint('quantity > 0', name='ck_material_requisition_lines_quantity'),
    sa.CheckConstraint('quantity_issued >= 0 AND quantity_issued <= quantity', name='ck_material_requisition_lines_issued'),
    sa.CheckConstraint('quantity_returned >= 0 AND quantity_returned <= quantity_issued', name='ck_material_requisition_lines_returned'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['requisition_id'], ['material_requisitions.id'], ),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('requisition_id', 'item_id', 'warehouse_id', 'batch_no', name='uq_material_requisition_lines_place', postgresql_nulls_not_distinct=True),
    sa.UniqueConstraint('requisition_id', 'line_no', name='uq_material_requisition_lines_line_no')
    )
    op.create_table('material_issues',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('requisition_id', sa.UUID(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=200), nullable=False),
    sa.Column('issued_by_name', sa.String(length=200), nullable=False),
    sa.Column('total_cost', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.CheckConstraint('total_cost >= 0', name='ck_material_issues_total_cost'),
    sa.ForeignKeyConstraint(['requisition_id'], ['material_requisitions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index('ix_material_issues_requisition', 'material_issues', ['requisition_id'], unique=False)
    op.create_table('material_issue_lines',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('issue_id', sa.UUID(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('requisition_line_id', sa.UUID(), nullable=False),
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('warehouse_id', sa.UUID(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('cost', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('quantity_returned', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('cost_returned', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.CheckConstraint('quantity > 0 AND cost >= 0', name='ck_material_issue_lines_issued'),
    sa.CheckConstraint('quantity_returned >= 0 AND quantity_returned <= quantity AND cost_returned >= 0 AND cost_returned <= cost', name='ck_material_issue_lines_returned'),
    sa.ForeignKeyConstraint(['issue_id'], ['material_issues.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['requisition_line_id'], ['material_requisition_lines.id'], ),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('issue_id', 'line_no', name='uq_material_issue_lines_line_no'),
    sa.UniqueConstraint('issue_id', 'requisition_line_id', name='uq_material_issue_lines_requisition_line')
    )
    op.create_index('ix_material_issue_lines_requisition_line', 'material_issue_lines', ['requisition_line_id'], unique=False)
    op.create_table('material_returns',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('issue_id', sa.UUID(), nullable=False),
    sa.Column('returned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('returned_by', sa.String(length=200), nullable=False),
    sa.Column('returned_by_name', sa.String(length=200), nullable=False),
    sa.Column('total_cost', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.CheckConstraint('total_cost >= 0', name='ck_material_returns_total_cost'),
    sa.ForeignKeyConstraint(['issue_id'], ['material_issues.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index('ix_material_returns_issue', 'material_returns', ['issue_id'], unique=False)
    op.create_table('material_return_lines',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('return_id', sa.UUID(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('issue_line_id', sa.UUID(), nullable=False),
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('warehouse_id', sa.UUID(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('cost', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.CheckConstraint('quantity > 0 AND cost >= 0', name='ck_material_return_lines_returned'),
    sa.ForeignKeyConstraint(['issue_line_id'], ['material_issue_lines.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['return_id'], ['material_returns.id'], ),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('return_id', 'issue_line_id', name='uq_material_return_lines_issue_line'),
    sa.UniqueConstraint('return_id', 'line_no', name='uq_material_return_lines_line_no')
    )
    op.create_index('ix_material_return_lines_issue_line', 'material_return_lines', ['issue_line_id'], unique=False)


def downgrade() -> None:
    moves = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM stock_moves WHERE move_type IN ('material_issue', 'material_return')")).scalar()
    if moves:
        raise RuntimeError(f"{moves} material issue or return row(s) in the stock ledger: revision 0004 has no "
                           "documents for them")
    op.drop_index('ix_material_return_lines_issue_line', table_name='material_return_lines')
    op.drop_table('material_return_lines')
    op.drop_index('ix_material_returns_issue', table_name='material_returns')
    op.drop_table('material_returns')
    op.drop_index('ix_material_issue_lines_requisition_line', table_name='material_issue_lines')
    op.drop_table('material_issue_lines')
    op.drop_index('ix_material_issues_requisition', table_name='material_issues')
    op.drop_table('material_issues')
    op.drop_table('material_requisition_lines')
    op.drop_index('ix_material_requisitions_department', table_name='material_requisitions')
    op.drop_table('material_requisitions')
    op.drop_table('document_counters')
