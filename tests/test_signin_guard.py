"""Brute-force protection of the local sign-in (issue 22, item 5): growing delay, lockout, log lines, the client.

The clock and the sleeper are injected: no test waits for real.
"""

from __future__ import annotations

import logging

import pytest

from malbild.data.entries.throttle import LOCK_MINUTES, MAX_FAILURES, SignInGuard, client_id


class Clock:
    """A clock the test moves by hand; sleeping moves it too."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def guard(clock: Clock, **kwargs) -> SignInGuard:
    return SignInGuard(clock=clock, sleep=clock.sleep, **kwargs)


def wrong() -> bool:
    return False


def right() -> bool:
    return True


def test_many_wrong_passwords_lock_the_account_even_for_the_right_one() -> None:
    clock = Clock()
    g = guard(clock)
    outcomes = [g.attempt("anna", "198.51.100.1", wrong) for _ in range(MAX_FAILURES)]
    assert [o.ok for o in outcomes] == [False] * MAX_FAILURES
    assert [o.locked_seconds > 0 for o in outcomes] == [False] * (MAX_FAILURES - 1) + [True]
    checked = []
    late = g.attempt("anna", "198.51.100.1", lambda: checked.append(1) or True)
    assert not late.ok and late.locked_minutes == LOCK_MINUTES
    assert checked == [], "a locked account's password is not even checked"


def test_the_account_is_locked_from_every_client_and_the_client_for_every_account() -> None:
    clock = Clock()
    g = guard(clock)
    for n in range(MAX_FAILURES):
        g.attempt("anna", f"198.51.100.{n}", wrong)  # a new address each time: the account still counts
    assert not g.attempt("anna", "203.0.113.9", right).ok
    other = guard(Clock())
    for n in range(MAX_FAILURES):
        other.attempt(f"user{n}", "198.51.100.1", wrong)  # a new name each time: the client still counts
    assert not other.attempt("bo", "198.51.100.1", right).ok
    assert other.attempt("bo", "203.0.113.9", right).ok


def test_the_lock_runs_out_and_the_right_password_then_signs_in() -> None:
    clock = Clock()
    g = guard(clock)
    for _ in range(MAX_FAILURES):
        g.attempt("anna", "198.51.100.1", wrong)
    clock.now += LOCK_MINUTES * 60 - 1
    refused = g.attempt("anna", "198.51.100.1", right)
    assert not refused.ok and refused.locked_minutes == 1
    clock.now += 1
    assert g.attempt("anna", "198.51.100.1", right).ok
    assert g.delay("anna", "198.51.100.1") == 0, "a success clears the count"


def test_the_delay_grows_per_failure_up_to_a_limit() -> None:
    clock = Clock()
    g = guard(clock, max_failures=100, base_delay=0.5, max_delay=4.0)
    for _ in range(6):
        g.attempt("anna", "198.51.100.1", wrong)
    assert clock.slept == [0.5, 1.0, 2.0, 4.0, 4.0], "no wait on the first attempt, then doubling to the limit"
    assert g.delay("bo", "198.51.100.1") == 4.0, "per client"
    assert g.delay("anna", "203.0.113.9") == 4.0, "per account"
    assert g.delay("bo", "203.0.113.9") == 0.0
    clock.now += LOCK_MINUTES * 60
    assert g.delay("anna", "198.51.100.1") == 0.0, "old failures are forgotten"


def test_failures_and_the_lock_are_logged_with_a_stable_prefix(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    g = guard(clock)
    caplog.set_level(logging.WARNING, logger="malbild.auth")
    for _ in range(MAX_FAILURES + 1):
        g.attempt("anna\nmalbild.auth: fake", "198.51.100.1", wrong)
    lines = [r.getMessage() for r in caplog.records if r.name == "malbild.auth"]
    assert all(line.startswith("malbild.auth: sign-in ") and "\n" not in line for line in lines), lines
    failed = [line for line in lines if line.startswith("malbild.auth: sign-in failed ")]
    assert len(failed) == MAX_FAILURES and "client='198.51.100.1' failures=1" in failed[0]
    assert [line for line in lines if line.startswith("malbild.auth: sign-in locked ")] == [
        f"malbild.auth: sign-in locked account='anna\\nmalbild.auth: fake' client='198.51.100.1' minutes={LOCK_MINUTES}"
    ]
    assert lines[-1].startswith("malbild.auth: sign-in refused while locked ")


def test_x_forwarded_for_is_read_only_behind_trusted_proxies() -> None:
    headers = {"X-Forwarded-For": "10.9.9.9, 203.0.113.7"}  # the first entry is the client's own claim
    assert client_id(headers, "127.0.0.1", "s1") == "127.0.0.1"
    assert client_id(headers, "127.0.0.1", "s1", trusted_proxies=1) == "203.0.113.7"
    assert client_id(headers, "127.0.0.1", "s1", trusted_proxies=2) == "10.9.9.9"
    assert client_id({}, "127.0.0.1", "s1", trusted_proxies=1) == "127.0.0.1"
    assert client_id(None, None, "s1") == "session:s1"
