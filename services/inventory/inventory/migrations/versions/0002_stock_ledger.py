"""stock ledger, balances, valuations

The ledger (`stock_moves`) is append-only; `stock_balances` and `item_valuations` are kept from it in the
same transaction. CHECKs hold the never-below-zero rule even against code that skips the domain.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 11:27:27.878090

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('item_valuations',
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('on_hand', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('stock_value', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('movement_count', sa.Integer(), nullable=False),
    sa.CheckConstraint('on_hand >= 0', name='ck_item_valuations_on_hand'),
    sa.CheckConstraint('stock_value >= 0', name='ck_item_valuations_stock_value'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.PrimaryKeyConstraint('item_id')
    )
    op.create_table('stock_balances',
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('warehouse_id', sa.UUID(), nullable=False),
    sa.Column('batch_no', sa.String(length=60), nullable=False),
    sa.Column('on_hand', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.CheckConstraint('on_hand >= 0', name='ck_stock_balances_on_hand'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ),
    sa.PrimaryKeyConstraint('item_id', 'warehouse_id', 'batch_no')
    )
    op.create_table('stock_moves',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('warehouse_id', sa.UUID(), nullable=False),
    sa.Column('batch_no', sa.String(length=60), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('unit_cost', sa.Numeric(precision=18, scale=6), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('move_type', sa.String(length=20), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=False),
    sa.Column('source_line_id', sa.UUID(), nullable=False),
    sa.Column('source_event_id', sa.UUID(), nullable=False),
    sa.Column('moved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('quantity <> 0', name='ck_stock_moves_quantity_nonzero'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('move_type', 'source_line_id', name='uq_stock_moves_source_line')
    )
    op.create_index('ix_stock_moves_item_moved_at', 'stock_moves', ['item_id', 'moved_at'], unique=False)
    op.create_index('ix_stock_moves_source_document', 'stock_moves', ['source_document'], unique=False)
    op.create_index('ix_stock_moves_warehouse_moved_at', 'stock_moves', ['warehouse_id', 'moved_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_stock_moves_warehouse_moved_at', table_name='stock_moves')
    op.drop_index('ix_stock_moves_source_document', table_name='stock_moves')
    op.drop_index('ix_stock_moves_item_moved_at', table_name='stock_moves')
    op.drop_table('stock_moves')
    op.drop_table('stock_balances')
    op.drop_table('item_valuations')
