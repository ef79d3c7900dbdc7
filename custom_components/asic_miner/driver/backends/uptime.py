"""Whether a miner's uptime went on with the clock between two polls.

When it did not, the miner rebooted, or another one answers at the address (or the miner is
back after one did): what a backend reads only now and then (the MAC, the identity) is read
again.
"""

from __future__ import annotations

from typing import Final

# Seconds an uptime may stray from the clock between two polls (whole seconds, the reply's
# own delay) before it counts as not following it.
UPTIME_SLACK: Final = 30.0


def uptime_follows(
    seen: tuple[int, float] | None, uptime: int | None, now: float, slack: float = UPTIME_SLACK
) -> bool:
    """The uptime is the one ``seen`` at the last poll (uptime, clock) plus the time since.

    False when either is unknown: the caller says what an unknown uptime means to it.
    """
    if seen is None or uptime is None:
        return False
    return abs(uptime - (seen[0] + now - seen[1])) <= slack
