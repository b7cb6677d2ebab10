"""The curated content and its translations.

Reading and validating the YAML under ``data/``, the in-memory knowledge
snapshot the dialogue reads, and the Babel catalogs. Imports nothing from
the layers above it (core, records, server, tools).
"""
