"""``python -m bot``: the command line for staff and developers (bot.tools.cli)."""

from bot.tools.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
