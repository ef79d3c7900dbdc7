"""The real MSKMiner replies the simulator is built from.

Source: pyasic (UpstreamData/pyasic) tests/miners_tests/backends_tests/mskminer_tests/
version_2_6_0_39.py, an Antminer S19 (88 chips a board) on MSKMiner 2.6.0.39: ``rpc_version``,
``rpc_stats`` and ``rpc_pools`` as its BMMiner 4.11.1 answered them on 4028 (pool names and
URLs anonymised by pyasic). Its ``web_info_v1`` is marked by its authors "needs updates
with real data": the one public account of /api/info_v1 (the MAC pyasic's MSKMiner reads);
the simulator serves that shape and says so (web.py).
"""

from __future__ import annotations

from typing import Any, Final

PROGRAM: Final[dict[str, str]] = {
    "BMMiner": "4.11.1 rwglr",
    "Miner": "0.0.1.3",
    "CompileTime": "10 Dec 2024 14:34:31 GMT",
    "Type": "S19-88 v.2.6.0.39 ",  # with the trailing space, as captured
}
API: Final = "3.1"
DESCRIPTION: Final = "bmminer 1.0.0"  # STATUS Description of version and stats
POOLS_DESCRIPTION: Final = "cgminer 1.0.0"  # ... and of pools, as captured

_CHAINS = range(1, 17)


def _per_chain(key: str, present: dict[int, Any], absent: Any) -> dict[str, Any]:
    return {f"{key}{n}": present.get(n, absent) for n in _CHAINS}


# rpc_stats STATS[1], in the captured order; Elapsed and the pools are the simulator's own.
STATS_FIGURES: Final[dict[str, Any]] = {
    "STATS": 0,
    "ID": "BC50",
    "Elapsed": 1926,
    "Calls": 0,
    "Wait": 0.0,
    "Max": 0.0,
    "Min": 99999999.0,
    "GHS 5s": 99989.59,
    "GHS av": 99761.40,
    "miner_count": 3,
    "frequency": "",
    "fan_num": 4,
    **{f"fan{n}": rpm for n, rpm in enumerate((5010, 5160, 5070, 5040, 0, 0, 0, 0), start=1)},
    "temp_num": 3,
    **_per_chain("temp", {1: 45, 2: 45, 3: 47}, 0),
    **_per_chain("temp2_", {1: 59, 2: 57, 3: 58}, 0),
    **_per_chain("temp3_", {1: 59, 2: 56, 3: 57}, 0),
    **_per_chain("temp_pcb", {1: "45-42-45-42", 2: "45-42-45-42", 3: "47-43-47-43"}, "0-0-0-0"),
    **_per_chain("temp_chip", {1: "59-59-59-59", 2: "57-56-57-56", 3: "58-57-58-57"}, "0-0-0-0"),
    "total_rateideal": 99674.88,
    "total_freqavg": 0.0,
    "total_acn": 264,
    "total_rate": 99989.59,
    **_per_chain("chain_rateideal", {1: 33677.28, 2: 32788.06, 3: 33209.54}, 31436.24),
    "temp_max": 47,
    "no_matching_work": 0,
    **_per_chain("chain_acn", {1: 88, 2: 88, 3: 88}, 0),
    **_per_chain("chain_acs", dict.fromkeys((1, 2, 3), " oo" * 44), ""),
    **_per_chain("chain_hw", {}, 0),
    **_per_chain("chain_rate", {1: 34084.86, 2: 32303.65, 3: 33601.08}, 0.0),
    **{f"chain_xtime{n}": "{}" for n in (1, 2, 3)},
    **{f"chain_offside_{n}": "" for n in (1, 2, 3)},
    **{f"chain_opencore_{n}": "1" for n in (0, 1, 2)},
    **_per_chain("freq", {1: 744, 2: 724, 3: 734}, 0),
    **_per_chain("chain_avgrate", {1: 33585.34, 2: 32788.97, 3: 33336.44}, 0.0),
    "miner_version": "0.0.1.3",
    "miner_id": "",
    "chain_power1": 1135,
    "chain_power2": 1103,
    "chain_power3": 1118,
    "total_power": 3358,
    **_per_chain("chain_voltage", {}, 15.70),
    "fan_pwm": 82,
    "bringup_temp": 16,
    "has_pic": "1",
    "tune_running": "0",
    "psu_status": "PSU OK",
    "downscale_mode": "0",
    "has_hotel_fee": "0",
}

# rpc_pools POOLS[0] (the three captured pools differ in POOL alone); URL and User are the
# simulator's. "Pool Stale%%" with its doubled percent sign, as captured.
POOL_ENTRY: Final[dict[str, Any]] = {
    "Accepted": 10000,
    "Best Share": 1000000000.0,
    "Diff": "100K",
    "Diff1 Shares": 0,
    "Difficulty Accepted": 1000000000.0,
    "Difficulty Rejected": 1000000.0,
    "Difficulty Stale": 0.0,
    "Discarded": 100000,
    "Get Failures": 3,
    "Getworks": 9000,
    "Has GBT": False,
    "Has Stratum": True,
    "Last Share Difficulty": 100000.0,
    "Last Share Time": "0:00:02",
    "Long Poll": "N",
    "POOL": 0,
    "Pool Rejected%": 0.0,
    "Pool Stale%%": 0.0,
    "Priority": 0,
    "Proxy": "",
    "Proxy Type": "",
    "Quota": 1,
    "Rejected": 100,
    "Remote Failures": 0,
    "Stale": 0,
    "Status": "Alive",
    "Stratum Active": True,
    "Stratum URL": "stratum.pool.io",
    "URL": "stratum+tcp://stratum.pool.io:3333",
    "User": "pool_username.real_worker",
}
