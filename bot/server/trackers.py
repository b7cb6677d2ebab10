"""Rasa's SQL tracker store, keeping recent conversations in memory (one process).

Profiling the Rasa server under 8 conversations (py-spy, after the fix in
``bot.server.speedups``) put a quarter of its time in reading the conversation back
from the SQL tracker store on every message: the query, then turning every
stored event back into an object. ``CachingSQLTrackerStore`` writes every
change through to the database exactly as Rasa's store does, and keeps the
trackers of the conversations it served recently, so the next message of a
conversation starts from memory.

Only for a single Rasa process: with several replicas another process may
have added events, so ``bot.server.endpoints`` uses it only when no Redis lock store
is configured (``REDIS_URL`` unset). Entries are dropped after
``cache_seconds`` without a message (default 10 minutes, well inside the
shortest retention ``make purge`` allows, so purged events are never
written back) and beyond ``cache_size`` conversations.
"""

from __future__ import annotations

import itertools
import time
from collections import OrderedDict
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server.patches import check_rasa_version


class CachingSQLTrackerStore(SQLTrackerStore):
    """SQL tracker store with a write-through, in-process cache of recent trackers."""

    def __init__(
        self,
        *args: Any,
        cache_size: int = 1000,
        cache_seconds: float = 600,
        **kwargs: Any,
    ) -> None:
        # _additional_events below overrides a private method of this release.
        check_rasa_version()
        super().__init__(*args, **kwargs)
        self.cache_size = int(cache_size)
        self.cache_seconds = float(cache_seconds)
        # sender id -> (last use, tracker, how many of its events are stored)
        self._cache: OrderedDict[str, tuple[float, DialogueStateTracker, int]] = (
            OrderedDict()
        )

    def _remember(self, tracker: DialogueStateTracker) -> None:
        stored = len(tracker.events)
        self._cache[tracker.sender_id] = (time.monotonic(), tracker, stored)
        self._cache.move_to_end(tracker.sender_id)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker):
        """The events not stored yet.

        Rasa counts the stored events of the latest session and skips that
        many; a tracker kept in memory also holds earlier sessions (a new
        session starts inside it), so for those the count kept here is used.
        """
        entry = self._cache.get(tracker.sender_id)
        if entry is not None and entry[1] is tracker:
            return itertools.islice(tracker.events, entry[2], len(tracker.events))
        return super()._additional_events(session, tracker)

    def forget(self, sender_id: str | None = None) -> None:
        """Drop one conversation (or all) from memory; the database is unchanged."""
        if sender_id is None:
            self._cache.clear()
        else:
            self._cache.pop(sender_id, None)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation's tracker: from memory if it was used recently."""
        entry = self._cache.get(sender_id)
        if entry and time.monotonic() - entry[0] < self.cache_seconds:
            self._cache[sender_id] = (time.monotonic(), entry[1], entry[2])
            self._cache.move_to_end(sender_id)
            return entry[1]
        self._cache.pop(sender_id, None)
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(tracker)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the new events to the database, then keep the tracker."""
        await super().save(tracker)
        self._remember(tracker)
