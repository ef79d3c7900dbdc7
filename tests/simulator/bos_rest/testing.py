"""For tests: a pytest fixture starting simulated Braiins OS REST miners on 127.0.72.x.

``bos_fixture(first, last)`` makes a ``start_bos(model="braiins-s21-bos", **options)``
fixture whose miners take the addresses 127.0.72.<first> … <last> in turn (each test
module its own span), restart in 0.3 s and are stopped after the test.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from typing import Any

from ..testing import sim_fixture
from .miner import BosRestSim

StartBos = Callable[..., Awaitable[BosRestSim]]
THIRD_OCTET = 72


def bos_fixture(first: int, last: int) -> Any:
    pool = itertools.cycle(f"127.0.{THIRD_OCTET}.{n}" for n in range(first, last + 1))
    return sim_fixture(BosRestSim, pool, "braiins-s21-bos")
