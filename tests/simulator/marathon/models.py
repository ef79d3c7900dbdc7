"""The simulated MARA models: the captured KS5 Pro, and an S19 XP built from its replies.

Only two KS5 Pro on MaraFW rel 3.14_584 have been recorded (captures.py); no MaraFW reply of
an S19-series miner is public. pyasic lists the S19 XP among its MARA models
(miners/factory.py ``MinerTypes.MARATHON`` "ANTMINER S19 XP": MaraS19XP), so the S19 XP
here answers with the captured replies' keys, types and quirks, and with the figures of
its hardware: boards, chips per board, fans, rated rate and power as the model table has
them (driver/backends/antminer/models.py "S19 XP": 3 boards of 110 chips, 4 fans,
140 TH/s, 3010 W). replies.py says which figure is captured and which scaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class MaraSpec:
    key: str
    name: str  # overview.model
    boards: int  # hashboards.hashboard_num_ideal
    chips_per_board: int  # asic_num_ideal
    fans: int
    sales_ghs: int  # brief.hashrate_sales: the rated rate
    rated_watts: int  # the power target it starts with (Bitmain's rating)
    missing: frozenset[int]  # boards not present while mining (index)
    pool_hosts: tuple[str, ...]  # the pools it is set up with (stratum+tcp://<host>:3333)


MODELS: Final[dict[str, MaraSpec]] = {
    # The captured miners: mining with board 0 not present.
    "marathon-ks5pro": MaraSpec(
        key="marathon-ks5pro",
        name="Antminer KS5 Pro",
        boards=3,
        chips_per_board=92,
        fans=4,
        sales_ghs=21000,
        rated_watts=3150,
        missing=frozenset({0}),
        pool_hosts=("kas.example-pool.invalid", "kas-backup.example-pool.invalid"),
    ),
    # Derived from the captures (not a recording): all three boards mining.
    "marathon-s19xp": MaraSpec(
        key="marathon-s19xp",
        name="Antminer S19 XP",
        boards=3,
        chips_per_board=110,
        fans=4,
        sales_ghs=140000,
        rated_watts=3010,
        missing=frozenset(),
        pool_hosts=("btc.example-pool.invalid", "btc-backup.example-pool.invalid"),
    ),
}
