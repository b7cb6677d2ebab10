"""Answers given (topic, section, language, channel): no sender, no text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the answers table."""
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("section", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
    )
    op.create_index("ix_answers_created_at", "answers", ["created_at"])


def downgrade() -> None:
    """Drop the answers table."""
    op.drop_index("ix_answers_created_at", "answers")
    op.drop_table("answers")
