"""Hiveon's RPC replies: the stock BMMiner replies with what Hiveon writes differently
(captures.py: the version block's BMMiner tag, per-chain power and chain extras, Hive's fee
pools)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import quirks
from ..antminer import rpc_api, rpc_text
from ..antminer.rpc_replies import Reply
from ..antminer.rpc_stats import chip_states
from ..rpc_server import parse_request
from . import captures
from .models import EXTRAS

if TYPE_CHECKING:
    from .miner import HiveonSim

_CHAINS = range(1, 17)


def _version(miner: HiveonSim, reply: Reply) -> None:
    for item in reply.get("VERSION") or ():
        item["BMMiner"] = EXTRAS[miner.model].bmminer


def _stats(miner: HiveonSim, reply: Reply) -> None:
    stats = reply.get("STATS") or []
    if len(stats) < 2:
        return
    stats[0]["BMMiner"] = EXTRAS[miner.model].bmminer
    figures: dict[str, Any] = stats[1]
    if EXTRAS[miner.model].t9_chains:
        _spread_over_t9_chains(figures)
    watts_per_gh = EXTRAS[miner.model].watts_per_ths / 1000
    present = [n for n in _CHAINS if figures.get(f"chain_acn{n}")]
    version = figures.pop("miner_version")
    for key, value in captures.S9_CHAIN_EXTRAS.items():
        figures |= {f"{key}{n}": value for n in present}
    figures["miner_version"] = version
    power = {n: _rate(figures.get(f"chain_rate{n}")) * watts_per_gh for n in _CHAINS}
    figures |= {f"chain_power{n}": round(power[n], 2) for n in _CHAINS}
    figures["chain_power"] = f"{sum(power.values()):.2f} (AB)"


def _spread_over_t9_chains(figures: dict[str, Any]) -> None:
    """Each board, simulated on the first chain of its group, as three equal chains."""
    for chains in captures.T9_CHAINS:
        first = chains[0]
        chips = int(figures[f"chain_acn{first}"]) // len(chains)
        rate = _rate(figures[f"chain_rate{first}"]) / len(chains)
        ideal = _rate(figures[f"chain_rateideal{first}"]) / len(chains)
        copied = {key: figures[f"{key}{first}"] for key in ("temp", "temp2_", "temp3_", "freq_avg")}
        for n in chains:
            figures |= {f"{key}{n}": value for key, value in copied.items()}
            figures[f"chain_acn{n}"] = chips
            figures[f"chain_acs{n}"] = chip_states(chips, 8) if chips else ""
            figures[f"chain_rate{n}"] = round(rate, 2)
            figures[f"chain_rateideal{n}"] = round(ideal, 2)
    spread = sum(len(chains) for chains in captures.T9_CHAINS)
    figures["miner_count"] = figures["temp_num"] = spread


def _pools(reply: Reply) -> None:
    entries: list[dict[str, Any]] = reply.get("POOLS") or []
    if not entries:
        return
    template = entries[-1]
    for position, fee in enumerate(captures.FEE_POOLS, start=len(entries)):
        entries.append(
            template
            | fee
            | {"POOL": position, "Status": "Alive", "Stratum Active": True, "Accepted": 0}
        )
    reply["STATUS"][0]["Msg"] = f"{len(entries)} Pool(s)"


def _rate(value: Any) -> float:
    try:
        return float(value)
    except TypeError, ValueError:
        return 0.0  # "" for a chain that is not there


def _hiveon(miner: HiveonSim, name: str, reply: Reply) -> None:
    match name:
        case "version":
            _version(miner, reply)
        case "stats":
            _stats(miner, reply)
        case "pools":
            _pools(reply)


def reply_for(miner: HiveonSim, request: dict[str, Any] | None) -> Reply:
    reply = rpc_api.reply_for(miner, request)
    command = request.get("command") if isinstance(request, dict) else None
    names = command.strip().split("+") if isinstance(command, str) else []
    if len(names) == 1:
        _hiveon(miner, names[0], reply)
    for name in names if len(names) > 1 else ():
        for part in reply.get(name) or ():
            _hiveon(miner, name, part)
    return reply


def answer(miner: HiveonSim, request: dict[str, Any] | None) -> bytes:
    return quirks.encode(reply_for(miner, request), miner.quirks)


def answer_raw(miner: HiveonSim, data: bytes) -> bytes | None:
    """As the stock BMMiner: JSON in JSON, ``command|parameter`` in the text form."""
    is_json = data.lstrip(b"\x00 \t\r\n").startswith(b"{")
    if is_json and "plain-text-only" in miner.quirks:
        return None
    request = parse_request(data)
    if is_json or request is None:
        return answer(miner, request)
    return rpc_text.encode(reply_for(miner, request), miner.quirks)
