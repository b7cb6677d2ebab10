import re

import pytest
import yaml

from bot.core.messaging import (
    LIMITS,
    choice_payload,
    chosen_number,
    numbered_options,
    plain,
    split_text,
    star_markup,
    turn_buttons,
)
from bot.server import connectors
from bot.server.pages import WebPages
from tests.conftest import ROOT

BUTTONS = [
    {"title": "Risks", "payload": '/ask_more{"topic": "ablation", "section": "risks"}'},
    {
        "title": "Results",
        "payload": '/ask_more{"topic": "ablation", "section": "outcomes"}',
    },
    {"title": "👍", "payload": '/feedback{"helpful": "yes"}'},
]


def test_plain_and_star_markup():
    text = "**Ablation — Risks**\n\n- pain\n- fever\n\n_Source: X 2020_ and snake_case"
    assert (
        plain(text)
        == "Ablation — Risks\n\n• pain\n• fever\n\nSource: X 2020 and snake_case"
    )
    assert star_markup(text).startswith("*Ablation — Risks*\n\n• pain")
    assert "_Source: X 2020_" in star_markup(text)
    assert (
        plain("[the guide](https://example.org)") == "the guide (https://example.org)"
    )


@pytest.mark.parametrize("limit", [40, 100, 1600])
def test_split_text_keeps_every_word_within_the_limit(limit):
    paragraphs = [
        "First paragraph. It has two sentences.",
        "- one item\n- another item that is a little longer than the first one",
        "A very long sentence " * 12 + ".",
        "最后一段。这是中文句子！还有一句？",
    ]
    text = "\n\n".join(paragraphs)
    parts = split_text(text, limit)
    assert all(0 < len(p) <= limit for p in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == text.replace(
        " ", ""
    ).replace("\n", "")


def test_split_text_prefers_paragraph_ends():
    text = "a" * 30 + "\n\n" + "b" * 30 + "\n\n" + "c" * 30
    assert split_text(text, 65) == ["a" * 30 + "\n\n" + "b" * 30, "c" * 30]
    assert split_text("short", 10) == ["short"]
    assert split_text("   ", 10) == []
    with pytest.raises(ValueError):
        split_text("x", 0)


def test_numbered_options_continue_from_start():
    text = numbered_options(BUTTONS[:2], 6, "Reply with a number to choose.")
    assert text == "6. Risks\n7. Results\n\nReply with a number to choose."


@pytest.mark.parametrize(
    ("reply", "number"),
    [
        ("2", 2),
        (" 2 ", 2),
        ("２", 2),
        ("#3", 3),
        ("1.", 1),
        ("3。", 3),
        ("12", 12),
        ("two", None),
        ("2 please", None),
        ("", None),
        (None, None),
        ("123", None),
    ],
)
def test_chosen_number(reply, number):
    assert chosen_number(reply) == number


def test_choice_payload_picks_the_numbered_option():
    assert choice_payload("2", BUTTONS) == BUTTONS[1]["payload"]
    assert choice_payload("３", BUTTONS) == BUTTONS[2]["payload"]
    assert choice_payload("0", BUTTONS) is None
    assert choice_payload("4", BUTTONS) is None
    assert choice_payload("2", []) is None


def test_turn_buttons_are_those_offered_since_the_last_user_message():
    events = [
        {"event": "bot", "data": {"buttons": [{"title": "old", "payload": "/old"}]}},
        {"event": "user", "text": "What is ablation?"},
        {"event": "bot", "text": "heads-up", "data": {"buttons": None}},
        {"event": "bot", "data": {"buttons": BUTTONS[:2]}},
        {"event": "action", "name": "action_listen"},
        {"event": "bot", "data": {"buttons": BUTTONS[2:]}},
    ]
    assert turn_buttons(events) == BUTTONS
    assert turn_buttons(events + [{"event": "user", "text": "2"}]) == []


def test_limits_are_the_apps_documented_ones():
    assert LIMITS == {"telegram": 4096, "slack": 3000, "facebook": 2000, "twilio": 1600}


def _commented_sections() -> dict:
    """The messaging sections of credentials.yml, uncommented."""
    lines, inside = [], False
    for line in (ROOT / "credentials.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("# bot.server.connectors."):
            inside = True
        elif not line.startswith("#   "):
            inside = False
        if inside:
            lines.append(line[2:].split("  #")[0])
    # Rasa fills ${VARIABLES} from the environment: a stand-in value here.
    text = re.sub(r"\$\{(\w+)\}", r"test-\1", "\n".join(lines))
    return yaml.safe_load(text)


def test_credentials_document_every_messaging_app():
    sections = _commented_sections()
    assert set(sections) == {
        "bot.server.connectors.TelegramInput",
        "bot.server.connectors.SlackInput",
        "bot.server.connectors.FacebookInput",
        "bot.server.connectors.TwilioInput",
    }
    for path, values in sections.items():
        channel_class = getattr(connectors, path.rsplit(".", 1)[1])
        channel = channel_class.from_credentials(values)
        assert channel.name() in {"telegram", "slack", "facebook", "twilio"}


def test_active_credentials_load():
    active = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    # Only our guarded channels: no Rasa socket.io (tests/system/test_channels.py).
    assert set(active) == {"bot.server.rest.RestInput", "bot.server.pages.WebPages"}
    pages = WebPages.from_credentials(active["bot.server.pages.WebPages"])
    assert pages.kiosk_timeout == 90 and pages.url_prefix() == "/"


def test_twilio_signature_check_cannot_be_turned_off():
    from rasa.shared.exceptions import RasaException

    credentials = {"account_sid": "AC1", "auth_token": "t", "twilio_number": "+1"}
    assert connectors.TwilioInput.from_credentials(credentials).auth_token == "t"
    with pytest.raises(RasaException, match="validate_signature"):
        connectors.TwilioInput.from_credentials(
            {**credentials, "validate_signature": False}
        )
