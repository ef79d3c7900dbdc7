"""Parsers of LUXminer's RPC replies (TCP 4028, cgminer-style JSON).

Fields as the captured replies of an Antminer S19k Pro on LUXminer 2025.4.8 name them
(asic-rs asic-rs-firmwares/luxminer/src/test/json/v1/: version, config, summary, stats,
devs, temps, fans, power, profiles, pools; events from 2025.9.8), and the LuxOS API
documentation (docs.luxor.tech/firmware/api). Each parser takes one command's reply
(the inner object of a joined answer) and never raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ...data import Fan, HashBoard, MinerError, Pool
from ..values import MAX_BOARD_SLOT, first_item, format_mac, text, to_count, to_float, to_ths

# Events that say the whole miner is not hashing on purpose (docs: events).
NOT_MINING_EVENTS: Final = frozenset({"SLEEP", "IDLE"})
# Events about the user's own choices, not problems.
INFORMATIVE_EVENTS: Final = frozenset(
    {"SLEEP", "IDLE", "REBOOT_USER", "SHUTDOWN_USER", "REBOOT_SYSINIT", "MINER_TUNING"}
)
# config CurtailMode when no curtailment is in force (the 2025.4.8 capture).
NOT_CURTAILED: Final = "none"


def items(reply: Mapping[str, Any] | None, key: str) -> list[dict[str, Any]]:
    value = reply.get(key) if isinstance(reply, Mapping) else None
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def version_type(version: Mapping[str, Any] | None) -> str | None:
    """VERSION[0].Type: the model as the firmware names it ("Antminer S19k Pro")."""
    return text(first_item(version, "VERSION").get("Type"))


def firmware_version(version: Mapping[str, Any] | None) -> str | None:
    """VERSION[0].LUXminer ("2025.4.8.220305-57b389c7"), else Miner."""
    entry = first_item(version, "VERSION")
    return text(entry.get("LUXminer")) or text(entry.get("Miner"))


def api_version(version: Mapping[str, Any] | None) -> str | None:
    return text(first_item(version, "VERSION").get("API"))


def config(reply: Mapping[str, Any] | None) -> dict[str, Any]:
    return first_item(reply, "CONFIG")


def model_name(reply: Mapping[str, Any] | None) -> str | None:
    """config Model ("Antminer S19k Pro")."""
    return text(config(reply).get("Model"))


def mac(reply: Mapping[str, Any] | None) -> str | None:
    return format_mac(config(reply).get("MACAddr"))


def hostname(reply: Mapping[str, Any] | None) -> str | None:
    return text(config(reply).get("Hostname"))


def serial_number(reply: Mapping[str, Any] | None) -> str | None:
    return text(config(reply).get("SerialNumber"))


def current_profile(reply: Mapping[str, Any] | None) -> str | None:
    """config Profile: the profile in use ("290MHz", "default")."""
    return text(config(reply).get("Profile"))


def atm_enabled(reply: Mapping[str, Any] | None) -> bool | None:
    """config IsAtmEnabled (also atm ATM[0].Enabled)."""
    value = config(reply).get("IsAtmEnabled")
    if not isinstance(value, bool):
        value = first_item(reply, "ATM").get("Enabled")
    return value if isinstance(value, bool) else None


def fault_light(reply: Mapping[str, Any] | None) -> bool | None:
    """config RedLed: "auto" (the firmware's own use: faults) or "off" is no locate light;
    "blink" or "on" after ledset is."""
    state = text(config(reply).get("RedLed"))
    if state is None:
        return None
    return state.lower() in ("blink", "on")


def curtailed(reply: Mapping[str, Any] | None) -> bool | None:
    """config CurtailMode: "None" while mining; anything else is sleep or idle."""
    mode = text(config(reply).get("CurtailMode"))
    return None if mode is None else mode.lower() != NOT_CURTAILED


def hashrate(summary: Mapping[str, Any] | None) -> float | None:
    """SUMMARY[0] "GHS 5s"."""
    return to_ths(first_item(summary, "SUMMARY").get("GHS 5s"), "GH")


def averages(summary: Mapping[str, Any] | None) -> dict[str, float]:
    entry = first_item(summary, "SUMMARY")
    found: dict[str, float] = {}
    for window, key in (("1m", "GHS 1m"), ("5m", "GHS 5m"), ("15m", "GHS 15m"), ("1d", "GHS 24h")):
        value = to_ths(entry.get(key), "GH")
        if value is not None:
            found[window] = value
    return found


def uptime(summary: Mapping[str, Any] | None, stats: Mapping[str, Any] | None) -> int | None:
    """SUMMARY[0].Elapsed, else the stats' Elapsed (seconds)."""
    elapsed = to_count(first_item(summary, "SUMMARY").get("Elapsed"))
    return elapsed if elapsed is not None else to_count(stats_entry(stats).get("Elapsed"))


def shares(summary: Mapping[str, Any] | None) -> tuple[int | None, int | None]:
    entry = first_item(summary, "SUMMARY")
    return to_count(entry.get("Accepted")), to_count(entry.get("Rejected"))


def stats_entry(stats: Mapping[str, Any] | None) -> dict[str, Any]:
    """The STATS entry with the chain figures (the second; the first names the program)."""
    for entry in items(stats, "STATS"):
        if "ID" in entry or any(str(key).startswith("chain_") for key in entry):
            return entry
    return {}


def expected_hashrate(
    stats: Mapping[str, Any] | None, devs: Mapping[str, Any] | None
) -> float | None:
    """stats total_rateideal in its rate_unit, else the boards' "Nominal MHS"."""
    entry = stats_entry(stats)
    ideal = to_ths(entry.get("total_rateideal"), entry.get("rate_unit") or "GH")
    if ideal:
        return ideal
    nominal = [to_ths(d.get("Nominal MHS"), "MH") for d in items(devs, "DEVS")]
    found = [n for n in nominal if n is not None]
    return round(sum(found), 6) if found else None


def _readings(value: Any) -> list[float]:
    """'47-34-34-47' → [47, 34, 34, 47]; 0 is no sensor."""
    if not isinstance(value, str):
        return []
    found = [to_float(part) for part in value.split("-")]
    return [n for n in found if n is not None and 0 < n < 200]


def _hottest(value: Any) -> float | None:
    readings = _readings(value)
    return max(readings) if readings else None


def _mean(values: list[float | None]) -> float | None:
    found = [v for v in values if v is not None and 0 < v < 200]
    return round(sum(found) / len(found), 1) if found else None


def _temps_by_board(temps: Mapping[str, Any] | None) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for entry in items(temps, "TEMPS"):
        board = to_count(entry.get("ID"))
        if board is not None:
            found.setdefault(board, entry)
    return found


def _board_ids(stats: Mapping[str, Any] | None, devs: Mapping[str, Any] | None) -> list[int]:
    """The boards devs lists (ID from 0), else those stats counts (miner_count, chain n
    from 1 with chips)."""
    ids = [to_count(d.get("ID", d.get("ASC"))) for d in items(devs, "DEVS")]
    found = sorted({i for i in ids if i is not None and i <= MAX_BOARD_SLOT})
    if found:
        return found
    entry = stats_entry(stats)
    count = to_count(entry.get("miner_count"))
    chains = [
        n - 1
        for n in range(1, MAX_BOARD_SLOT + 2)
        if to_count(entry.get(f"chain_acn{n}")) or to_float(entry.get(f"chain_rate{n}"))
    ]
    if count is not None and count <= MAX_BOARD_SLOT + 1:
        chains = sorted(set(chains) | set(range(count)))
    return chains


def user_shutdown(devs: Mapping[str, Any] | None) -> dict[int, bool]:
    """Board ID → whether the user shut it down (devs IsUserShutdown)."""
    found: dict[int, bool] = {}
    for entry in items(devs, "DEVS"):
        board = to_count(entry.get("ID", entry.get("ASC")))
        value = entry.get("IsUserShutdown")
        if board is not None and board <= MAX_BOARD_SLOT and isinstance(value, bool):
            found[board] = value
    return found


def hashboards(
    stats: Mapping[str, Any] | None,
    devs: Mapping[str, Any] | None,
    temps: Mapping[str, Any] | None,
    chips_per_board: int | None,
) -> list[HashBoard]:
    """One board per devs entry: its hashrate now (devs "MHS 5s", else stats
    chain_rate{n}, the average), chips (stats chain_acn{n}), board and chip temperatures
    (the hottest of temp_pcb{n} / temp_chip{n}), intake and exhaust air (temps), serial.

    stats numbers its chains from 1, devs and temps their boards from 0 (chain_rate1 is
    board 0: the 2025.4.8 capture's figures agree)."""
    entry = stats_entry(stats)
    by_id = {
        board: dev
        for dev in items(devs, "DEVS")
        if (board := to_count(dev.get("ID", dev.get("ASC")))) is not None
    }
    air = _temps_by_board(temps)
    boards: list[HashBoard] = []
    for board in _board_ids(stats, devs):
        n = board + 1
        dev = by_id.get(board, {})
        rate = to_ths(dev.get("MHS 5s"), "MH")
        if rate is None:
            rate = to_ths(entry.get(f"chain_rate{n}"), entry.get("rate_unit") or "GH")
        sensors = air.get(board, {})
        boards.append(
            HashBoard(
                slot=board,
                hashrate=rate,
                temp=_hottest(entry.get(f"temp_pcb{n}"))
                or _mean([to_float(dev.get("Temperature"))]),
                chip_temp=_hottest(entry.get(f"temp_chip{n}")),
                inlet_temp=_mean([to_float(sensors.get(k)) for k in ("TopRight", "BottomRight")]),
                outlet_temp=_mean([to_float(sensors.get(k)) for k in ("TopLeft", "BottomLeft")]),
                chips=to_count(entry.get(f"chain_acn{n}")),
                expected_chips=chips_per_board,
                serial_number=text(dev.get("SerialNumber")),
            )
        )
    return boards


def fans(reply: Mapping[str, Any] | None) -> list[Fan]:
    return [Fan(speed=to_count(f.get("RPM"))) for f in items(reply, "FANS")]


def fan_percent(reply: Mapping[str, Any] | None) -> int | None:
    """FANS[0].Speed: the duty the fans run at, %."""
    speed = to_count(first_item(reply, "FANS").get("Speed"))
    return speed if speed is not None and speed <= 100 else None


def wattage(reply: Mapping[str, Any] | None) -> float | None:
    """POWER[0].Watts."""
    watts = to_float(first_item(reply, "POWER").get("Watts"))
    return watts if watts is not None and 0 <= watts < 100_000 else None


def pools(reply: Mapping[str, Any] | None) -> list[Pool]:
    """POOLS[]: every group's pools, numbered as the firmware does (POOL)."""
    found: list[Pool] = []
    for position, item in enumerate(items(reply, "POOLS")):
        index = to_count(item.get("POOL"))
        found.append(
            Pool(
                index=position if index is None else index,
                url=text(item.get("URL")),
                user=text(item.get("User")),
                active=item.get("Stratum Active") is True,
                alive=item.get("Status") == "Alive",
                accepted=to_count(item.get("Accepted")),
                rejected=to_count(item.get("Rejected")),
            )
        )
    return found


def events(reply: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    return items(reply, "EVENTS")


def event_codes(reply: Mapping[str, Any] | None) -> set[str]:
    return {code for e in events(reply) if (code := text(e.get("Code"))) is not None}


def errors(reply: Mapping[str, Any] | None) -> list[MinerError]:
    """The events that are problems: "[BOARD 0] Board reboot due to it not hashing."."""
    found: list[MinerError] = []
    for event in events(reply):
        code = text(event.get("Code"))
        if code is None or code in INFORMATIVE_EVENTS:
            continue
        description = text(event.get("Description")) or code
        target, board = text(event.get("Target")), to_count(event.get("ID"))
        where = (
            f"[{target} {board}] "
            if target and board is not None
            else f"[{target}] "
            if target
            else ""
        )
        found.append(MinerError(code=code, message=f"{where}{description}"))
    return found


def is_mining(
    config_reply: Mapping[str, Any] | None, events_reply: Mapping[str, Any] | None
) -> bool | None:
    """Not while curtailed (config CurtailMode) or a SLEEP / IDLE event is up."""
    if event_codes(events_reply) & NOT_MINING_EVENTS:
        return False
    asleep = curtailed(config_reply)
    return None if asleep is None else not asleep


def session_id(reply: Mapping[str, Any] | None) -> str | None:
    """SESSION[0].SessionID; "" (no session) is None."""
    return text(first_item(reply, "SESSION").get("SessionID"))
