"""Brute-force protection for the local sign-in: a delay that grows per account and per client, then a lockout.

Every failed sign-in counts against the account name typed and against the client (its address, or the session
when no address is known). From the second failure on, each attempt first waits `base_delay` seconds, doubled per
earlier failure (at most `max_delay`); after `max_failures` failures the account or client is locked for
`lock_minutes`: even the right password is refused until then. A success clears the counts of its account and
client. Failures older than `lock_minutes` are forgotten.

The counts live in this module (GUARD), shared by every session of the process and guarded by a lock. Several
app processes each count on their own (docs/deployment.md says what that means).

Log lines an operator can alert on (logger "malbild.auth", every line starts with "malbild.auth: "):
    malbild.auth: sign-in failed account='anna' client='203.0.113.7' failures=3
    malbild.auth: sign-in locked account='anna' client='203.0.113.7' minutes=15
    malbild.auth: sign-in refused while locked account='anna' client='203.0.113.7' seconds_left=840
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

LOG = logging.getLogger("malbild.auth")
PREFIX = "malbild.auth: "

MAX_FAILURES = 5
LOCK_MINUTES = 15
BASE_DELAY = 0.5
MAX_DELAY = 8.0
# How many accounts and clients are remembered at most (the oldest are forgotten first): typed names are free.
MAX_TRACKED = 10_000


@dataclass(frozen=True)
class Outcome:
    """What a sign-in attempt gave: accepted, or refused; `locked_seconds` > 0 when refused by a lockout."""

    ok: bool
    locked_seconds: float = 0.0

    @property
    def locked_minutes(self) -> int:
        """The wait to tell the user, in whole minutes (at least 1)."""
        return max(1, math.ceil(self.locked_seconds / 60))


@dataclass
class _Count:
    failures: int = 0
    last: float = 0.0
    locked_until: float = 0.0


class SignInGuard:
    """Failure counts per account and per client, with the delay and lockout they lead to (thread-safe)."""

    def __init__(
        self,
        *,
        max_failures: int = MAX_FAILURES,
        lock_minutes: float = LOCK_MINUTES,
        base_delay: float = BASE_DELAY,
        max_delay: float = MAX_DELAY,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.max_failures = max_failures
        self.lock_seconds = lock_minutes * 60
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.clock = clock
        self.sleep = sleep
        self._counts: OrderedDict[tuple[str, str], _Count] = OrderedDict()
        self._lock = threading.Lock()

    def _count(self, key: tuple[str, str], now: float) -> _Count:
        """The count of an account or client, reset when its lock ran out or its failures are old (lock held)."""
        count = self._counts.get(key)
        if count is None:
            return _Count()
        if now >= count.locked_until and (count.locked_until or now - count.last >= self.lock_seconds):
            del self._counts[key]
            return _Count()
        return count

    def _keys(self, account: str, client: str) -> tuple[tuple[str, str], tuple[str, str]]:
        return ("account", account.strip().casefold()), ("client", client)

    def locked_seconds(self, account: str, client: str) -> float:
        """How long the account or the client is still locked (0 when neither is)."""
        now = self.clock()
        with self._lock:
            return max(self._count(key, now).locked_until - now for key in self._keys(account, client))

    def delay(self, account: str, client: str) -> float:
        """The wait before this attempt is checked: grows with the failures of the account or the client."""
        now = self.clock()
        with self._lock:
            failures = max(self._count(key, now).failures for key in self._keys(account, client))
        return 0.0 if failures == 0 else min(self.max_delay, self.base_delay * 2 ** (failures - 1))

    def attempt(self, account: str, client: str, check: Callable[[], bool]) -> Outcome:
        """Check a sign-in unless locked: wait the delay, run `check`, count a failure (and lock) or clear."""
        left = self.locked_seconds(account, client)
        if left > 0:
            LOG.warning(
                "%ssign-in refused while locked account=%r client=%r seconds_left=%d",
                PREFIX,
                account,
                client,
                math.ceil(left),
            )
            return Outcome(False, left)
        wait = self.delay(account, client)
        if wait:
            self.sleep(wait)
        ok = check()
        now = self.clock()
        with self._lock:
            keys = self._keys(account, client)
            counts = [self._count(key, now) for key in keys]
            left = max(c.locked_until - now for c in counts)
            if left > 0:  # locked by attempts that ended while this one waited
                return Outcome(False, left)
            if ok:
                for key in keys:
                    self._counts.pop(key, None)
                return Outcome(True)
            locked = False
            for key, count in zip(keys, counts, strict=True):
                count.failures += 1
                count.last = now
                if count.failures >= self.max_failures:
                    count.locked_until = now + self.lock_seconds
                    locked = True
                self._counts[key] = count
                self._counts.move_to_end(key)
            while len(self._counts) > MAX_TRACKED:
                self._counts.popitem(last=False)
            failures = max(c.failures for c in counts)
        LOG.warning("%ssign-in failed account=%r client=%r failures=%d", PREFIX, account, client, failures)
        if locked:
            LOG.warning(
                "%ssign-in locked account=%r client=%r minutes=%d",
                PREFIX,
                account,
                client,
                math.ceil(self.lock_seconds / 60),
            )
            return Outcome(False, self.lock_seconds)
        return Outcome(False)


def client_id(headers: Mapping[str, str] | None, address: str | None, session: str, trusted_proxies: int = 0) -> str:
    """Who is signing in, as far as the server can tell: the address, else the session.

    X-Forwarded-For is read only when `trusted_proxies` (secrets: [malbild] trusted_proxies) says how many proxies
    of ours are in front of the app: the address the outermost of them saw is that many entries from the end (the
    entries before it are written by the client and can be forged). Otherwise the address Streamlit sees.
    """
    if trusted_proxies > 0 and headers:
        hops = [h.strip() for h in str(headers.get("X-Forwarded-For") or "").split(",") if h.strip()]
        if len(hops) >= trusted_proxies:
            return hops[-trusted_proxies]
    return address or f"session:{session}"


# The process's one guard: every session's sign-in counts here.
GUARD = SignInGuard()
