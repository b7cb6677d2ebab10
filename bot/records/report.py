"""The clinic's report: whether the guide is used, helps, and what is missing.

Built from our record tables (answers, feedback, unanswered questions) and
Rasa's tracker store (conversations and messages), for a date range. Printed
as a table, and written as CSV and as one self-contained HTML page with bar
charts (inline SVG: no scripts, no CDN) that staff can open offline.
"""

from __future__ import annotations

import csv
import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Engine

from bot.records.models import AnswerRow, FeedbackRow, UnansweredRow


@dataclass
class Report:
    """The figures for one date range (both ends included)."""

    start: date
    end: date
    conversations: int = 0
    messages: int = 0
    answers: Counter = field(default_factory=Counter)  # (topic, language) -> n
    unanswered: Counter = field(default_factory=Counter)  # reason -> n
    helpful: Counter = field(default_factory=Counter)  # topic -> thumbs up
    not_helpful: Counter = field(default_factory=Counter)  # topic -> thumbs down
    top_unanswered: list[tuple[str, int]] = field(default_factory=list)

    @property
    def fallback_rate(self) -> float:
        """Share of questions the bot could not understand."""
        asked = max(
            self.messages, sum(self.answers.values()) + sum(self.unanswered.values())
        )
        return self.unanswered["fallback"] / asked if asked else 0.0


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    begin = datetime.combine(start, time.min, tzinfo=timezone.utc)
    return begin, datetime.combine(
        end + timedelta(days=1), time.min, tzinfo=timezone.utc
    )


def build(
    engine: Engine, tracker_engine: Engine | None, start: date, end: date, top: int = 10
) -> Report:
    """Count everything in [start, end] (UTC days)."""
    begin, stop = _bounds(start, end)
    report = Report(start, end)
    with engine.connect() as conn:
        for topic, language, count in conn.execute(
            select(AnswerRow.topic, AnswerRow.language, func.count())
            .where(AnswerRow.created_at >= begin, AnswerRow.created_at < stop)
            .group_by(AnswerRow.topic, AnswerRow.language)
        ):
            report.answers[(topic, language)] = count
        for reason, count in conn.execute(
            select(UnansweredRow.reason, func.count())
            .where(UnansweredRow.created_at >= begin, UnansweredRow.created_at < stop)
            .group_by(UnansweredRow.reason)
        ):
            report.unanswered[reason] = count
        for topic, helpful, count in conn.execute(
            select(FeedbackRow.topic, FeedbackRow.helpful, func.count())
            .where(FeedbackRow.created_at >= begin, FeedbackRow.created_at < stop)
            .group_by(FeedbackRow.topic, FeedbackRow.helpful)
        ):
            (report.helpful if helpful else report.not_helpful)[topic] = count
        report.top_unanswered = [
            (question, count)
            for question, count in conn.execute(
                select(UnansweredRow.text, func.count().label("n"))
                .where(
                    UnansweredRow.created_at >= begin, UnansweredRow.created_at < stop
                )
                .group_by(UnansweredRow.text)
                .order_by(text("n DESC"), UnansweredRow.text)
                .limit(top)
            )
        ]
    if tracker_engine is not None and inspect(tracker_engine).has_table("events"):
        with tracker_engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT COUNT(DISTINCT sender_id), COUNT(*) FROM events "
                    "WHERE type_name = 'user' AND timestamp >= :b AND timestamp < :e"
                ),
                {"b": begin.timestamp(), "e": stop.timestamp()},
            ).one()
            report.conversations, report.messages = int(row[0]), int(row[1])
    return report


def rows(report: Report) -> list[tuple[str, str, str, str]]:
    """The report as (measure, key, language, value) rows: the CSV and the table."""
    out = [
        ("period", f"{report.start} to {report.end}", "", ""),
        ("conversations", "", "", str(report.conversations)),
        ("messages", "", "", str(report.messages)),
        ("fallback rate", "", "", f"{report.fallback_rate:.1%}"),
    ]
    for (topic, language), count in sorted(report.answers.items()):
        out.append(("questions answered", topic, language, str(count)))
    for reason, count in sorted(report.unanswered.items()):
        out.append(("not answered", reason, "", str(count)))
    for topic in sorted(set(report.helpful) | set(report.not_helpful)):
        up, down = report.helpful[topic], report.not_helpful[topic]
        out.append(("helpful", topic, "", f"{up} of {up + down}"))
    for question, count in report.top_unanswered:
        out.append(("top unanswered", question, "", str(count)))
    return out


def table(report: Report) -> str:
    """A plain-text table for the terminal."""
    data = rows(report)
    widths = [max(len(r[i]) for r in data) for i in range(3)]
    return "\n".join(
        f"{m:<{widths[0]}}  {k:<{widths[1]}}  {lang:<{widths[2]}}  {v}".rstrip()
        for m, k, lang, v in data
    )


def write_csv(report: Report, path: Path) -> None:
    """One row per figure: measure, key, language, value."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["measure", "key", "language", "value"])
        writer.writerows(rows(report))


def _bars(title: str, items: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG."""
    if not items:
        return f"<h2>{html.escape(title)}</h2><p>No data.</p>"
    top = max(v for _, v in items) or 1
    height = 24 * len(items) + 10
    bars = []
    for i, (label, value) in enumerate(items):
        y = 24 * i + 5
        width = 300 * value / top
        bars.append(
            f'<text x="0" y="{y + 14}" font-size="13">{html.escape(label)}</text>'
            f'<rect x="260" y="{y}" width="{width:.0f}" height="18" fill="#2b6cb0">'
            f"<title>{html.escape(label)}: {value}</title></rect>"
            f'<text x="{265 + width:.0f}" y="{y + 14}" font-size="13">{value}</text>'
        )
    return (
        f"<h2>{html.escape(title)}</h2>"
        f'<svg role="img" aria-label="{html.escape(title)}" width="640" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
    )


def write_html(report: Report, path: Path) -> None:
    """A self-contained page: figures, charts and the data table."""
    answered = sorted(
        ((f"{t} ({lang})", n) for (t, lang), n in report.answers.items()),
        key=lambda item: -item[1],
    )
    helpful = sorted(
        (t, report.helpful[t]) for t in set(report.helpful) | set(report.not_helpful)
    )
    not_helpful = sorted(
        (t, report.not_helpful[t])
        for t in set(report.helpful) | set(report.not_helpful)
    )
    body_rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
        for r in rows(report)
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>NELM Guide report {report.start} to {report.end}</title>
<style>
body{{font-family:sans-serif;max-width:60em;margin:2em auto;color:#1a202c}}
table{{border-collapse:collapse}}
td,th{{border:1px solid #cbd5e0;padding:4px 8px}}
</style>
</head><body>
<h1>NELM Guide report</h1>
<p>{report.start} to {report.end}: {report.conversations} conversations,
{report.messages} messages, fallback rate {report.fallback_rate:.1%}.</p>
{_bars("Questions answered per topic and language", answered)}
{_bars("Helpful (thumbs up) per topic", helpful)}
{_bars("Not helpful (thumbs down) per topic", not_helpful)}
{_bars("Top unanswered questions (redacted)", report.top_unanswered)}
<h2>All figures</h2>
<table><tr><th>measure</th><th>key</th><th>language</th><th>value</th></tr>
{body_rows}</table>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
