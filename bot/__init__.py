"""NELM Guide library: knowledge store, language, safety and dialogue logic.

Everything here is plain Python that the thin Rasa actions in ``actions/`` call,
so it can be unit-tested without a running Rasa server.
"""

__version__ = "0.1.0"
