"""Parsers of VNish's web replies (``/api/v1``; fields as the OpenAPI schema the firmware
serves at /docs/api-doc.json names them, v1.2.6-1.3.4, asic-rs meta/vnish/).

Captured replies they were checked against (tests/simulator/vnish/captures.py): summaries of
an S19j Pro on 1.2.0-rc3 (mining) and rc5 (initializing), an S19 on 1.2.0-beta10 and 1.2.6,
an S21+ Hydro on 1.2.8; /info, /status and /perf-summary of an S19 on 1.2.6.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from ...data import Fan, HashBoard, MinerError, Pool
from ..values import format_mac, text, to_count, to_float, to_ths

# miner_state values that are not mining (pyasic miners/backends/vnish.py _is_mining).
NOT_MINING: Final = frozenset({"stopped", "shutting-down", "failure"})
_FIRMWARE_IN_TYPE = re.compile(r"\s*\((?:Vnish|AnthillOS)\s+(?P<version>[^)]*)\)\s*$", re.I)
_UPTIME = re.compile(r"^\s*(?:(?P<days>\d+)\s*days?,?\s*)?(?:(?P<h>\d+):(?P<m>\d{2}))?\s*$")
_USER_POOL: Final = "UserPool"  # DevFee and Refund pools are the firmware's own


def miner(summary: Mapping[str, Any] | None) -> dict[str, Any]:
    value = (summary or {}).get("miner")
    return value if isinstance(value, dict) else {}


def _object(parent: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def status(summary: Mapping[str, Any] | None) -> dict[str, Any]:
    return _object(miner(summary), "miner_status")


def state(summary: Mapping[str, Any] | None) -> str | None:
    return text(status(summary).get("miner_state"))


def throttle(summary: Mapping[str, Any] | None) -> int | None:
    """miner_status.throttled: % of the preset the miner holds (20-100; v1.3 on)."""
    value = to_count(status(summary).get("throttled"))
    return value if value is not None and 0 <= value <= 100 else None


def split_type(miner_type: Any) -> tuple[str | None, str | None]:
    """'Antminer S19j Pro (Vnish 1.2.0-rc3)' → ('Antminer S19j Pro', '1.2.0-rc3')."""
    name = text(miner_type)
    if name is None:
        return None, None
    match = _FIRMWARE_IN_TYPE.search(name)
    if match is None:
        return name, None
    return text(name[: match.start()]), text(match.group("version"))


def temperature(value: Any) -> float | None:
    """°C; the firmware writes 0 where a sensor gives nothing (the 1.2.6 failure capture)."""
    reading = to_float(value)
    return reading if reading is not None and 0 < reading < 200 else None


def _range_max(parent: Mapping[str, Any], key: str) -> float | None:
    return temperature(_object(parent, key).get("max"))


def ths(container: Mapping[str, Any], key: str) -> float | None:
    """A figure in GH/s (hr_measure "GH/s" for SHA-256 builds) as TH/s."""
    return to_ths(container.get(key), "GH")


def hashrate(summary: Mapping[str, Any] | None) -> float | None:
    data = miner(summary)
    if "hr_realtime" in data:
        return ths(data, "hr_realtime")
    return to_ths(data.get("instant_hashrate"), "TH")  # 1.2.0 betas: TH/s


def expected_hashrate(summary: Mapping[str, Any] | None) -> float | None:
    data = miner(summary)
    nominal = ths(data, "hr_nominal")
    return nominal if nominal else ths(data, "hr_stock") or None


def wattage(summary: Mapping[str, Any] | None) -> float | None:
    """power_consumption; power_usage where only that is sent (1.2.0 betas: watts; from
    1.3 it is "the same as power_efficiency", J/TH, so not taken then)."""
    data = miner(summary)
    watts = to_float(data.get("power_consumption"))
    usage = to_float(data.get("power_usage"))
    if watts is None and usage != to_float(data.get("power_efficiency")):
        watts = usage
    return round(watts, 1) if watts is not None and 0 <= watts < 100_000 else None


def chains(summary: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    value = miner(summary).get("chains")
    return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []


def _chips(chain: Mapping[str, Any]) -> int | None:
    counts = [to_count(v) for v in _object(chain, "chip_statuses").values()]
    found = [c for c in counts if c is not None]
    return sum(found) if found else None


def hashboards(summary: Mapping[str, Any] | None, chips_per_board: int | None) -> list[HashBoard]:
    """One board per chain; ids count from 1 (asic-rs v1_2_0: "chain IDs are 1-based")."""
    boards: list[HashBoard] = []
    for position, chain in enumerate(chains(summary)):
        chain_id = to_count(chain.get("id"))
        slot = chain_id - 1 if chain_id else position
        if not 0 <= slot <= 15 or any(b.slot == slot for b in boards):
            continue
        board_state = text(_object(chain, "status").get("state"))
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=ths(chain, "hashrate_rt"),
                temp=_range_max(chain, "pcb_temp"),
                chip_temp=_range_max(chain, "chip_temp"),
                inlet_temp=temperature(chain.get("inlet_water_temp")),
                outlet_temp=temperature(chain.get("outlet_water_temp")),
                chips=_chips(chain),
                expected_chips=chips_per_board,
                missing=board_state == "disconnected",
            )
        )
    return boards


def water_temps(summary: Mapping[str, Any] | None) -> tuple[float | None, float | None]:
    """The hottest board's inlet and outlet water (asic-rs takes the maximum of each)."""
    inlets = [temperature(c.get("inlet_water_temp")) for c in chains(summary)]
    outlets = [temperature(c.get("outlet_water_temp")) for c in chains(summary)]
    inlet = max((t for t in inlets if t is not None), default=None)
    outlet = max((t for t in outlets if t is not None), default=None)
    return inlet, outlet


