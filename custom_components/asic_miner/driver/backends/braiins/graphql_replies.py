"""What a Braiins OS+ GraphQL poll (graphql_queries.poll) says, as MinerData figures.

Shapes from asic-rs asic-rs-firmwares/braiins/src/test/json/{v21_09,v24_09,v25_03,v25_05}
(gql_system, gql_boards, gql_pools, gql_tuning, gql_events: real miners' answers) and the
schemas beside them. Rates are MH/s; ``hashrateTarget`` is TH/s (its metadata names the
unit). Board temperatures are named "Board"/"Chip" up to 24.09, "Max Board"/"Max Chip"/
"Inlet"/"Outlet" in 25.03 and MAX_BOARD/MAX_CHIP/INLET/OUTLET (an enum) from 25.05.
Every value is read tolerantly: a missing or malformed one is None, never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ...data import Fan, HashBoard, MinerError, Pool
from ...model_info import ModelInfo
from ...models import lookup
from ...settings import Choice, ChoiceKey, CoolingMode, Number, NumberKey, PerformanceMode, Settings
from ..values import format_mac, text, to_count, to_float, to_ths

_AVERAGES: Final = (
    ("1m", "mhs1M"),
    ("5m", "mhs5M"),
    ("15m", "mhs15M"),
    ("1h", "mhs1H"),
    ("1d", "mhs24H"),
)
_TUNER_MODES: Final = {
    "POWER_TARGET": PerformanceMode.POWER_TARGET,
    "HASHRATE_TARGET": PerformanceMode.HASHRATE_TARGET,
}
# TempControlMode: AUTO / MANUAL / DISABLED to 24.09; AUTO / MANUAL / IMMERSION / HYDRO
# from 25.03 (allowedModes names those the model takes).
_COOLING: Final = {
    "AUTO": CoolingMode.AUTO,
    "MANUAL": CoolingMode.MANUAL,
    "IMMERSION": CoolingMode.IMMERSION,
    "HYDRO": CoolingMode.IMMERSION,
}
_APPEAL_KINDS: Final = frozenset({"ERROR", "WARNING"})


def dig(value: Any, *keys: str) -> Any:
    """``value[k1][k2]…`` through objects only; None where any step is missing."""
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def mhs(value: Any) -> float | None:
    return to_ths(value, "MH")


def rate(solver: Any) -> float | None:
    """A solver's current rate: the 1-minute average, else the 5-second one."""
    real = dig(solver, "realHashrate")
    found = mhs(dig(real, "mhs1M"))
    return found if found is not None else mhs(dig(real, "mhs5S"))


def averages(solver: Any) -> dict[str, float]:
    real = dig(solver, "realHashrate")
    found = {window: mhs(dig(real, key)) for window, key in _AVERAGES}
    return {window: value for window, value in found.items() if value is not None}


def model_name(name: Any) -> str | None:
    """The stock table's name for the firmware's modelName ("Antminer S19", "Bitmain
    Antminer S19XP", "Antminer S19 XP Hyd."), else the name without its make."""
    raw = text(name)
    if raw is None:
        return None
    cleaned = raw.replace("Bitmain ", "").replace("S19XP", "S19 XP")
    info = lookup(cleaned, "Antminer")
    if info is not None:
        return info.name
    return text(cleaned.removeprefix("Antminer ").removeprefix("ANTMINER ")) or raw


def model_info(name: str | None) -> ModelInfo | None:
    return lookup(name, "Antminer")


def _temperatures(solver: Mapping[str, Any]) -> dict[str, float]:
    found: dict[str, float] = {}
    for entry in objects(solver.get("temperatures")):
        label = str(entry.get("name") or "").lower()
        degrees = to_float(entry.get("degreesC"))
        # 25.05's TemperatureType also has CONTROL_BOARD and AMBIENT: not the hashboard's.
        if degrees is None or "control" in label or "ambient" in label:
            continue
        for word, key in (
            ("chip", "chip"),
            ("board", "board"),
            ("inlet", "inlet"),
            ("outlet", "outlet"),
        ):
            if word in label:
                found.setdefault(key, degrees)
                break
    return found


def hashboards(work_solver: Any, info: ModelInfo | None) -> list[HashBoard]:
    boards = []
    for slot, solver in enumerate(objects(dig(work_solver, "childSolvers"))):
        temps = _temperatures(solver)
        details = solver.get("hwDetails")
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=rate(solver),
                temp=temps.get("board"),
                chip_temp=temps.get("chip"),
                inlet_temp=temps.get("inlet"),
                outlet_temp=temps.get("outlet"),
                chips=to_count(dig(details, "chips")),
                expected_chips=info.chips_per_board if info is not None else None,
                serial_number=text(dig(details, "hbSerialNumber")),
            )
        )
    return boards


def fans(info: Any) -> tuple[list[Fan], int | None]:
    """The fans' RPM, and the duty (%) they are driven at (the highest named)."""
    entries = objects(dig(info, "fans"))
    duties = [d for d in (to_count(f.get("speed")) for f in entries) if d is not None]
    duty = max(duties) if duties else None
    return [Fan(speed=to_count(f.get("rpm"))) for f in entries], duty


