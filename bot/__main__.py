"""Command line for clinic staff and the Makefile: ``python -m bot <command>``."""

from __future__ import annotations

import argparse
import sys

from bot import knowledge
from bot.content import ContentError, load_content


def _check_content() -> int:
    content = load_content()
    sections = sum(len(t.sections) for t in content.topics)
    print(f"content ok: {len(content.topics)} topics, {sections} sections")
    return 0


def _build_db() -> int:
    count = knowledge.build_database()
    print(f"knowledge database built: {count} sections")
    return 0


def _content_check() -> int:
    from bot import content_check

    rows, failures = content_check.check(load_content())
    print(content_check.table(rows))
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print(f"content-check: {len(rows)} answers, {len(failures)} problems")
    return 1 if failures else 0


def _evaluate(url: str | None) -> int:
    from bot import devserver, evaluate

    kb = knowledge.default_repository().snapshot()
    bot = None if url else devserver.start()
    try:
        base = url or bot.base
        results = evaluate.evaluate(
            lambda text: devserver.Conversation(base).texts(text),
            kb,
            evaluate.load_questions(),
        )
    finally:
        if bot:
            bot.stop()
    print(evaluate.report(results))
    return 0 if evaluate.passed(results) else 1


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build-db", help="load data/ into the knowledge database")
    commands.add_parser("check-content", help="validate data/ (no database)")
    commands.add_parser(
        "content-check", help="readability, figures, translations, citations"
    )
    evaluate = commands.add_parser("eval", help="held-out dev set through the bot")
    evaluate.add_argument("--url", help="a running bot (default: start one)")
    args = parser.parse_args(argv)

    try:
        if args.command == "check-content":
            return _check_content()
        if args.command == "build-db":
            return _build_db()
        if args.command == "content-check":
            return _content_check()
        return _evaluate(args.url)
    except ContentError as exc:
        print(f"content error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
