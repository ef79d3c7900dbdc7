"""Real Hiveon replies the simulator is built from, each with its source.

S9: hiveos-asic (minershive/hiveos-asic) hive/share/_examples/bitmain/S9-Hiveon/, dumped on a
Hiveon S9 by that folder's get_dump.sh: ``model`` is /usr/bin/compile_time (its build date
and the type the stock web's get_system_info.cgi reports as ``minertype``), raw_stats.json
and raw_pools.json are ``stats`` and ``pools`` on 4028 (NULs and newlines stripped).
"""

from __future__ import annotations

from typing import Any, Final

# hive/share/_examples/bitmain/S9-Hiveon/model
S9_COMPILE_TIME: Final = "Wed Feb 26 17:50:21 UTC 2019"
S9_TYPE: Final = "Antminer S9 Hiveon"

# hive/share/_examples/bitmain/S9-Hiveon/raw_stats.json, STATS[0] (the version block)
S9_PROGRAM: Final[dict[str, str]] = {
    "BMMiner": "2.0.0 rwglr",
    "Miner": "30.0.1.3",
    "CompileTime": S9_COMPILE_TIME,
    "Type": S9_TYPE,
}

# raw_stats.json STATS[1]: the fields Hiveon writes beyond the stock S9 BMMiner's, for the
# chains that are there (6, 7, 8); the per-chain watts and the total with its tag.
S9_CHAIN_EXTRAS: Final[dict[str, str]] = {
    "chain_xtime": "{}",  # chain_xtime6 "{X4=1,X35=1,X37=1}", chain_xtime7 "{}"
    "chain_offside_": "0",
    "chain_opencore_": "0",
}
S9_CHAIN_POWER: Final[dict[int, float]] = {6: 284.72, 7: 285.00, 8: 297.60}
S9_TOTAL_POWER: Final = "867.32 (AB)"  # "chain_power": the sum, tagged
S9_TOTAL_RATE_GH: Final = 10826.85  # "total_rate" beside that power (80 W per TH/s)

# raw_stats.json: the whole STATS[1] key set, in the firmware's order (the simulator's
# stats carry exactly these keys; tests/simulator_tests compare them).
S9_STATS_KEYS: Final[tuple[str, ...]] = (
    "STATS", "ID", "Elapsed", "Calls", "Wait", "Max", "Min", "GHS 5s", "GHS av",
    "miner_count", "frequency", "fan_num",
    *(f"fan{n}" for n in range(1, 9)),
    "temp_num",
    *(f"temp{n}" for n in range(1, 17)),
    *(f"temp2_{n}" for n in range(1, 17)),
    *(f"temp3_{n}" for n in range(1, 17)),
    *(f"freq_avg{n}" for n in range(1, 17)),
    "total_rateideal", "total_freqavg", "total_acn", "total_rate",
    *(f"chain_rateideal{n}" for n in range(1, 17)),
    "temp_max", "Device Hardware%", "no_matching_work",
    *(f"chain_acn{n}" for n in range(1, 17)),
    *(f"chain_acs{n}" for n in range(1, 17)),
    *(f"chain_hw{n}" for n in range(1, 17)),
    *(f"chain_rate{n}" for n in range(1, 17)),
    *(f"chain_xtime{n}" for n in (6, 7, 8)),
    *(f"chain_offside_{n}" for n in (6, 7, 8)),
    *(f"chain_opencore_{n}" for n in (6, 7, 8)),
    "miner_version",
    *(f"chain_power{n}" for n in range(1, 17)),
    "chain_power",
)  # fmt: skip

# hive/share/_examples/bitmain/S9-Hiveon/raw_pools.json: after the user's pools, Hive's fee
# pools, their URL and user masked with asterisks, at priorities 998-1000, all "Alive"
# with "Stratum Active" true (the firmware mines on them part of the time).
FEE_POOLS: Final[tuple[dict[str, Any], ...]] = (
    {"URL": "*", "User": "*", "Priority": 998, "Stratum URL": "*", "Diff": "512"},
    {"URL": "**", "User": "*", "Priority": 999, "Stratum URL": "**", "Diff": "8.19K"},
    {"URL": "***", "User": "*", "Priority": 1000, "Stratum URL": "***", "Diff": "744"},
)

# T9: hiveos-asic hive/share/_examples/bitmain/T9-Hiveon/ (model, raw_stats.json). Each of
# the three boards is three chains of 18 chips: chains 2-4 and 9-14, pyasic's grouping
# (2, 9, 10), (3, 11, 12), (4, 13, 14); every chain of a board reports that board's
# temperatures. Its "BMMiner" carries no build tag; "chain_rate{n}" are numbers here.
T9_COMPILE_TIME: Final = "Sat Aug 10 12:32:13 PST 2019"
T9_TYPE: Final = "Antminer T9 Hiveon"
T9_PROGRAM: Final[dict[str, str]] = {
    "BMMiner": "2.0.0",
    "Miner": "26.0.1.3",
    "CompileTime": T9_COMPILE_TIME,
    "Type": T9_TYPE,
}
T9_CHAINS: Final[tuple[tuple[int, int, int], ...]] = ((2, 9, 10), (3, 11, 12), (4, 13, 14))
T9_TOTAL_POWER: Final = "832.59 (AB)"
T9_TOTAL_RATE_GH: Final = 7817.82
T9_RATE_IDEAL_GH: Final = 7848.90
T9_FAN_RPM: Final = (3120, 4680)  # fan5, fan6
T9_BOARD_TEMP: Final = (73, 67, 60)  # temp2 / temp3 / temp4 (and their chains)
T9_FREQUENCY: Final = 425
