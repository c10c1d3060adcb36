"""receipt origins of batches and the GL read model for reconciliation

`receipt_origins` remembers each goods receipt's purchase order and supplier from the moment it is booked
(receipts booked before this revision have none: their batches show the receipt number alone).
`gl_stock_postings` is the read model of finance's journal entries on the inventory account, filled from
finance.journal_posted.v1 events published from now on.

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


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'receipt_origins',
        sa.Column('receipt_no', sa.String(length=40), nullable=False),
        sa.Column('receipt_id', sa.UUID(), nullable=True),
        sa.Column('po_number', sa.String(length=60), nullable=True),
        sa.Column('supplier_id', sa.UUID(), nullable=True),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('receipt_no'),
    )
    op.create_table(
        'gl_stock_postings',
        sa.Column('entry_id', sa.UUID(), nullable=False),
        sa.Column('entry_no', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=64), nullable=False),
        sa.Column('source_document', sa.String(length=64), nullable=False),
        sa.Column('source_event_id', sa.UUID(), nullable=False),
        sa.Column('entry_date', sa.Date(), nullable=False),
        sa.Column('amount', sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('entry_id'),
    )
    op.create_index('ix_gl_stock_postings_entry_date', 'gl_stock_postings', ['entry_date'], unique=False)
    op.create_index('ix_gl_stock_postings_source_document', 'gl_stock_postings', ['source_document'],
                    unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_gl_stock_postings_source_document', table_name='gl_stock_postings')
    op.drop_index('ix_gl_stock_postings_entry_date', table_name='gl_stock_postings')
    op.drop_table('gl_stock_postings')
    op.drop_table('receipt_origins')