def pools(info: Any) -> list[Pool]:
    found: list[Pool] = []
    for group in objects(dig(info, "poolGroups")):
        for pool in objects(group.get("pools")):
            found.append(
                Pool(
                    index=len(found),
                    url=text(pool.get("url")),
                    user=text(pool.get("user")),
                    active=pool.get("active") is True,
                    alive=pool.get("status") == "ALIVE",
                    accepted=to_count(dig(pool, "shares", "acceptedSolutions")),
                    rejected=to_count(dig(pool, "shares", "rejectedSolutions")),
                )
            )
    return found


def share_total(found: list[Pool], name: str) -> int | None:
    counts = [getattr(pool, name) for pool in found if getattr(pool, name) is not None]
    return sum(counts) if counts else None


def errors(data: Any) -> list[MinerError]:
    """Appeals of kind ERROR or WARNING (the web UI's notices)."""
    return [
        MinerError(code=text(appeal.get("id")), message=str(appeal.get("message"))[:300])
        for appeal in objects(dig(data, "events", "appeals"))
        if appeal.get("kind") in _APPEAL_KINDS and text(appeal.get("message"))
    ]


def tuner_state(summary: Any) -> str | None:
    status = text(dig(summary, "tunerStatus"))
    return status.lower() if status else None


def mac(data: Any) -> str | None:
    return format_mac(dig(data, "bos", "macAddress"))


def config(data: Any) -> dict[str, Any]:
    """``bosminer.config`` when it is a BosminerConfig (else a BosminerConfigError)."""
    found = dig(data, "bosminer", "config")
    return found if isinstance(found, dict) else {}


def settings(data: Any) -> Settings:
    """The power / hashrate targets within the miner's bounds, the tuner mode between
    them, and the cooling mode, each where the poll carries it."""
    found = Settings()
    autotuning = dig(config(data), "autotuning")
    meta = dig(data, "bosminer", "metadata", "autotuning")
    power = _bounds(dig(meta, "powerTarget"))
    if power is not None:
        value = to_float(dig(autotuning, "powerTarget"))
        found.numbers[NumberKey.POWER_TARGET] = Number(value, *power, step=1.0, unit="W")
    hashrate = _bounds(dig(meta, "hashrateTarget"), ths=True)
    if hashrate is not None:
        value = to_float(dig(autotuning, "hashrateTarget"))
        step = to_float(dig(meta, "hashrateTarget", "step")) or 0.1
        found.numbers[NumberKey.HASHRATE_TARGET] = Number(value, *hashrate, step=step, unit="TH/s")
    modes = tuple(
        dict.fromkeys(_TUNER_MODES[m] for m in names(dig(meta, "modes")) if m in _TUNER_MODES)
    )
    if modes:
        current = _TUNER_MODES.get(str(dig(autotuning, "mode")))
        found.choices[ChoiceKey.PERFORMANCE_MODE] = Choice(current, modes)
    cooling = cooling_choice(data)
    if cooling is not None:
        found.choices[ChoiceKey.COOLING_MODE] = cooling
    return found


def names(value: Any) -> list[str]:
    return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []


def cooling_choice(data: Any) -> Choice | None:
    cfg = config(data)
    mode = text(dig(cfg, "tempControl", "mode"))
    if mode is None:
        return None
    allowed = dig(data, "bosminer", "metadata", "tempControl", "allowedModes")
    if isinstance(allowed, list):  # 25.03 on
        options = tuple(dict.fromkeys(_COOLING[m] for m in names(allowed) if m in _COOLING))
        current = _COOLING.get(mode)
    else:  # to 24.09: immersion is a fan-control flag beside AUTO / MANUAL
        immersion = dig(cfg, "fanControl", "immersionModeEnabled")
        options = (CoolingMode.AUTO, CoolingMode.MANUAL)
        if isinstance(immersion, bool):
            options += (CoolingMode.IMMERSION,)
        current = CoolingMode.IMMERSION if immersion is True else _COOLING.get(mode)
    if not options:
        return None
    return Choice(current if current in options else None, options)


def _bounds(meta: Any, *, ths: bool = False) -> tuple[float, float] | None:
    """(min, max) of a target's metadata; None unless both are numbers, min ≤ max."""
    low, high = to_float(dig(meta, "min")), to_float(dig(meta, "max"))
    if low is None or high is None or low > high or low < 0:
        return None
    if ths:
        unit = str(dig(meta, "unit") or "TH")
        low_ths, high_ths = to_ths(low, unit), to_ths(high, unit)
        if low_ths is None or high_ths is None:
            return None
        return low_ths, high_ths
    return low, high


def is_mining(work_solver: Any) -> bool | None:
    """Hashing now (the 5-second rate above 0); None without a rate."""
    found = mhs(dig(work_solver, "realHashrate", "mhs5S"))
    if found is None:
        found = rate(work_solver)
    return None if found is None else found > 0
