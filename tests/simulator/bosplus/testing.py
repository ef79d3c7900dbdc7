"""For tests: a pytest fixture starting simulated BOS+ miners on 127.0.71.x.

``bosplus_fixture(first, last)`` makes a ``start_bosplus(model="braiins-s19-bosplus",
**options)`` fixture whose miners take 127.0.71.<first> … <last> in turn (each test module
its own span), reboot in 0.3 s and are stopped after the test.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from typing import Any

from ..testing import sim_fixture
from .miner import BosPlusSim

StartBosPlus = Callable[..., Awaitable[BosPlusSim]]
THIRD_OCTET = 71
MODEL = "braiins-s19-bosplus"


def bosplus_fixture(first: int, last: int) -> Any:
    pool = itertools.cycle(f"127.0.{THIRD_OCTET}.{n}" for n in range(first, last + 1))
    return sim_fixture(BosPlusSim, pool, MODEL)
