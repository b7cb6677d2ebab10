"""Many conversations at once: no errors, every reply in its conversation's language.

The short form runs in `make test`; `make stress` runs 50 conversations x 20
messages (LOAD_CONVERSATIONS, LOAD_MESSAGES).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from bot.core.language import has_cjk
from bot.tools.bench import SCRIPTS
from bot.tools.devserver import Conversation

CONVERSATIONS = int(os.environ.get("LOAD_CONVERSATIONS", "10"))
MESSAGES = int(os.environ.get("LOAD_MESSAGES", "5"))


def _converse(base: str, index: int) -> list[str]:
    lang = "zh" if index % 2 else "en"
    chat, problems = Conversation(base), []
    for turn in range(MESSAGES):
        text = SCRIPTS[lang][turn % len(SCRIPTS[lang])]
        try:
            replies = chat.texts(text)
        except Exception as error:  # noqa: BLE001 - any failure is counted
            problems.append(f"{text}: {error!r}")
            continue
        content = [r for r in replies if r.startswith("**")]
        if not content:
            problems.append(f"{text}: no answer {replies}")
        elif any(has_cjk(r) != (lang == "zh") for r in content):
            problems.append(f"{text}: wrong language {content}")
    return problems


def test_concurrent_conversations(server):
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        results = list(
            pool.map(lambda i: _converse(server.base, i), range(CONVERSATIONS))
        )
    problems = [p for result in results for p in result]
    assert problems == []
