"""A measured fix for the Rasa server's per-message cost: a cached JSON validator.

py-spy on the Rasa server under 8 concurrent conversations showed 61% of its
time in ``jsonschema.validate``: Rasa validates every action server response
(``rasa.core.actions.action.RemoteAction._validate_action_result``), and
``jsonschema.validate`` re-checks the *schema* against the JSON Schema
metaschema and builds a new validator on every call. ``cached_validate`` does
the same validation with the validator built once per schema; the instance is
still validated in full and the same ``ValidationError`` is raised.

``install()`` swaps it in for ``jsonschema.validate``, which Rasa imports at
call time; ``bot.server.patches.apply`` calls it at start-up.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

_ORIGINAL = jsonschema.validate
_VALIDATORS: dict[str, Any] = {}
_MAX_SCHEMAS = 64


def cached_validate(instance: Any, schema: Any, cls: Any = None, *args, **kwargs):
    """``jsonschema.validate`` with the validator for each schema kept."""
    if cls is not None or args or kwargs or not isinstance(schema, dict):
        return _ORIGINAL(instance, schema, cls, *args, **kwargs)
    key = json.dumps(schema, sort_keys=True, default=repr)
    validator = _VALIDATORS.get(key)
    if validator is None:
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
        validator = validator_class(schema)
        if len(_VALIDATORS) < _MAX_SCHEMAS:
            _VALIDATORS[key] = validator
    error = best_match(validator.iter_errors(instance))
    if error is not None:
        raise error
    return None


def install() -> None:
    """Use ``cached_validate`` for ``jsonschema.validate`` in this process."""
    jsonschema.validate = cached_validate
