"""reservations: order reservation heads and one reservation per order line; ledger key per batch

`reservations` holds what each sales order line has reserved, backordered and issued at its place; CHECKs keep
its arithmetic. A delivery line can be issued from several batches, so the ledger's business key becomes
(move type, source line, batch), with NULL batches not distinct. Downgrading refuses a ledger in which a
delivery line was already issued from more than one batch (the old key cannot hold it).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 12:06:45.339917

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('order_reservations',
    sa.Column('order_id', sa.UUID(), nullable=False),
    sa.Column('order_no', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('reserved', 'partially_reserved', 'backordered', 'released')", name='ck_order_reservations_status'),
    sa.CheckConstraint('version >= 0', name='ck_order_reservations_version'),
    sa.PrimaryKeyConstraint('order_id')
    )
    op.create_table('reservations',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('order_line_id', sa.UUID(), nullable=False),
    sa.Column('order_id', sa.UUID(), nullable=False),
    sa.Column('order_no', sa.String(length=40), nullable=False),
    sa.Column('order_date', sa.Date(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('item_id', sa.UUID(), nullable=False),
    sa.Column('warehouse_id', sa.UUID(), nullable=False),
    sa.Column('quantity_requested', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('quantity_reserved', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('quantity_backordered', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('quantity_issued', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("quantity_reserved + quantity_backordered + quantity_issued = quantity_requested OR (status = 'released' AND quantity_reserved = 0 AND quantity_backordered = 0)", name='ck_reservations_balance'),
    sa.CheckConstraint("status IN ('reserved', 'partially_reserved', 'backordered', 'released', 'issued')", name='ck_reservations_status'),
    sa.CheckConstraint('quantity_requested > 0', name='ck_reservations_requested'),
    sa.CheckConstraint('quantity_reserved >= 0 AND quantity_backordered >= 0 AND quantity_issued >= 0', name='ck_reservations_quantities'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['order_id'], ['order_reservations.order_id'], ),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('order_line_id')
    )
    op.create_index('ix_reservations_backorders', 'reservations', ['item_id', 'warehouse_id', 'order_date', 'confirmed_at', 'order_line_id'], unique=False, postgresql_where=sa.text('quantity_backordered > 0'))
    op.create_index('ix_reservations_order', 'reservations', ['order_id'], unique=False)
    op.create_index('ix_reservations_place', 'reservations', ['item_id', 'warehouse_id'], unique=False)
    op.drop_constraint(op.f('uq_stock_moves_source_line'), 'stock_moves', type_='unique')
    op.create_unique_constraint('uq_stock_moves_source_line', 'stock_moves', ['move_type', 'source_line_id', 'batch_no'], postgresql_nulls_not_distinct=True)


def downgrade() -> None:
    op.drop_constraint('uq_stock_moves_source_line', 'stock_moves', type_='unique')
    op.create_unique_constraint(op.f('uq_stock_moves_source_line'), 'stock_moves', ['move_type', 'source_line_id'], postgresql_nulls_not_distinct=False)
    op.drop_index('ix_reservations_place', table_name='reservations')
    op.drop_index('ix_reservations_order', table_name='reservations')
    op.drop_index('ix_reservations_backorders', table_name='reservations', postgresql_where=sa.text('quantity_backordered > 0'))
    op.drop_table('reservations')
    op.drop_table('order_reservations')
