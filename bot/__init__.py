"""NELM Guide: a patient-education assistant for neuroendocrine liver metastases.

Layers, each importing only from those listed before it: ``settings``,
``content`` (curated YAML and translations), ``core`` (pure logic of a turn),
``records`` (what the clinic keeps), ``server`` (Rasa extensions) and
``tools`` (command line). ``actions/`` holds the thin Rasa SDK actions.
"""

__version__ = "0.1.0"
