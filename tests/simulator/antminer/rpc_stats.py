"""The `stats` RPC reply: the classic two-element STATS of both firmware generations and
the new-API shape (STATS[0].chain[]) of the modern one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import ModelSpec
from .rpc_replies import Reply, header, is_old, status
from .state import MinerState
from .telemetry import Board, Snapshot


def _fan_fields(spec: ModelSpec, snap: Snapshot) -> dict[str, int]:
    fields = {"fan_num": spec.fans}
    speeds = dict(zip(spec.fan_slots, snap.fans, strict=True))
    for n in range(1, spec.fan_slot_count + 1):
        fields[f"fan{n}"] = speeds.get(n, 0)
    return fields


def _modern_classic_stats(spec: ModelSpec, snap: Snapshot) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "STATS": 0,
        "ID": "BTM_SOC0",
        "Elapsed": snap.elapsed,
        "Calls": 0,
        "Wait": 0,
        "Max": 0,
        "Min": 99999999,
        "GHS 5s": snap.total_gh,
        "GHS av": snap.total_gh,
        "rate_30m": snap.total_gh,
        "Mode": 2,
        "miner_count": spec.boards,
        "frequency": spec.frequency if snap.hashing else 0,
        **_fan_fields(spec, snap),
        "temp_num": spec.boards,
    }
    slots = range(spec.first_chain, spec.first_chain + spec.boards + 1)
    boards = {spec.first_chain + b.index: b for b in snap.boards}
    chains = _Chains(entry, slots, boards)
    for n, board in boards.items():
        entry[f"temp{n}"] = board.pcb_max
        entry[f"temp2_{n}"] = board.chip_max
    for n in slots:
        present = boards.get(n)
        for key in ("temp_pcb", "temp_chip", "temp_pic"):
            temps = getattr(present, key) if present else (0, 0, 0, 0)
            entry[f"{key}{n}"] = "-".join(map(str, temps))
    entry |= {
        "total_rateideal": snap.ideal_gh,
        "rate_unit": "GH",
        "total_freqavg": spec.frequency if snap.hashing else 0,
        "total_acn": spec.boards * spec.chips_per_board,
        "total rate": snap.total_gh,
        "temp_max": 0,
        "no_matching_work": 0,
    }
    chains.put("chain_acn", lambda b: b.chips, 0)
    chains.put("chain_acs", lambda b: chip_states(b.chips, 3), "")
    chains.put("chain_hw", lambda b: 0, 0)
    chains.put("chain_rate", lambda b: f"{b.rate_gh:.2f}", "")
    chains.put("freq", lambda b: b.frequency, 0)
    entry |= {
        "miner_version": spec.miner_version,
        "miner_id": "no miner id now",
    }
    return entry


class _Chains:
    """Writes `{key}{n}` for every chain slot n of a classic stats entry."""

    def __init__(self, entry: dict[str, Any], slots: range, boards: dict[int, Board]) -> None:
        self.entry, self.slots, self.boards = entry, slots, boards

    def put(self, key: str, value: Callable[[Board], Any], empty: Any) -> None:
        for n in self.slots:
            board = self.boards.get(n)
            self.entry[f"{key}{n}"] = value(board) if board is not None else empty


def chip_states(chips: int, group: int) -> str:
    """Chip status string: one 'o' per healthy chip, grouped by `group` (" ooo ooo ...")."""
    full, rest = divmod(chips, group)
    parts = ["o" * group] * full + (["o" * rest] if rest else [])
    return " " + " ".join(parts)


def _old_classic_stats(spec: ModelSpec, snap: Snapshot) -> dict[str, Any]:
    ghs = snap.total_gh
    entry: dict[str, Any] = {
        "STATS": 0,
        "ID": "BC50",
        "Elapsed": snap.elapsed,
        "Calls": 0,
        "Wait": 0.0,
        "Max": 0.0,
        "Min": 99999999.0,
        "GHS 5s": f"{ghs:.2f}",
        "GHS av": ghs,
        "miner_count": spec.boards,
        "frequency": str(spec.frequency),
        **_fan_fields(spec, snap),
        "temp_num": spec.boards,
    }
    boards = {spec.first_chain + b.index: b for b in snap.boards}
    slots = range(1, 17)
    chains = _Chains(entry, slots, boards)
    chains.put("temp", lambda b: b.pcb_max, 0)
    chains.put("temp2_", lambda b: b.chip_max, 0)
    chains.put("temp3_", lambda b: 0, 0)
    chains.put("freq_avg", lambda b: float(b.frequency), 0.0)
    entry |= {
        "total_rateideal": snap.ideal_gh,
        "total_freqavg": float(spec.frequency if snap.hashing else 0),
        "total_acn": spec.boards * spec.chips_per_board,
        "total_rate": ghs,
    }
    chains.put("chain_rateideal", lambda b: b.ideal_gh, 0.0)
    entry |= {
        "temp_max": max((b.chip_max for b in snap.boards), default=0),
        "Device Hardware%": 0.0,
        "no_matching_work": 0,
    }
    chains.put("chain_acn", lambda b: b.chips, 0)
    chains.put("chain_acs", lambda b: chip_states(b.chips, 8), "")
    chains.put("chain_hw", lambda b: 0, 0)
    chains.put("chain_rate", lambda b: f"{b.rate_gh:.2f}", "")
    entry["miner_version"] = spec.miner_version
    return entry


def stats(spec: ModelSpec, snap: Snapshot) -> Reply:
    msg = "BMMiner stats" if is_old(spec) else "CGMiner stats"
    second = _old_classic_stats(spec, snap) if is_old(spec) else _modern_classic_stats(spec, snap)
    return {"STATUS": status(spec, 70, msg), "STATS": [header(spec), second], "id": 1}


def new_api_stats(spec: ModelSpec, state: MinerState, snap: Snapshot) -> dict[str, Any]:
    """STATS[0] of the new-API stats (RPC `new_api` and web stats.cgi)."""
    return {
        "elapsed": snap.elapsed,
        "rate_5s": snap.total_gh,
        "rate_avg": snap.total_gh,
        "rate_30m": snap.total_gh,
        "rate_ideal": snap.ideal_gh,
        "rate_unit": "GH",
        "chain_num": spec.boards,
        "fan_num": spec.fans,
        "fan": list(snap.fans),
        "hwp_total": 0.0,
        "miner-mode": state.work_mode,
        "freq-level": state.freq_level,
        "chain": [
            {
                "index": b.index,
                "freq_avg": b.frequency,
                "rate_ideal": b.ideal_gh,
                "rate_real": b.rate_gh,
                "asic_num": b.chips,
                "temp_pic": list(b.temp_pic),
                "temp_pcb": list(b.temp_pcb),
                "temp_chip": list(b.temp_chip),
                "hw": 0,
                "eeprom_loaded": True,
                "sn": b.serial,
                "hwp": 0.0,
            }
            for b in snap.boards
        ],
    }


def stats_new_api(spec: ModelSpec, state: MinerState, snap: Snapshot) -> Reply:
    return {
        "STATUS": status(spec, 70, "CGMiner stats"),
        "STATS": [new_api_stats(spec, state, snap)],
        "id": 1,
    }
