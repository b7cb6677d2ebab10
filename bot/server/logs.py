"""Keep patients' words out of the logs.

Rasa's channels log the user's message text with some errors (e.g. a REST
client that hung up). ``install_log_filters`` blanks such fields on Rasa's
channel loggers before any handler sees them, and on the root logger's
handlers for events of any other logger.

The filter reads Rasa's structured events as JSON. Rasa renders them as JSON
only when ``FORCE_JSON_LOGGING`` is set or stderr is not a terminal (in a
terminal it prints console text with the fields inline), so
``scripts/serve.sh`` sets ``FORCE_JSON_LOGGING=1`` (and ``NO_COLOR=1``): the
same filtered format with or without a terminal
(tests/system/test_privacy.py checks the real server's output both ways).
"""

from __future__ import annotations

import json
import logging

PRIVATE_FIELDS = ("text", "message", "user_message", "parse_data_text")
RASA_CHANNEL_LOGGERS = tuple(
    f"rasa.core.channels.{name}"
    for name in ("channel", "rest", "facebook", "slack", "telegram", "twilio")
)


class DropMessageText(logging.Filter):
    """Blank message text in Rasa's structured (JSON) log events."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record, without the private fields."""
        event = record.msg
        if isinstance(event, str) and event.startswith("{"):
            try:
                event = json.loads(event)
            except ValueError:
                return True
        if isinstance(event, dict) and any(k in event for k in PRIVATE_FIELDS):
            event = {
                k: ("[not logged]" if k in PRIVATE_FIELDS else v)
                for k, v in event.items()
            }
            record.msg = json.dumps(event, ensure_ascii=False, default=str)
            record.args = ()
        return True


def _add_filter(target: logging.Filterer) -> None:
    if not any(isinstance(f, DropMessageText) for f in target.filters):
        target.addFilter(DropMessageText())


def install_log_filters() -> None:
    """Add ``DropMessageText`` to Rasa's channel loggers and the root handlers."""
    for name in RASA_CHANNEL_LOGGERS:
        _add_filter(logging.getLogger(name))
    for handler in logging.getLogger().handlers:
        _add_filter(handler)
