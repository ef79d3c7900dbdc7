"""Where MinerData's fields sit in Elphapex's CGI replies (pure functions; no I/O).

Source: pyasic tests/miners_tests/backends_tests/elphapex_tests/version_1_0_2.py (a DG1+ on
DG1+_SW_V1.0.2). The replies are the modern Antminer's (summary.cgi, stats.cgi with
``chain[]``, pools.cgi), with rates in ``rate_unit`` "MH/s" and two differences: chip
temperatures are milli-degree strings (``"47125"``, ``""`` for an absent sensor), and the
work mode is get_miner_conf.cgi's ``fc-work-mode`` (1: sleep, as pyasic reads it).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ...data import HashBoard
from ...models import ModelInfo
from ..antminer import replies as antminer_replies
from ..values import mean_of_readings, text, to_float, to_int

WORK_MODE_KEY = "fc-work-mode"
WORK_MODE_SLEEP = 1
WORK_MODE_NORMAL = 0
_MILLI = 1000.0


def firmware_version(system_info: dict[str, Any]) -> str | None:
    """``system_filesystem_version`` "DG1+_SW_V1.0.2" → "1.0.2"."""
    value = text(system_info.get("system_filesystem_version"))
    if value is None:
        return None
    return value.upper().rsplit("_V", 1)[-1].removeprefix("V") or None


def api_version(reply: dict[str, Any] | None) -> str | None:
    status = (reply or {}).get("STATUS")
    return text(status.get("api_version")) if isinstance(status, dict) else None


def boards(stats: dict[str, Any], model: ModelInfo | None) -> list[HashBoard]:
    """The Antminer chain[] boards, with the chip temperatures read in milli-degrees."""
    chains = [c for c in antminer_replies.as_list(stats.get("chain")) if isinstance(c, dict)]
    chip_temps = {to_int(c.get("index")): chip_temp(c.get("temp_chip")) for c in chains}
    return [
        dataclasses.replace(board, chip_temp=chip_temps.get(board.slot))
        for board in antminer_replies.new_api_boards(stats, model)
    ]


def chip_temp(readings: Any) -> float | None:
    values = [to_float(v) for v in antminer_replies.as_list(readings)]
    return mean_of_readings(v / _MILLI for v in values if v is not None)


def work_mode(conf: dict[str, Any] | None) -> int | None:
    return to_int((conf or {}).get(WORK_MODE_KEY))


def is_mining(conf: dict[str, Any] | None, hashrate: float | None) -> bool | None:
    mode = work_mode(conf)
    if mode is not None:
        return mode != WORK_MODE_SLEEP
    return None if hashrate is None else hashrate > 0
