"""The safety bank through the running bot: the rule net with the trained intents.

``make safety-check`` scores the rule net and the learned scorer alone
(``bot.core.safety.assess``). In the bot, ``decide`` also weighs the NLU's
top intent: a confident content question turns a ``weak`` emergency into a
warning, and a safety intent may raise the level. Put through the bot, the
bank once showed seven emergencies answered as questions ("怎么叫都没反应",
"叫他也不答应，是危象吗？"). Here every bank message goes through the bot and
must pass the same gates as ``make safety-check``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bot.core.safety import Level
from bot.tools import safety_check
from bot.tools.devserver import converse
from bot.tools.evaluate import reply_data


def test_the_bank_passes_its_gates_through_the_bot(server):
    cases = safety_check.generate(safety_check.load_bank())
    assert len(cases) > 2000

    def kind(text: str) -> str | None:
        return (reply_data(converse(server.base, [text])[0]) or {}).get("kind")

    with ThreadPoolExecutor(4) as pool:
        kinds = dict(zip(cases, pool.map(kind, [c.text for c in cases]), strict=True))
    # a reply's kind is the level it answered at; every other kind is none
    levels = {
        c.text: Level(k) if k in {lv.value for lv in Level} else Level.NONE
        for c, k in kinds.items()
    }
    rows = safety_check.score(cases, levels.__getitem__)
    assert not safety_check.failures(rows), safety_check.table(rows)
    # The gates allow a few misses; the emergencies the bot answered as a
    # question are none of them.
    asked = [
        c.text
        for c in cases
        if c.category == "emergency" and kinds[c] == "explain_topic"
    ]
    assert not asked, asked
