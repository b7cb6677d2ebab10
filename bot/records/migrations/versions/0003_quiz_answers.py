"""Quiz answers (topic, item, right or wrong, language): no sender, no text.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the quiz_answers table."""
    op.create_table(
        "quiz_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
    )
    op.create_index("ix_quiz_answers_created_at", "quiz_answers", ["created_at"])


def downgrade() -> None:
    """Drop the quiz_answers table."""
    op.drop_index("ix_quiz_answers_created_at", "quiz_answers")
    op.drop_table("quiz_answers")
