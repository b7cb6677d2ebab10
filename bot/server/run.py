"""``rasa run`` with the API token from the environment, not the command line.

Rasa 3.6 takes the HTTP API's token only as ``--auth-token``, and a process's
command line is readable by every user of the machine (``ps``). So
``scripts/serve.sh`` starts the server as ``python -m bot.server.run run
<rasa run's arguments>``: this reads ``RASA_TOKEN``, and when it is set adds
``--enable-api --auth-token`` to the arguments inside the process (the
command line ``ps`` shows is the one the process was started with), then
runs Rasa's own command line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

TOKEN_FLAG = "--auth-token"


def rasa_arguments(arguments: Sequence[str], token: str) -> list[str]:
    """Rasa's arguments, with the API enabled and protected when there is a token."""
    arguments = list(arguments)
    if any(a == TOKEN_FLAG or a.startswith(TOKEN_FLAG + "=") for a in arguments):
        raise SystemExit(
            "bot.server.run: pass the token as RASA_TOKEN, not --auth-token "
            "(a command line is visible to every user in `ps`)"
        )
    if token:
        arguments += ["--enable-api", TOKEN_FLAG, token]
    return arguments


def main(arguments: Sequence[str] | None = None) -> None:
    """Run Rasa's command line with ``RASA_TOKEN`` added (see the module's doc)."""
    token = os.environ.pop("RASA_TOKEN", "").strip()
    given = sys.argv[1:] if arguments is None else arguments
    sys.argv = ["rasa", *rasa_arguments(given, token)]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
