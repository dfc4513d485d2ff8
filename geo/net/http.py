"""The one HTTP client every outbound request goes through.

Polite and bounded: a real user agent, a timeout, a minimum interval between
requests (a lock, so two users of one server cannot both go at once), a cap on
the answer's size, only http(s) to the hosts it was built for, and a disk cache
of successful answers keyed on the whole request (method, URL and body), so one
server's answer is never served for another's.  Every failure is one
:class:`NetError` whose message does not reveal why a connection failed
(refused, reset, DNS), which would let a caller probe the server's network.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontline_map.geo.errors import InputError, NetError
from frontline_map.geo.io.atomic import atomic_write_bytes
from frontline_map.geo.settings import USER_AGENT

MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class HttpPolicy:
    """How one service is asked: the servers allowed, politeness, limits and the cache folder."""

    service: str
    urls: tuple[str, ...]
    user_agent: str = USER_AGENT
    timeout_s: float = 10.0
    min_interval_s: float = 1.0
    max_bytes: int = MAX_BYTES
    cache_dir: Path | None = None
    hosts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "hosts", frozenset(_origin(u) for u in self.urls))


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_url(url: str, allowed: Iterable[str]) -> str:
    """``url`` when it is http(s) and on an allowed server, else a :class:`NetError`."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        msg = f"{url!r} is not an http(s) address"
        raise NetError("address", msg)
    if _origin(url) not in set(allowed):
        msg = f"{parts.netloc} is not a configured server"
        raise NetError("address", msg)
    return url


class HttpClient:
    """Requests for one :class:`HttpPolicy`; share one instance per process and service."""

    def __init__(self, policy: HttpPolicy) -> None:
        self.policy = policy
        self._lock = threading.Lock()
        self._last = 0.0
        self.requests = 0

    def _cache_path(self, method: str, url: str, body: bytes | None) -> Path | None:
        if self.policy.cache_dir is None:
            return None
        h = hashlib.sha256(f"{method}\n{url}\n".encode() + (body or b"")).hexdigest()
        return self.policy.cache_dir / f"{h[:32]}.json"

    def fetch_json(self, url: str, *, form: dict[str, str] | None = None,
                   valid: Callable[[Any], bool] = lambda _: True) -> Any:
        """GET ``url`` (or POST ``form``) and parse JSON; answers that pass ``valid`` are cached."""
        check_url(url, self.policy.hosts)
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        method = "POST" if body is not None else "GET"
        path = self._cache_path(method, url, body)
        if path is not None and path.is_file():
            try:
                return json.loads(path.read_bytes())
            except ValueError:
                path.unlink(missing_ok=True)
        raw = self._send(method, url, body)
        try:
            answer = json.loads(raw)
        except ValueError:
            raise NetError(self.policy.service, "the server did not answer JSON") from None
        if path is not None and valid(answer):
            with contextlib.suppress(OSError, InputError):  # an unwritable cache only costs a request next time
                atomic_write_bytes(path, raw)
        return answer

    def _send(self, method: str, url: str, body: bytes | None) -> bytes:
        req = urllib.request.Request(url, data=body, method=method,
                                     headers={"User-Agent": self.policy.user_agent, "Accept": "application/json"})
        with self._lock:  # one request at a time per service, spaced by min_interval_s
            wait = self.policy.min_interval_s - (time.monotonic() - self._last)
            if wait > 0:
                time.sleep(wait)
            self.requests += 1
            try:
                with urllib.request.urlopen(req, timeout=self.policy.timeout_s) as resp:  # noqa: S310 - scheme checked
                    raw: bytes = resp.read(self.policy.max_bytes + 1)
            except urllib.error.HTTPError as exc:
                msg = f"the server refused the request (HTTP {exc.code}); try again later"
                raise NetError(self.policy.service, msg) from None
            except (urllib.error.URLError, TimeoutError, OSError):
                msg = "the server could not be reached in time; work offline or try again later"
                raise NetError(self.policy.service, msg) from None
            finally:
                self._last = time.monotonic()
        if len(raw) > self.policy.max_bytes:
            msg = f"the answer is larger than {self.policy.max_bytes // 2**20} MB; ask for a smaller area"
            raise NetError(self.policy.service, msg)
        return raw
