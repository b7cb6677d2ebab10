"""The clinic's report: whether the guide is used, helps, and what is missing.

Built from our record tables (answers, feedback, unanswered questions) and
Rasa's tracker store (conversations and messages), for a date range. Printed
as a table, and written as CSV and as one self-contained HTML page with bar
charts (inline SVG: no scripts, no CDN) that staff can open offline.

People's messages are counted apart from button presses (a payload such as
``/ask_more{...}``), and a conversation counts only once someone wrote or
pressed something: a page's or widget's automatic ``/session_start`` is
neither.
"""

from __future__ import annotations

import csv
import html
import json
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Engine

from bot.records.models import AnswerRow, FeedbackRow, QuizAnswerRow, UnansweredRow


@dataclass
class Report:
    """The figures for one date range (both ends included)."""

    start: date
    end: date
    conversations: int = 0  # with at least one message or button press
    messages: int = 0  # typed by people
    button_presses: int = 0  # buttons, tiles, the language toggle
    answers: Counter = field(default_factory=Counter)  # (topic, language) -> n
    unanswered: Counter = field(default_factory=Counter)  # reason -> n
    helpful: Counter = field(default_factory=Counter)  # topic -> thumbs up
    not_helpful: Counter = field(default_factory=Counter)  # topic -> thumbs down
    top_unanswered: list[tuple[str, int]] = field(default_factory=list)
    # Quiz answers: (topic, item, language) -> marked right / marked wrong.
    quiz_right: Counter = field(default_factory=Counter)
    quiz_wrong: Counter = field(default_factory=Counter)

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
        if inspect(conn).has_table(QuizAnswerRow.__tablename__):
            for topic, item, language, correct, count in conn.execute(
                select(
                    QuizAnswerRow.topic,
                    QuizAnswerRow.item,
                    QuizAnswerRow.language,
                    QuizAnswerRow.correct,
                    func.count(),
                )
                .where(
                    QuizAnswerRow.created_at >= begin, QuizAnswerRow.created_at < stop
                )
                .group_by(
                    QuizAnswerRow.topic,
                    QuizAnswerRow.item,
                    QuizAnswerRow.language,
                    QuizAnswerRow.correct,
                )
            ):
                key = (topic, item, language)
                (report.quiz_right if correct else report.quiz_wrong)[key] = count
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
        senders = set()
        with tracker_engine.connect() as conn:
            for sender, data in conn.execute(
                text(
                    "SELECT sender_id, data FROM events "
                    "WHERE type_name = 'user' AND timestamp >= :b AND timestamp < :e"
                ),
                {"b": begin.timestamp(), "e": stop.timestamp()},
            ):
                kind = message_kind(data)
                if kind == "typed":
                    report.messages += 1
                elif kind == "button":
                    report.button_presses += 1
                if kind:
                    senders.add(sender)
        report.conversations = len(senders)
    return report


# Payloads the pages send by themselves, not a person.
AUTOMATIC_PAYLOADS = ("session_start",)


def message_kind(data: str | None) -> str | None:
    """The kind of a user event: typed, button (a ``/intent`` payload) or None."""
    try:
        event = json.loads(data or "{}")
    except ValueError:
        return None
    message = str(event.get("text") or "").strip() if isinstance(event, dict) else ""
    if not message:
        return None
    if message.startswith("/"):
        intent = message[1:].split("{", 1)[0].strip()
        return None if intent in AUTOMATIC_PAYLOADS else "button"
    return "typed"


