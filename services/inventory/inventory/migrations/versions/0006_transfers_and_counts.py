"""warehouse transfers through an in-transit location, cycle counts, and the count frequencies

Transfers (`transfers`, their lines and the batches each line was shipped from) move stock through one
warehouse row seeded here under a fixed id (inventory.transit.IN_TRANSIT_ID, spelled out below so this
revision keeps its meaning when the code moves on): code IN-TRANSIT, inactive, never published as master data.
Cycle counts keep their sheets and lines; `inventory_settings` holds one row with the count frequency of each
ABC class. The numbers (TR-, CC-) come from `document_counters`, created by revision 0005.

Downgrading refuses a ledger that already holds transfer or count movements, or stock in transit: without
these tables they could no longer be told apart or traced.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

IN_TRANSIT_ID = "7a1c0e55-5e1d-4d0e-9c55-17a2b5f0c0de"
MOVE_TYPES = ("transfer_out", "transfer_in", "transfer_loss", "count_adjustment")


def upgrade() -> None:
    op.create_table('transfers',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('from_warehouse_id', sa.UUID(), nullable=False),
    sa.Column('to_warehouse_id', sa.UUID(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_by_name', sa.String(length=200), nullable=False),
    sa.Column('shipped_by_name', sa.String(length=200), nullable=True),
    sa.Column('shipped_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_by_name', sa.String(length=200), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('total_loss', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'shipped', 'received', 'cancelled')", name='ck_transfers_status'),
    sa.CheckConstraint('from_warehouse_id <> to_warehouse_id', name='ck_transfers_two_places'),
    sa.ForeignKeyConstraint(['from_warehouse_id'], ['warehouses.id'], ),
    sa.ForeignKeyConstraint(['to_warehouse_id'], ['warehouses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index('ix_transfers_from_warehouse', 'transfers', ['from_warehouse_id'], unique=False)
    op.create_index('ix_transfers_to_warehouse', 'transfers', ['to_warehouse_id'], unique=False)
    op.create_table('transfer_lines',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('transfer_id', sa.UUID(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('batch_no', sa.String(length=60), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('quantity_received', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.CheckConstraint('quantity > 0', name='ck_transfer_lines_quantity'),
    sa.CheckConstraint('quantity_received IS NULL OR quantity_received BETWEEN 0 AND quantity',
                       name='ck_transfer_lines_received'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['transfer_id'], ['transfers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('transfer_id', 'line_no', name='uq_transfer_lines_line_no')
    )
    op.create_table('transfer_parts',
    sa.Column('transfer_line_id', sa.UUID(), nullable=False),
    sa.Column('batch_no', sa.String(length=60), nullable=False),
    sa.Column('turn', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('unit_cost', sa.Numeric(precision=18, scale=6), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('quantity_received', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('value_received', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('value_lost', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.CheckConstraint('quantity > 0 AND value >= 0', name='ck_transfer_parts_shipped'),
    sa.CheckConstraint('quantity_received IS NULL OR quantity_received BETWEEN 0 AND quantity',
                       name='ck_transfer_parts_received'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['transfer_line_id'], ['transfer_lines.id'], ),
    sa.PrimaryKeyConstraint('transfer_line_id', 'batch_no')
    )
    op.create_table('cycle_counts',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('warehouse_id', sa.UUID(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('classes', sa.String(length=3), nullable=True),
    sa.Column('snapshot_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_by_name', sa.String(length=200), nullable=False),
    sa.Column('submitted_by_name', sa.String(length=200), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('posted_by', sa.String(length=200), nullable=True),
    sa.Column('posted_by_name', sa.String(length=200), nullable=True),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('total_gain', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('total_loss', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('counting', 'submitted', 'posted')", name='ck_cycle_counts_status'),
    sa.CheckConstraint("scope IN ('all', 'abc', 'due')", name='ck_cycle_counts_scope'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index('ix_cycle_counts_warehouse_posted_at', 'cycle_counts', ['warehouse_id', 'posted_at'],
                    unique=False)
    op.create_table('cycle_count_lines',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('count_id', sa.UUID(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('batch_no', sa.String(length=60), nullable=True),
    sa.Column('abc_class', sa.String(length=1), nullable=False),
    sa.Column('book_quantity', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('counted_quantity', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('entered_unit_cost', sa.Numeric(precision=18, scale=6), nullable=True),
    sa.Column('counted_by', sa.String(length=200), nullable=True),
    sa.Column('counted_by_name', sa.String(length=200), nullable=True),
    sa.Column('counted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('variance', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('unit_cost', sa.Numeric(precision=18, scale=6), nullable=True),
    sa.Column('value', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.CheckConstraint("abc_class IN ('A', 'B', 'C')", name='ck_cycle_count_lines_abc_class'),
    sa.CheckConstraint('counted_quantity IS NULL OR counted_quantity >= 0', name='ck_cycle_count_lines_counted'),
    sa.ForeignKeyConstraint(['count_id'], ['cycle_counts.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('count_id', 'item_id', 'batch_no', name='uq_cycle_count_lines_place',
                        postgresql_nulls_not_distinct=True),
    sa.UniqueConstraint('count_id', 'line_no', name='uq_cycle_count_lines_line_no')
    )
    op.create_index('ix_cycle_count_lines_item', 'cycle_count_lines', ['item_id'], unique=False)
    op.create_table('inventory_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('count_frequency_a_days', sa.Integer(), nullable=False),
    sa.Column('count_frequency_b_days', sa.Integer(), nullable=False),
    sa.Column('count_frequency_c_days', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('count_frequency_a_days > 0 AND count_frequency_b_days > 0 AND count_frequency_c_days > 0',
                       name='ck_inventory_settings_count_frequencies'),
    sa.CheckConstraint('id = 1', name='ck_inventory_settings_single_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.execute("INSERT INTO inventory_settings (id, count_frequency_a_days, count_frequency_b_days, "
               "count_frequency_c_days) VALUES (1, 30, 90, 180)")
    op.execute(f"INSERT INTO warehouses (id, code, name, address, active, version) VALUES "
               f"('{IN_TRANSIT_ID}', 'IN-TRANSIT', 'Goods in transit', NULL, false, 1)")


def downgrade() -> None:
    bind = op.get_bind()
    types = ", ".join(f"'{move_type}'" for move_type in MOVE_TYPES)
    moves = bind.execute(sa.text(f"SELECT count(*) FROM stock_moves WHERE move_type IN ({types}) "
                                 f"OR warehouse_id = '{IN_TRANSIT_ID}'")).scalar()
    if moves:
        raise RuntimeError(f"{moves} transfer or count row(s) in the stock ledger: revision 0005 has no transfers "
                           "or counts to trace them to")
    op.execute(f"DELETE FROM stock_balances WHERE warehouse_id = '{IN_TRANSIT_ID}'")
    op.execute(f"DELETE FROM warehouses WHERE id = '{IN_TRANSIT_ID}'")
    op.drop_table('inventory_settings')
    op.drop_index('ix_cycle_count_lines_item', table_name='cycle_count_lines')
    op.drop_table('cycle_count_lines')
    op.drop_index('ix_cycle_counts_warehouse_posted_at', table_name='cycle_counts')
    op.drop_table('cycle_counts')
    op.drop_table('transfer_parts')
    op.drop_table('transfer_lines')
    op.drop_index('ix_transfers_to_warehouse', table_name='transfers')
    op.drop_index('ix_transfers_from_warehouse', table_name='transfers')
    op.drop_table('transfers')
