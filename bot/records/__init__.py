"""What the clinic keeps, and the report on it.

Answers given, feedback and redacted unanswered questions (SQLAlchemy models
with their Alembic migrations), retention and the usage report.
"""