def rows(report: Report) -> list[tuple[str, str, str, str]]:
    """The report as (measure, key, language, value) rows: the CSV and the table."""
    out = [
        ("period", f"{report.start} to {report.end}", "", ""),
        ("conversations", "", "", str(report.conversations)),
        ("messages typed", "", "", str(report.messages)),
        ("buttons pressed", "", "", str(report.button_presses)),
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
    for topic, item, language in sorted(
        set(report.quiz_right) | set(report.quiz_wrong)
    ):
        key = (topic, item, language)
        wrong, total = (
            report.quiz_wrong[key],
            report.quiz_right[key] + report.quiz_wrong[key],
        )
        out.append(("quiz missed", f"{topic}/{item}", language, f"{wrong} of {total}"))
    return out


def table(report: Report) -> str:
    """A plain-text table for the terminal."""
    data = rows(report)
    widths = [max(len(r[i]) for r in data) for i in range(3)]
    return "\n".join(
        f"{m:<{widths[0]}}  {k:<{widths[1]}}  {lang:<{widths[2]}}  {v}".rstrip()
        for m, k, lang, v in data
    )


# A spreadsheet reads a cell starting with one of these as a formula (or, for
# tab and carriage return, may drop the character and read what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """The cell as text a spreadsheet shows, never runs: formula starts quoted."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_csv(report: Report, path: Path) -> None:
    """One row per figure: measure, key, language, value.

    Cells hold free text (unanswered questions), so any cell that a
    spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab,
    carriage return first) starts with an apostrophe instead.
    """
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["measure", "key", "language", "value"])
        writer.writerows(
            [spreadsheet_safe(str(cell)) for cell in row] for row in rows(report)
        )


# Bar charts: labels on the left in at most LABEL_LINES lines of LABEL_WIDTH
# pixels (at 13 px type), bars from BAR_X, the longest BAR_WIDTH long.
LABEL_WIDTH = 290
LABEL_LINES = 2
BAR_X = 300
BAR_WIDTH = 270
LINE_HEIGHT = 16


# Widths at 13 px, a little over common sans-serif fonts' (DejaVu, Arial).
_WIDEST = set("WmM@%—…")
_WIDER = set("w")


def _char_width(char: str) -> float:
    if _wide(char) or char in _WIDEST:
        return 13.0
    if char in _WIDER:
        return 11.0
    return 10.5 if char.isupper() else 8.5


