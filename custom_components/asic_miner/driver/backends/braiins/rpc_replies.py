"""Parsers of BOSminer's cgminer-compatible RPC replies (Braiins OS and OS+ up to 22.08).

Shapes from the firmware's own source (braiins-os open/protocols/cgminer-api
src/response.rs, response/ext.rs; open/bosminer/bosminer-am1-s9/src/cgminer.rs) and the
BOSminer+ outputs in Braiins' API documentation (braiins-os-docs Development/1_api.rst).
Boards are hash chains numbered by the firmware (S9: ID 6, 7, 8; S17/S19: 1, 2, 3); every
reply names the daemon in its STATUS Description ("BOSminer+ 0.2.0-ea64aec8e").

Each parser takes what the miner sent (any shape) and returns what it could read; a
missing or malformed part gives None or an empty list, never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ...data import Fan, MinerError
from ..values import first_item, text, to_count, to_float, to_int, to_ths

# Chain IDs of the first board per control board (S9 am1: 6-8; am2/am3: 1-3).
_FIRST_CHAIN_IDS: Final = (6, 1, 0)
# TunerChainStatus states of a chain that works (pyasic BOSMiner._get_errors).
TUNER_OK: Final = frozenset({"Stable", "Testing performance profile", "Tuning individual chips"})
# summary's moving averages (MH/s) by MinerData.hashrate_averages window.
_AVERAGES: Final = (("1m", "MHS 1m"), ("5m", "MHS 5m"), ("15m", "MHS 15m"), ("1d", "MHS 24h"))


def items(reply: Mapping[str, Any] | None, key: str) -> list[dict[str, Any]]:
    """The objects of ``reply[key]`` (non-objects skipped)."""
    if not isinstance(reply, Mapping):
        return []
    found = reply.get(key)
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def description(reply: Mapping[str, Any] | None) -> str | None:
    """STATUS Description: the daemon and its version ("BOSminer+ 0.2.0-ea64aec8e")."""
    return text(first_item(reply, "STATUS").get("Description"))


@dataclass(frozen=True, slots=True)
class Version:
    daemon: str | None  # "BOSminer", "BOSminer+"
    version: str | None  # "0.2.0-ea64aec8e", "bosminer-plus-am1-s9 0.6.0-fe72abe5"
    api: str | None


def version(reply: Mapping[str, Any] | None) -> Version:
    """VERSION[0] is {<signature>: <version>, "API": "3.7"} (response.rs Version)."""
    entry = first_item(reply, "VERSION")
    api = text(entry.get("API"))
    for key, value in entry.items():
        if key != "API" and "BOS" in key.upper():
            return Version(key, text(value), api)
    said = description(reply)
    if said and " " in said:
        daemon, rest = said.split(" ", 1)
        return Version(daemon, rest, api)
    return Version(None, None, api)


def board_slot(chain_id: Any, first: int) -> int | None:
    chain = to_int(chain_id)
    if chain is None or not 0 <= chain - first <= 15:
        return None
    return chain - first


def first_chain(ids: list[Any]) -> int:
    """The chain ID of slot 0: the lowest of the firmware's numbering found."""
    numbers = {n for n in (to_int(i) for i in ids) if n is not None}
    return next((first for first in _FIRST_CHAIN_IDS if numbers and min(numbers) >= first), 0)


def model(reply: Mapping[str, Any] | None) -> str | None:
    """devdetails Model: "Bitmain Antminer S9" (the backend's name, cgminer.rs)."""
    return next((text(d.get("Model")) for d in items(reply, "DEVDETAILS") if d.get("Model")), None)


@dataclass(frozen=True, slots=True)
class Summary:
    hashrate: float | None  # TH/s, MHS 1m
    averages: dict[str, float]
    uptime: int | None
    accepted: int | None
    rejected: int | None
    current: float | None  # TH/s, MHS 5s


def summary(reply: Mapping[str, Any] | None) -> Summary:
    entry = first_item(reply, "SUMMARY")
    averages = {
        window: rate
        for window, key in _AVERAGES
        if (rate := to_ths(entry.get(key), "MH")) is not None
    }
    return Summary(
        hashrate=to_ths(entry.get("MHS 1m"), "MH"),
        averages=averages,
        uptime=to_count(entry.get("Elapsed")),
        accepted=to_count(entry.get("Accepted")),
        rejected=to_count(entry.get("Rejected")),
        current=to_ths(entry.get("MHS 5s"), "MH"),
    )


