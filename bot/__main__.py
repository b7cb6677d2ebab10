"""Command line for clinic staff and the Makefile: ``python -m bot <command>``."""

from __future__ import annotations

import argparse
import sys

from bot import knowledge
from bot.content import ContentError, load_content


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "build-db", help="load data/ (knowledge, sources) into the database"
    )
    commands.add_parser(
        "check-content", help="validate data/ without touching the database"
    )
    args = parser.parse_args(argv)

    try:
        if args.command == "check-content":
            content = load_content()
            sections = sum(len(t.sections) for t in content.topics)
            print(f"content ok: {len(content.topics)} topics, {sections} sections")
        elif args.command == "build-db":
            count = knowledge.build_database()
            print(f"knowledge database built: {count} sections")
    except ContentError as exc:
        print(f"content error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