def _text_width(text: str) -> float:
    """A generous estimate of the text's width in pixels at 13 px."""
    return sum(_char_width(c) for c in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(label: str) -> list[tuple[str, bool]]:
    """Pieces a line may break between: words, and each CJK character.

    Each piece comes with whether a space comes before it.
    """
    pieces: list[tuple[str, bool]] = []
    for word in label.split():
        run, first = "", True
        for char in word:
            if _wide(char):
                if run:
                    pieces.append((run, first))
                    run, first = "", False
                pieces.append((char, first))
                first = False
            else:
                run += char
        if run:
            pieces.append((run, first))
    return pieces


def wrap_label(label: str, width: float = LABEL_WIDTH) -> list[str]:
    """The label in lines that fit ``width``; beyond LABEL_LINES, cut with "…"."""
    lines: list[str] = []
    line = ""
    for piece, spaced in _tokens(label):
        joined = line + (" " if line and spaced else "") + piece
        if _text_width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = piece
        while _text_width(line) > width:  # one very long word
            cut = len(line)
            while cut > 1 and _text_width(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) > LABEL_LINES:
        last = lines[LABEL_LINES - 1]
        while last and _text_width(last + "…") > width:
            last = last[:-1]
        lines = lines[: LABEL_LINES - 1] + [last.rstrip() + "…"]
    return lines or [""]


def _bars(title: str, items: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG; long labels wrap, then are cut."""
    if not items:
        return f"<h2>{html.escape(title)}</h2><p>No data.</p>"
    top = max(v for _, v in items) or 1
    labels, bars = [], []
    y = 5
    for label, value in items:
        lines = wrap_label(label)
        row = max(24, LINE_HEIGHT * len(lines) + 8)
        width = BAR_WIDTH * value / top
        spans = "".join(
            f'<tspan x="0" dy="{0 if i == 0 else LINE_HEIGHT}">{html.escape(t)}</tspan>'
            for i, t in enumerate(lines)
        )
        first_line = y + (row - LINE_HEIGHT * len(lines)) / 2 + 12
        bar_y = y + (row - 18) / 2
        labels.append(
            f'<text class="label" y="{first_line:.0f}" font-size="13">{spans}'
            f"<title>{html.escape(label)}</title></text>"
        )
        bars.append(
            f'<rect x="{BAR_X}" y="{bar_y:.0f}" width="{width:.0f}" height="18" '
            f'fill="#2b6cb0"><title>{html.escape(label)}: {value}</title></rect>'
            f'<text x="{BAR_X + 5 + width:.0f}" y="{bar_y + 14:.0f}" '
            f'font-size="13">{value}</text>'
        )
        y += row
    # Whatever a font makes of the estimate, a label never shows past its column.
    clip = f"labels-{sum(map(ord, title))}"
    return (
        f"<h2>{html.escape(title)}</h2>"
        f'<svg role="img" aria-label="{html.escape(title)}" width="640" '
        f'height="{y + 5}" xmlns="http://www.w3.org/2000/svg">'
        f'<clipPath id="{clip}"><rect x="0" y="0" width="{BAR_X - 4}" '
        f'height="{y + 5}"/></clipPath>'
        f'<g clip-path="url(#{clip})">{"".join(labels)}</g>{"".join(bars)}</svg>'
    )


def topic_titles() -> dict[str, str]:
    """Topic id -> its title, from the knowledge snapshot."""
    from bot.content.knowledge import load_knowledge

    return {topic.id: topic.title for topic in load_knowledge().topics}


# Measures whose key is a topic id.
TOPIC_MEASURES = ("questions answered", "helpful")


def write_html(
    report: Report, path: Path, titles: Mapping[str, str] | None = None
) -> None:
    """A self-contained page: figures, charts and the data table.

    Topics are shown by their titles (``titles``, default: the knowledge
    snapshot's); a topic no longer in the content keeps its id.
    """
    titles = topic_titles() if titles is None else titles

    def name(topic: str) -> str:
        return titles.get(topic, topic)

    answered = sorted(
        ((f"{name(t)} ({lang})", n) for (t, lang), n in report.answers.items()),
        key=lambda item: -item[1],
    )
    rated = sorted(set(report.helpful) | set(report.not_helpful), key=name)
    helpful = [(name(t), report.helpful[t]) for t in rated]
    not_helpful = [(name(t), report.not_helpful[t]) for t in rated]
    missed = sorted(
        (
            (f"{name(topic)}: {item} ({lang})", n)
            for (topic, item, lang), n in report.quiz_wrong.items()
        ),
        key=lambda entry: -entry[1],
    )
    body_rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(name(c) if i == 1 and r[0] in TOPIC_MEASURES else c)}"
            "</td>"
            for i, c in enumerate(r)
        )
        + "</tr>"
        for r in rows(report)
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>NELM Guide report {report.start} to {report.end}</title>
<style>
body{{font-family:sans-serif;max-width:60em;margin:2em auto;color:#1a202c}}
table{{border-collapse:collapse}}
td,th{{border:1px solid #cbd5e0;padding:4px 8px;overflow-wrap:anywhere}}
td:nth-child(2){{max-width:30em}}
</style>
</head><body>
<h1>NELM Guide report</h1>
<p>{report.start} to {report.end}: {report.conversations} conversations,
{report.messages} messages typed, {report.button_presses} buttons pressed,
fallback rate {report.fallback_rate:.1%}.</p>
{_bars("Questions answered per topic and language", answered)}
{_bars("Helpful (thumbs up) per topic", helpful)}
{_bars("Not helpful (thumbs down) per topic", not_helpful)}
{_bars("Top unanswered questions (redacted)", report.top_unanswered)}
{_bars("Quiz items missed (wrong answers) per item and language", missed)}
<h2>All figures</h2>
<table><tr><th>measure</th><th>key</th><th>language</th><th>value</th></tr>
{body_rows}</table>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
