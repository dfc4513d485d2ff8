"""The password gate's rules, with time passed in."""
from __future__ import annotations

from frontline_map.ui.gate import PasswordGate


def test_five_failures_in_a_minute_lock_the_client_out_and_the_lock_grows():
    gate = PasswordGate()
    for k in range(4):
        gate.record("a", False, 100 + k)
    assert gate.wait("a", 104) == 0
    gate.record("a", False, 104)
    assert gate.wait("a", 105) == 59 and gate.wait("b", 105) == 0  # another client is not affected
    assert gate.wait("a", 165) == 0
    for k in range(5):
        gate.record("a", False, 200 + k)
    assert gate.wait("a", 205) == 119  # the second lockout lasts twice as long


def test_failures_spread_over_time_and_a_success_do_not_lock():
    gate = PasswordGate()
    for k in range(10):
        gate.record("a", False, 100 + 20 * k)  # one every 20 s: never five in a minute
    assert gate.wait("a", 400) == 0
    for k in range(4):
        gate.record("b", False, 100 + k)
    gate.record("b", True, 105)
    gate.record("b", False, 106)
    assert gate.wait("b", 107) == 0
