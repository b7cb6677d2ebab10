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

Rasa is always given a copy of what is stored, never the kept object: Rasa
finds the new events of a message by comparing the tracker it saves with the
one ``retrieve`` gives back (``TrackerStore.stream_events`` for an event broker,
and the anonymisation pipeline), and a request that fails or is cancelled
half-way must leave nothing behind in memory. The copy replays the stored
events (no database read, no JSON), the same event objects in a new tracker.
"""

from __future__ import annotations

import itertools
import time
from collections import OrderedDict
from typing import Any

import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server.patches import check_rasa_version


def _sqlite_write_ahead(connection: Any, _record: Any) -> None:
    """SQLite in write-ahead-log mode, synced at checkpoints (every connection).

    Rasa opens a connection and commits once per message; in SQLite's default
    mode every commit waits for the disk twice. With a write-ahead log and
    ``synchronous=NORMAL`` a commit is an append: the database cannot be
    corrupted, and a power cut loses at most the last commits (measured in
    README, Performance).
    """
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


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
        if self.engine.dialect.name == "sqlite":
            sqlalchemy.event.listen(self.engine, "connect", _sqlite_write_ahead)
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

    @staticmethod
    def _copy(tracker: DialogueStateTracker, stored: int) -> DialogueStateTracker:
        """A new tracker with the first ``stored`` events of ``tracker`` replayed.

        Events Rasa added to the kept tracker after it was saved (a request
        still running, or cancelled) are not part of it.
        """
        copy = tracker.init_copy()
        copy.sender_source = tracker.sender_source
        for event in itertools.islice(tracker.events, stored):
            copy.update(event)
        return copy

    def _stored_count(self, tracker: DialogueStateTracker) -> int | None:
        """How many of the tracker's events are stored, if it grew from ours.

        A tracker Rasa saves is a copy of the kept one plus new events: its
        first events are the very objects stored before.
        """
        entry = self._cache.get(tracker.sender_id)
        if entry is None:
            return None
        kept, stored = entry[1], entry[2]
        if tracker is kept:
            return stored
        if (
            stored
            and len(tracker.events) >= stored
            and (tracker.events[stored - 1] is kept.events[stored - 1])
        ):
            return stored
        return None

    def _additional_events(self, session: Any, tracker: DialogueStateTracker):
        """The events not stored yet.

        Rasa counts the stored events of the latest session and skips that
        many; a tracker kept in memory also holds earlier sessions (a new
        session starts inside it), so for those the count kept here is used.
        """
        stored = self._stored_count(tracker)
        if stored is not None:
            return itertools.islice(tracker.events, stored, len(tracker.events))
        return super()._additional_events(session, tracker)

    def forget(self, sender_id: str | None = None) -> None:
        """Drop one conversation (or all) from memory; the database is unchanged."""
        if sender_id is None:
            self._cache.clear()
        else:
            self._cache.pop(sender_id, None)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """A copy of the conversation's tracker: from memory if used recently."""
        entry = self._cache.get(sender_id)
        if entry and time.monotonic() - entry[0] < self.cache_seconds:
            self._cache[sender_id] = (time.monotonic(), entry[1], entry[2])
            self._cache.move_to_end(sender_id)
            return self._copy(entry[1], entry[2])
        self._cache.pop(sender_id, None)
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(tracker)
            return self._copy(tracker, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the new events to the database, then keep the tracker."""
        await super().save(tracker)
        self._remember(tracker)
