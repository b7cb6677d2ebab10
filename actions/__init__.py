"""Rasa custom actions for NELM Guide (thin wrappers over ``bot``)."""
