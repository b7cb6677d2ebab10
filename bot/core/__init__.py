"""Pure logic of one conversation turn, with no Rasa import.

Language and script, the safety net, which topic and section a message asks
about, what to reply, redaction, and formatting replies for messaging apps.
"""
