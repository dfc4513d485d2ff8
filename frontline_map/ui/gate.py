"""Brute-force protection for the editor password: a growing delay, then a lockout, per client.

Shared by every session of a server (one instance behind ``st.cache_resource``), so it
holds a lock; time is passed in, so the rules are tested without sleeping.
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field


@dataclass
class PasswordGate:
    """At most ``max_failures`` wrong passwords per client in ``window_s``; then a lockout that doubles."""

    max_failures: int = 5
    window_s: float = 60.0
    lock_s: float = 60.0
    max_lock_s: float = 3600.0
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _locked_until: dict[str, float] = field(default_factory=dict)
    _lockouts: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, client: str, now: float) -> float:
        """Seconds this client must wait before a password is even compared (0: go ahead)."""
        with self._lock:
            return max(0.0, self._locked_until.get(client, 0.0) - now)

    def record(self, client: str, ok: bool, now: float) -> None:
        """Count an attempt; the ``max_failures``-th failure in the window locks the client out."""
        with self._lock:
            if ok:
                self._failures.pop(client, None)
                self._lockouts.pop(client, None)
                return
            recent = self._failures.setdefault(client, deque())
            recent.append(now)
            while recent and now - recent[0] > self.window_s:
                recent.popleft()
            if len(recent) >= self.max_failures:
                n = self._lockouts.get(client, 0)
                self._locked_until[client] = now + min(self.max_lock_s, self.lock_s * 2 ** n)
                self._lockouts[client] = n + 1
                recent.clear()
            if len(self._failures) > 10_000:  # bounded: forget the oldest clients
                for stale in list(self._failures)[:1_000]:
                    self._failures.pop(stale, None)
