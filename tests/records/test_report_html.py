"""The report's counts of people's messages, and its HTML page for staff."""

import html
import json
import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import create_engine, text

from bot.records import report
from bot.records.models import RECORD_TABLES, Base

DAY = datetime(2026, 11, 10, 9, 0, tzinfo=timezone.utc)
LONG_QUESTION = (
    "Is there a special diet I should follow after liver surgery and "
    "embolization, and for how long, and what about alcohol and coffee?"
)
LONG_CHINESE = "肝切除和栓塞以后我需要吃什么特别的食物吗？要吃多久？可以喝咖啡和酒吗？"


@pytest.fixture()
def engines(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'r.db'}", future=True)
    Base.metadata.create_all(engine, tables=RECORD_TABLES)
    tracker = create_engine(f"sqlite:///{tmp_path / 't.db'}", future=True)
    with tracker.begin() as conn:
        # As Rasa's SQL tracker store keeps them (only the columns read).
        conn.execute(
            text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                "type_name TEXT, timestamp FLOAT, data TEXT)"
            )
        )
    return engine, tracker


def add_user_events(tracker, sender: str, texts: list[str]) -> None:
    with tracker.begin() as conn:
        for message in texts:
            conn.execute(
                text(
                    "INSERT INTO events (sender_id, type_name, timestamp, data) "
                    "VALUES (:s, 'user', :t, :d)"
                ),
                {
                    "s": sender,
                    "t": DAY.timestamp(),
                    "d": json.dumps({"event": "user", "text": message}),
                },
            )


def test_typed_messages_and_button_presses_are_counted_apart(engines):
    engine, tracker = engines
    add_user_events(
        tracker,
        "phone",
        [
            "/session_start",
            "what is TACE?",
            '/ask_more{"topic": "embolization", "section": "risks"}',
            '/feedback{"helpful": "yes", "topic": "embolization", "section": "risks"}',
            "谢谢",
        ],
    )
    # The kiosk touched once: a tile, no typing.
    add_user_events(tracker, "kiosk", ['/ask_more{"topic": "resection"}'])
    # Pages opened and left: they greet by themselves, nobody wrote anything.
    for sender in ("idle-1", "idle-2", "idle-3"):
        add_user_events(tracker, sender, ["/session_start"])
    result = report.build(engine, tracker, date(2026, 11, 1), date(2026, 11, 30))
    assert (result.conversations, result.messages, result.button_presses) == (
        2,
        2,
        3,
    )
    figures = {(m, k): v for m, k, _, v in report.rows(result)}
    assert figures[("messages typed", "")] == "2"
    assert figures[("buttons pressed", "")] == "3"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (json.dumps({"event": "user", "text": "hello"}), "typed"),
        (json.dumps({"event": "user", "text": "/greet"}), "button"),
        (json.dumps({"event": "user", "text": "/session_start"}), None),
        (json.dumps({"event": "user", "text": '/session_start{"a": 1}'}), None),
        (json.dumps({"event": "user", "text": "  "}), None),
        (json.dumps({"event": "user", "text": None}), None),
        ("not json", None),
        (None, None),
    ],
)
def test_message_kind(data, kind):
    assert report.message_kind(data) == kind


def sample() -> report.Report:
    result = report.Report(date(2026, 11, 1), date(2026, 11, 30))
    result.answers[("surgery_vs_iat", "en")] = 4
    result.answers[("nets_basics", "zh")] = 2
    result.answers[("retired_topic", "en")] = 1
    result.helpful["surgery_vs_iat"] = 3
    result.not_helpful["nets_basics"] = 1
    result.top_unanswered = [(LONG_QUESTION, 3), (LONG_CHINESE, 2), ("diet?", 1)]
    return result


def test_topics_are_shown_by_title(tmp_path, kb):
    report.write_html(sample(), tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    charts = page.split("<h2>All figures</h2>")[0]
    answered = {"surgery_vs_iat": "en", "nets_basics": "zh"}
    for topic_id, lang in answered.items():
        title = html.escape(kb.topic(topic_id).title)
        assert f"<title>{title} ({lang})</title>" in charts  # the full label
        assert f"<title>{title}</title>" in charts  # the feedback charts
        assert f"<td>{title}</td>" in page  # the table
        assert topic_id not in page
    assert "retired_topic (en)" in charts  # no longer in the content: its id


def test_long_labels_wrap_and_are_cut_to_fit_beside_the_bars(tmp_path):
    report.write_html(sample(), tmp_path / "r.html", titles={})
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    for label in re.findall(r'<text class="label"[^>]*>(.*?)<title>', page):
        lines = re.findall(r"<tspan[^>]*>(.*?)</tspan>", label)
        assert 1 <= len(lines) <= report.LABEL_LINES
        for line in lines:
            # The (generous) width estimate keeps each line left of the bars.
            assert report._text_width(line) <= report.LABEL_WIDTH < report.BAR_X
    # The whole question is still there: as the label's tooltip, and in the table.
    assert f"<title>{LONG_QUESTION}</title>" in page
    assert f"<td>{LONG_CHINESE}</td>" in page
    cut = report.wrap_label(LONG_QUESTION)
    assert cut[-1].endswith("…") and len(cut) == report.LABEL_LINES
    assert report.wrap_label("diet?") == ["diet?"]