@dataclass(slots=True)
class Chain:
    """One hash chain's figures gathered from devs, devdetails and temps."""

    hashrate: float | None = None  # TH/s
    nominal: float | None = None  # TH/s
    current: float | None = None  # TH/s, MHS 5s
    chips: int | None = None
    board_temp: float | None = None
    chip_temp: float | None = None


def chains(
    devs: Mapping[str, Any] | None,
    devdetails: Mapping[str, Any] | None,
    temps: Mapping[str, Any] | None,
) -> dict[int, Chain]:
    """Per board slot: hashrate (devs MHS 1m), nominal rate, chips, board and chip °C."""
    dev_list = items(devs, "DEVS")
    detail_list = items(devdetails, "DEVDETAILS")
    temp_list = items(temps, "TEMPS")
    first = first_chain([e.get("ID") for e in (*dev_list, *detail_list, *temp_list)])
    found: dict[int, Chain] = {}

    def chain(entry: Mapping[str, Any]) -> Chain | None:
        slot = board_slot(entry.get("ID"), first)
        return None if slot is None else found.setdefault(slot, Chain())

    for entry in dev_list:
        if (board := chain(entry)) is not None:
            board.hashrate = to_ths(entry.get("MHS 1m"), "MH")
            board.nominal = to_ths(entry.get("Nominal MHS"), "MH")
            board.current = to_ths(entry.get("MHS 5s"), "MH")
    for entry in detail_list:
        if (board := chain(entry)) is not None:
            board.chips = to_count(entry.get("Chips"))
    for entry in temp_list:
        if (board := chain(entry)) is not None:
            # 0 when the sensor gave nothing (cgminer.rs: unwrap_or(0.0)).
            board.board_temp = _temperature(entry.get("Board"))
            board.chip_temp = _temperature(entry.get("Chip"))
    return found


def _temperature(value: Any) -> float | None:
    number = to_float(value)
    return round(number, 1) if number else None


def fans(reply: Mapping[str, Any] | None) -> tuple[list[Fan], int | None]:
    """Every fan's RPM (a connector without a fan reads 0) and the duty they run at (%)."""
    entries = items(reply, "FANS")
    speeds = [to_count(e.get("Speed")) for e in entries]
    duty = next((s for s in speeds if s is not None), None)
    return [Fan(speed=to_count(e.get("RPM"))) for e in entries], duty


@dataclass(frozen=True, slots=True)
class Tuner:
    power: float | None  # W, ApproximateMinerPowerConsumption
    power_limit: float | None  # W, PowerLimit
    states: dict[int, str]  # board slot → TunerChainStatus Status


def tuner(reply: Mapping[str, Any] | None) -> Tuner | None:
    """tunerstatus (BOS+ only; None where the daemon has no tuner)."""
    entries = items(reply, "TUNERSTATUS")
    if not entries:
        return None
    entry = entries[0]
    chain_list = [c for c in entry.get("TunerChainStatus") or [] if isinstance(c, dict)]
    first = first_chain([c.get("HashchainIndex") for c in chain_list])
    states: dict[int, str] = {}
    for chain_status in chain_list:
        slot = board_slot(chain_status.get("HashchainIndex"), first)
        status = text(chain_status.get("Status"))
        if slot is not None and status is not None:
            states[slot] = status
    return Tuner(
        power=_watts(entry.get("ApproximateMinerPowerConsumption")),
        power_limit=_watts(entry.get("PowerLimit")),
        states=states,
    )


def _watts(value: Any) -> float | None:
    number = to_float(value)
    return number if number is not None and number >= 0 else None


def tuner_state(found: Tuner | None) -> str | None:
    """The chains' state when they agree, else each board's ("Board 0: Stable; …")."""
    if found is None or not found.states:
        return None
    states = set(found.states.values())
    if len(states) == 1:
        return states.pop()
    return "; ".join(f"Board {slot}: {state}" for slot, state in sorted(found.states.items()))


def errors(found: Tuner | None) -> list[MinerError]:
    """A chain whose tuner reports anything but a working state ("Failed {…}")."""
    if found is None:
        return []
    return [
        MinerError(code=None, message=f"Board {slot}: {state.split(' {')[0]}")
        for slot, state in sorted(found.states.items())
        if state not in TUNER_OK
    ]


def paused(reply: Mapping[str, Any] | None, key: str) -> bool:
    """pause / resume answered ``{"PAUSE": [true]}`` / ``{"RESUME": [true]}`` (1_api.rst)."""
    found = reply.get(key) if isinstance(reply, Mapping) else None
    return isinstance(found, list) and bool(found) and found[0] is True
