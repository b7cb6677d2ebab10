"""Command line for clinic staff and the Makefile: ``python -m bot <command>``."""

from __future__ import annotations

import argparse
import sys
from functools import partial

from bot.content.schema import ContentError, load_content


def _migrate() -> int:
    from bot.records import db

    db.upgrade_schema()
    print("record tables migrated")
    return 0


def _purge(older_than: str | None) -> int:
    from sqlalchemy import create_engine

    from bot import settings
    from bot.records import db
    from bot.records import store as records

    age = records.parse_age(older_than or f"{records.retention_days()}d")
    db.upgrade_schema()
    tracker = create_engine(settings.tracker_url(), future=True)
    counts = records.purge(age, tracker_engine=tracker)
    for table, count in counts.items():
        print(f"{table}: {count} deleted")
    return 0


def _report(start: str | None, end: str | None, out: str | None) -> int:
    from datetime import date, timedelta
    from pathlib import Path

    from sqlalchemy import create_engine

    from bot import settings
    from bot.records import db, report

    last = date.fromisoformat(end) if end else date.today()
    first = date.fromisoformat(start) if start else last - timedelta(days=29)
    folder = Path(out or settings.VAR_DIR / "report")
    folder.mkdir(parents=True, exist_ok=True)
    db.upgrade_schema()
    tracker = create_engine(settings.tracker_url(), future=True)
    result = report.build(db.get_engine(), tracker, first, last)
    print(report.table(result))
    report.write_csv(result, folder / "report.csv")
    report.write_html(result, folder / "report.html")
    print(f"wrote {folder / 'report.csv'} and {folder / 'report.html'}")
    return 0


def _content_check() -> int:
    from bot.content.compare import comparison_problems
    from bot.content.quiz import quiz_problems
    from bot.content.values import values_problems
    from bot.tools import content_check

    rows, failures = content_check.check(load_content())
    failures += comparison_problems() + quiz_problems() + values_problems()
    print(content_check.table(rows))
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print(f"content-check: {len(rows)} answers, {len(failures)} problems")
    return 1 if failures else 0


# Conversations `make eval` holds at once. Measured 2026-11-26 on this 2-core
# machine: the six dev sets in 93 s instead of 110 s one at a time, with the
# same result for every case.
EVAL_WORKERS = 4


def _evaluate(url: str | None) -> int:
    from bot.content.knowledge import load_knowledge
    from bot.tools import devserver, evaluate

    bot = None if url else devserver.start()
    try:
        base = url or bot.base
        cases = [c for name in evaluate.SETS for c in evaluate.load_cases(name)]
        same = evaluate.same_answers(load_knowledge())
        results = evaluate.evaluate(
            partial(devserver.converse, base), cases, same, workers=EVAL_WORKERS
        )
    finally:
        if bot:
            bot.stop()
    floors = evaluate.load_floors()
    # Only the dev set's misses are listed: the test set is never tuned on.
    print(evaluate.report(results, floors, misses="dev"))
    failing = evaluate.below_floor(results, floors)
    for group, got, floor in failing:
        print(f"FAIL {group}: {got:.1%} is below its floor {floor:.1%}")
    return 1 if failing else 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the record tables' migrations")
    commands.add_parser("nlu", help="write data/nlu/knowledge.yml from data/knowledge")
    purge = commands.add_parser("purge", help="delete records older than the retention")
    purge.add_argument("--older-than", help="e.g. 30d (default: NELM_RETENTION_DAYS)")
    commands.add_parser(
        "content-check", help="readability, figures, translations, citations"
    )
    rep = commands.add_parser(
        "report", help="usage, helpfulness and gaps: table, CSV, HTML"
    )
    rep.add_argument(
        "--from", dest="start", help="first day, YYYY-MM-DD (default: 30 days)"
    )
    rep.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: today)")
    rep.add_argument(
        "--out", help="folder for report.csv and report.html (default var/report)"
    )
    commands.add_parser("bench", help="speed, memory, accuracy vs Rasa's default")
    endpoints = commands.add_parser(
        "endpoints", help="write Rasa's endpoints file from the environment"
    )
    endpoints.add_argument("out", help="the file to write, e.g. var/endpoints.yml")
    evaluate = commands.add_parser(
        "eval", help="dev and frozen test sets through the bot"
    )
    evaluate.add_argument("--url", help="a running bot (default: start one)")
    args = parser.parse_args(argv)

    try:
        if args.command == "migrate":
            return _migrate()
        if args.command == "nlu":
            from bot.tools import nlu_data

            print(f"{nlu_data.OUTPUT}: {nlu_data.write()} sections")
            return 0
        if args.command == "content-check":
            return _content_check()
        if args.command == "purge":
            return _purge(args.older_than)
        if args.command == "bench":
            from bot.tools import bench

            print(bench.table(bench.run()))
            return 0
        if args.command == "endpoints":
            from bot.server import endpoints as endpoints_module

            endpoints_module.write(args.out)
            return 0
        if args.command == "report":
            return _report(args.start, args.end, args.out)
        return _evaluate(args.url)
    except ContentError as exc:
        print(f"content error: {exc}", file=sys.stderr)
        return 1
