"""Replies of MARA firmware (MaraFW) the simulator serves, each with where it comes from.

CAPTURED: ``/kaonsu/v1/brief``, ``overview``, ``hashboards`` and ``fans`` of two KS5 Pro on
MaraFW rel 3.14_584 (2026-10-08), one mining with a board missing, one asleep, from
BlockOps-Mining-LLC/asic-rs-support-extension asic-rs-firmwares/kaonsu/src/test/
mara_rel314_gh.json and mara_rel314_stopped.json (their README: addresses, MACs, serials,
pools and workers left out; units, counts, statuses and figures kept). The overview's
``mac`` is one of those left out: pyasic miners/backends/marathon.py and asic-rs
firmwares/marathon backends/v1/mod.rs read it there, so the simulator puts its own back.

NOT CAPTURED (no recording of these replies is public): ``pools``, ``miner_config``,
``locate_miner``, ``network_config`` and the answers to POSTs. They carry exactly the
fields both peers read and write (pyasic web/marathon.py, miners/backends/marathon.py,
config/*.py ``from_mara``/``as_mara``; asic-rs firmwares/marathon backends/v1/mod.rs),
nothing the driver alone expects; marked PEER_ below.

The simulated KS5 Pro serves the captured replies as they are; the simulated S19 XP (no
MaraFW reply of an S19-series miner is public) serves the same replies with its own
boards, chips, fans, rates and power, made in replies.py, which names each figure it
changes. It is no recording.
"""

from __future__ import annotations

from typing import Any, Final

# -- captured: mara_rel314_gh.json (mining; board 0 not present) ----------------------

MINING_BRIEF: Final[dict[str, Any]] = {
    "elapsed": 661101,
    "hashrate_average": 12484.962,
    "hashrate_ideal": 13903.3125,
    "hashrate_realtime": 12724.099,
    "hashrate_realtime_1d": 12624.213,
    "hashrate_realtime_1h": 12608.649,
    "hashrate_sales": 21000,
    "hashrate_stock": 21735,
    "hashrate_unit": "GH/s",
    "indicator": "Degraded",
    "indicator_long": "Hash board error",
    "power_consumption_estimated": 1946,
    "power_indicator": 0,
    "power_source": "PSU",
    "status": "Mining",
    "status_long": "Mining...",
    "temperature_average": 53.284122,
    "temperature_max": 60.511185,
    "temperature_min": 47.125305,
    "work_mode": "Auto",
}


def _fan(index: int, speed: int, top: int, watts: float) -> dict[str, Any]:
    return {"current_speed": speed, "index": index, "max_speed": top, "power_consumption": watts}


MINING_FANS: Final[dict[str, Any]] = {
    "error": False,
    "error_description": "",
    "fans": [
        _fan(0, 3240, 6956, 19.72625),
        _fan(1, 3240, 6896, 19.72625),
        _fan(2, 3240, 7016, 19.72625),
        _fan(3, 3300, 7028, 19.72625),
    ],
    "percent": 43,
    "profile": "AirCooling",
    "total_power_consumption": 78.905,
}

MINING_HASHBOARDS: Final[dict[str, Any]] = {
    "frequency_average": 599.69434,
    "hashboard_num": 2,
    "hashboard_num_ideal": 3,
    "hashboards": [
        {
            "asic_num": 0,
            "asic_num_ideal": 92,
            "frequency_average": 0,
            "hashrate_average": 0,
            "hashrate_ideal": 0,
            "hashrate_realtime_10m": 0,
            "index": 0,
            "power_consumption_estimated": 0,
            "present": False,
            "temperature_chip": [0],
            "temperature_pcb": [0],
            "temperature_raw": [0],
        },
        {
            "asic_num": 92,
            "asic_num_ideal": 92,
            "frequency_average": 599.66034,
            "hashrate_average": 6281.34,
            "hashrate_ideal": 6951.2627,
            "hashrate_realtime_10m": 6429.394,
            "index": 1,
            "power_consumption_estimated": 972.9448,
            "present": True,
            "temperature_chip": [62.25, 73.25],
            "temperature_pcb": [57.25, 68.25],
            "temperature_raw": [47.25, 58.25],
        },
        {
            "asic_num": 92,
            "asic_num_ideal": 92,
            "frequency_average": 599.7283,
            "hashrate_average": 6203.872,
            "hashrate_ideal": 6952.05,
            "hashrate_realtime_10m": 6294.704,
            "index": 2,
            "power_consumption_estimated": 973.0551,
            "present": True,
            "temperature_chip": [62.125305, 75.511185],
            "temperature_pcb": [57.125305, 70.511185],
            "temperature_raw": [47.125305, 60.511185],
        },
    ],
}

