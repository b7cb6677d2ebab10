"""Tooling for development and operations (``python -m bot``).

Dev server, cluster, benchmark, evaluation, content check and the CLI.
"""
