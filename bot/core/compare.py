"""The treatments side by side: which options a message names, and the reply.

On the web (the REST channel: chat page, widget, kiosk) the comparison is one
message holding an HTML table (caption, column and row headers) that the page
wraps in a labelled, focusable scroll region. On messaging apps it is one
compact message per option. Either way the sources of the cells shown, and
when their topics were last reviewed, come under it. Never a recommendation.
"""

from __future__ import annotations

import html
import re

from bot.content.compare import Comparison, Option, load_comparison
from bot.content.knowledge import Knowledge
from bot.core.replies import (
    Button,
    Message,
    Outcome,
    Replies,
    join_paragraphs,
    month_year,
    payload,
    ui_label,
    ui_text,
)
from bot.core.routing import OVERVIEW, Turn
from bot.core.script import to_simplified
from bot.core.understanding import comparison_asked

# Channels whose page renders the table; any other is a messaging app.
WEB_CHANNELS = ("", "rest", "web")
INTENT = "compare_options"
# Questions about the evidence comparing surgery with embolization (who lived
# longer, how good the study is) stay with the topic that answers them.
EVIDENCE_TOPIC = "surgery_vs_iat"
EVIDENCE_SECTIONS = ("outcomes", "evidence", "eligibility")
# How sure the model must be that a message asks one of those.
EVIDENCE_CONFIDENCE = 0.5


def _mentions(text: str, word: str) -> bool:
    if re.search(r"[\u3400-\u9fff]", word):
        return word in text
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None


def named_options(text: str | None, comparison: Comparison) -> tuple[str, ...]:
    """The ids of the options a message names, in table order.

    Keywords are matched on the lower-cased text, Traditional Chinese read as
    Simplified ("手術和栓塞" names surgery and embolization).
    """
    text = to_simplified(text or "").lower()
    return tuple(
        option.id
        for option in comparison.options
        if any(_mentions(text, w) for words in option.keywords.values() for w in words)
    )


def asks_about_one(text: str | None, comparison: Comparison) -> bool:
    """Whether a message names one option only and asks for no comparison.

    "What's the difference between TACE and TARE?" is about embolization.
    """
    if len(named_options(text, comparison)) != 1:
        return False
    return not asks_for_all(text, comparison)


def asks_for_all(text: str | None, comparison: Comparison) -> bool:
    """Whether the message uses a word that asks to compare ("compare", "其他")."""
    text = to_simplified(text or "").lower()
    words = (w for words in comparison.keywords.values() for w in words)
    return any(_mentions(text, w) for w in words)


def about_the_evidence(turn: Turn, comparison: Comparison) -> bool:
    """A question for the surgery-versus-embolization evidence, not the table.

    The model reads it as one of that topic's evidence sections, or it follows
    up on that topic without asking to compare the treatments.
    """
    if not turn.text or turn.text.startswith("/"):
        return False
    top = turn.ranking[0] if turn.ranking else None
    if (
        top is not None
        and top.topic == EVIDENCE_TOPIC
        and top.section in EVIDENCE_SECTIONS
        and top.confidence >= EVIDENCE_CONFIDENCE
    ):
        return True
    return turn.topic == EVIDENCE_TOPIC and not asks_for_all(turn.text, comparison)


def chosen_options(text: str | None, comparison: Comparison) -> tuple[Option, ...]:
    """Two or more options named: just those; otherwise all of them."""
    named = named_options(text, comparison)
    if len(named) < 2:
        return comparison.options
    return tuple(o for o in comparison.options if o.id in named)


def is_web(channel: str | None) -> bool:
    """Whether replies on ``channel`` are shown by our web page (tables work)."""
    return (channel or "") in WEB_CHANNELS


def html_table(comparison: Comparison, options: tuple[Option, ...], r: Replies) -> str:
    """The comparison as one line of accessible HTML (caption, th scope)."""
    e = html.escape
    head = "".join(f'<th scope="col">{e(r.t(o.label))}</th>' for o in options)
    body = "".join(
        f'<tr><th scope="row">{e(r.t(row.label))}</th>'
        + "".join(f"<td>{e(r.t(o.cells[row.key].text))}</td>" for o in options)
        + "</tr>"
        for row in comparison.rows
    )
    return (
        f"<table><caption>{e(r.t(comparison.title))}</caption>"
        f"<thead><tr><td></td>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def citation(
    kb: Knowledge, sources: tuple[str, ...], topics: tuple[str, ...], r: Replies
) -> str:
    """The "Source: ..." line, and the oldest review of these topics."""
    labels = [r.t(kb.sources[ref].label) for ref in sources if ref in kb.sources]
    line = ui_text("source_line", r.lang, sources="; ".join(labels))
    reviews = [
        t.review.reviewed for t in map(kb.topic, topics) if t and t.review is not None
    ]
    if reviews:
        line += " · " + ui_text(
            "reviewed_line", r.lang, date=month_year(min(reviews), r.lang)
        )
    return line


def option_text(
    kb: Knowledge, comparison: Comparison, option: Option, r: Replies
) -> str:
    """One option as a compact message for a messaging app."""
    colon = "：" if r.lang.startswith("zh") else ": "
    lines = [
        f"- **{r.t(row.label)}**{colon}{r.t(option.cells[row.key].text)}"
        for row in comparison.rows
    ]
    cite = citation(kb, comparison.sources((option,)), (option.topic,), r)
    return f"**{r.t(option.label)}**\n\n" + "\n".join(lines) + f"\n\n_{cite}_"


def buttons(kb: Knowledge, options: tuple[Option, ...], r: Replies) -> tuple:
    """Each option's topic overview, then the other topics."""
    found = [
        Button(r.t(topic.title), payload("ask_more", topic=topic.id, section=OVERVIEW))
        for topic in (kb.topic(o.topic) for o in options)
        if topic is not None
    ]
    found.append(Button(ui_label("more_topics", r.lang), payload("show_menu")))
    return tuple(found)


def handle(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message] | None:
    """The comparison of the options the message names (all if not two).

    None: a question about one option or the evidence, or a follow-up that
    compares the option in focus with one other ("how does that compare with
    surgery?" about embolization: ``comparison_asked``), for the dialogue to
    answer from its topic.
    """
    comparison = load_comparison()
    if (
        asks_about_one(turn.text, comparison)
        or about_the_evidence(turn, comparison)
        or comparison_asked(turn, kb)
    ):
        return None
    options = chosen_options(turn.text, comparison)
    out.compare = [o.id for o in options]
    title = f"**{r.t(comparison.title)}**"
    note = join_paragraphs([r.t(p) for p in comparison.note])
    cite = citation(kb, comparison.sources(options), tuple(o.topic for o in options), r)
    if is_web(turn.channel):
        table = html_table(comparison, options, r)
        # The table's caption is its heading.
        text = f"{table}\n\n{note}\n\n_{cite}_"
        return [Message(text, buttons(kb, options, r))]
    texts = [option_text(kb, comparison, o, r) for o in options]
    messages = [Message(f"{title}\n\n{note}")]
    messages += [Message(text) for text in texts[:-1]]
    messages.append(Message(texts[-1], buttons(kb, options, r)))
    return messages