def cooling(summary: Mapping[str, Any] | None) -> dict[str, Any]:
    return _object(miner(summary), "cooling")


def fans(summary: Mapping[str, Any] | None) -> list[Fan]:
    value = cooling(summary).get("fans")
    if not isinstance(value, list):
        return []
    return [Fan(speed=to_count(f.get("rpm"))) for f in value if isinstance(f, Mapping)]


def fan_percent(summary: Mapping[str, Any] | None) -> int | None:
    duty = to_count(cooling(summary).get("fan_duty"))
    return duty if duty is not None and duty <= 100 else None


def pool_url(value: Any) -> str | None:
    """The firmware keeps ``host:port``; shown with the scheme it mines with."""
    url = text(value)
    if url is None:
        return None
    return url if "://" in url else f"stratum+tcp://{url}"


def pools(summary: Mapping[str, Any] | None) -> list[Pool]:
    """The user's pools (not the DevFee / Refund ones the firmware adds), shares each."""
    value = miner(summary).get("pools")
    if not isinstance(value, list):
        return []
    result: list[Pool] = []
    for item in value:
        if not isinstance(item, Mapping) or text(item.get("pool_type")) not in (_USER_POOL, None):
            continue
        url = pool_url(item.get("url"))
        if url is None:
            continue
        pool_status = text(item.get("status"))
        result.append(
            Pool(
                index=len(result),
                url=url,
                user=text(item.get("user")),
                active=pool_status == "active",
                alive=pool_status in ("active", "working"),
                accepted=to_count(item.get("accepted")),
                rejected=to_count(item.get("rejected")),
            )
        )
    return result


def errors(summary: Mapping[str, Any] | None) -> list[MinerError]:
    """The miner's failure (failure_code, description) and each failed chain's."""
    found: list[MinerError] = []
    miner_status = status(summary)
    if text(miner_status.get("miner_state")) == "failure":
        code = miner_status.get("failure_code")
        message = text(miner_status.get("description")) or "miner failure"
        found.append(
            MinerError(code=code if isinstance(code, int | str) else None, message=message)
        )
    for position, chain in enumerate(chains(summary)):
        chain_status = _object(chain, "status")
        if text(chain_status.get("state")) == "failure":
            board = to_count(chain.get("id")) or position + 1
            reason = text(chain_status.get("description")) or "failure"
            found.append(MinerError(code=None, message=f"board {board}: {reason}"))
    return found


def is_mining(summary: Mapping[str, Any] | None) -> bool | None:
    current = state(summary)
    return None if current is None else current not in NOT_MINING


def uptime(value: Any) -> int | None:
    """'9 days,  3:58', ' 1:00', '0:06' (system.uptime, to the minute) → seconds."""
    written = text(value)
    if written is None:
        return None
    match = _UPTIME.match(written)
    if match is None or not any(match.group(g) for g in ("days", "h")):
        return None
    days = int(match.group("days") or 0)
    hours, minutes = int(match.group("h") or 0), int(match.group("m") or 0)
    return days * 86_400 + hours * 3_600 + minutes * 60


def network(info: Mapping[str, Any] | None) -> dict[str, Any]:
    return _object(_object(info or {}, "system"), "network_status")


def mac(info: Mapping[str, Any] | None) -> str | None:
    return format_mac(network(info).get("mac"))


def hostname(info: Mapping[str, Any] | None) -> str | None:
    return text(network(info).get("hostname"))


def info_uptime(info: Mapping[str, Any] | None) -> int | None:
    return uptime(_object(info or {}, "system").get("uptime"))


def current_preset_name(perf: Mapping[str, Any] | None) -> str | None:
    preset = (perf or {}).get("current_preset")
    return text(preset.get("name")) if isinstance(preset, Mapping) else None


def current_preset_tuned(perf: Mapping[str, Any] | None) -> bool | None:
    preset = (perf or {}).get("current_preset")
    state = text(preset.get("status")) if isinstance(preset, Mapping) else None
    return None if state is None else state == "tuned"


def find_miner_on(reply: Any) -> bool | None:
    """/status find_miner, or the toggle's answer {"on": bool}."""
    if not isinstance(reply, Mapping):
        return None
    value = reply.get("find_miner", reply.get("on"))
    return value if isinstance(value, bool) else None


def restart_needed(reply: Any) -> tuple[bool, bool]:
    """SaveConfigResult: (restart_required, reboot_required)."""
    if not isinstance(reply, Mapping):
        return False, False
    return reply.get("restart_required") is True, reply.get("reboot_required") is True