# Both captures' overview (mac left out by the capture; see the module docstring).
OVERVIEW: Final[dict[str, Any]] = {
    "control_board": "CVCtrl",
    "is_one_shot_firmware": False,
    "model": "Antminer KS5 Pro",
    "model_extended": "Antminer KS5 Pro (21.0TH)",
    "version_firmware": "MaraFW rel 3.14_584",
}

# -- captured: mara_rel314_stopped.json (asleep, 264 s after boot) ---------------------

SLEEP_BRIEF: Final[dict[str, Any]] = {
    "elapsed": 264,
    "hashrate_average": 0,
    "hashrate_ideal": 0,
    "hashrate_realtime": 0,
    "hashrate_realtime_1d": 0,
    "hashrate_realtime_1h": 0,
    "hashrate_sales": 21000,
    "hashrate_stock": 21735,
    "hashrate_unit": "GH/s",
    "indicator": "Fully functional",
    "indicator_long": "",
    "power_consumption_estimated": 25,
    "power_indicator": 0,
    "power_source": "EST",
    "status": "Sleep",
    "status_long": "Sleeping...",
    "temperature_average": 26.311716,
    "temperature_max": 27.125,
    "temperature_min": 25.499697,
    "work_mode": "Sleep",
}

SLEEP_FANS: Final[dict[str, Any]] = {
    "error": False,
    "error_description": "",
    "fans": [_fan(0, 0, 3377, 0), _fan(1, 0, 3420, 0), _fan(2, 0, 3491, 0), _fan(3, 0, 3516, 0)],
    "percent": 0,
    "profile": "AirCooling",
    "total_power_consumption": 0,
}


def _sleeping_board(
    index: int, chip: list[float], pcb: list[float], raw: list[float]
) -> dict[str, Any]:
    return {
        "asic_num": 92,
        "asic_num_ideal": 92,
        "frequency_average": 50,
        "hashrate_average": 0,
        "hashrate_ideal": 579.6,
        "hashrate_realtime_10m": 0,
        "index": index,
        "power_consumption_estimated": 0,
        "present": True,
        "temperature_chip": chip,
        "temperature_pcb": pcb,
        "temperature_raw": raw,
    }


SLEEP_HASHBOARDS: Final[dict[str, Any]] = {
    "frequency_average": 50,
    "hashboard_num": 3,
    "hashboard_num_ideal": 3,
    "hashboards": [
        _sleeping_board(0, [40.625, 42.125], [35.625, 37.125], [25.625, 27.125]),
        _sleeping_board(1, [40.499695, 41.998985], [35.499695, 36.998985], [25.499697, 26.998987]),
        _sleeping_board(2, [40.621628, 42], [35.621628, 37], [25.621626, 27]),
    ],
}

# -- not captured: shapes of the fields the peers read and write ----------------------

# GET miner_config: pyasic MiningModeConfig.from_mara (mode.work-mode-selector, mode.concorde
# mode-select / power-target / hash-target), PoolConfig.from_mara (pools[].url/user/pass),
# FanModeConfig.from_mara (general-config, advance-config); asic-rs parse_pool_config
# (pool-group[].gid/alias/percent, pools[].gid). The brief's work_mode "Auto" is the mode.
PEER_WORK_MODES: Final = ("Auto", "Fixed", "Stock", "Sleep")  # asic-rs MaraWorkMode

# GET pools: a list; pyasic _get_pools and asic-rs parse_pools read index, url, user,
# status ("Alive"), priority, accepted, rejected, stale, discarded.
PEER_POOL_ALIVE: Final = "Alive"

# POST miner_config refused: asic-rs set_miner_config reads {"error": true, "msg": …}.
PEER_REFUSED: Final = "error"
