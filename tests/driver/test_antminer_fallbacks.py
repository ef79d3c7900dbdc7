"""Stock Antminer replies the simulator does not produce, fed by a tiny in-test RPC server."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable

import pytest

from custom_components.asic_miner.driver.backends.antminer.backend import AntminerModern

from .conftest import next_address

OK = [{"STATUS": "S", "When": 1, "Code": 70, "Msg": "CGMiner stats"}]

# X19 build without new_api: boards only in the classic stats, temperatures as "a-b-c-d".
CLASSIC_STATS = {
    "STATUS": OK,
    "STATS": [
        {"BMMiner": "1.0.0", "Type": "Antminer S19 Pro"},
        {
            "Elapsed": 3600,
            "total_rateideal": 110.0,
            "rate_unit": "TH",
            "fan1": 5400,
            "fan2": 5460,
            "fan3": 5400,
            "fan4": 5460,
            **{f"chain_acn{i}": 114 for i in (1, 2, 3)},
            "chain_acn4": 0,
            "chain_rate1": "36500.12",
            "chain_rate2": "36400.50",
            "chain_rate3": "",
            "temp_pcb1": "44-42-61-59",
            "temp_pcb2": "45-43-62-60",
            "temp_pcb3": "0-0-0-0",
            "temp_chip1": "50-48-67-65",
            "temp_chip2": "51-49-68-66",
            "temp_chip3": "0-0-0-0",
        },
    ],
    "id": 1,
}
SUMMARY = {"STATUS": OK, "SUMMARY": [{"Elapsed": 3600, "GHS 5s": "72,900.62"}], "id": 1}
POOLS = {"STATUS": OK, "POOLS": [], "id": 1}
VERSION = {"STATUS": OK, "VERSION": [{"API": "3.1", "Type": "Antminer S19 Pro"}], "id": 1}
INVALID = {"STATUS": [{"STATUS": "E", "Code": 14, "Msg": "Invalid command"}], "id": 1}


def classic_firmware(request: dict[str, object]) -> dict[str, object]:
    if request.get("new_api"):
        return INVALID
    parts = {"version": VERSION, "summary": SUMMARY, "pools": POOLS, "stats": CLASSIC_STATS}
    names = str(request["command"]).split("+")
    if len(names) == 1:
        return parts.get(names[0], INVALID)
    return {name: [parts[name]] for name in names} | {"id": 1}


@contextlib.asynccontextmanager
async def rpc_only_miner(
    answer: Callable[[dict[str, object]], dict[str, object]],
    requests: list[dict[str, object]] | None = None,
) -> AsyncIterator[str]:
    """A miner whose RPC answers from ``answer`` and whose web port is closed."""
    address = next_address()
    seen = requests if requests is not None else []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = json.loads(await reader.read(4096))
        seen.append(request)
        writer.write(json.dumps(answer(request)).encode() + b"\x00")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, address, 4028)
    try:
        yield address
    finally:
        server.close()
        await server.wait_closed()


async def test_boards_from_classic_stats_when_new_api_is_missing() -> None:
    requests: list[dict[str, object]] = []
    async with (
        rpc_only_miner(classic_firmware, requests) as address,
        AntminerModern(address, model="S19 Pro", timeout=2) as miner,
    ):
        data = await miner.get_data()
    assert data.hashrate == pytest.approx(72.9006, abs=0.001)  # "72,900.62" GH/s
    assert data.expected_hashrate == 110.0  # rate_unit TH: no conversion
    assert data.uptime == 3600
    assert [f.speed for f in data.fans] == [5400, 5460, 5400, 5460]
    assert [b.hashrate for b in data.hashboards] == [
        pytest.approx(36.5001),
        pytest.approx(36.4005),
        None,
    ]  # chain_rate "36500.12", "36400.50" GH/s
    assert [b.temp for b in data.hashboards] == [61, 62, None]
    assert [b.chip_temp for b in data.hashboards] == [67, 68, None]
    assert [b.chips for b in data.hashboards] == [114, 114, 114]
    assert not any(b.missing for b in data.hashboards)
    # The web is closed: what only the web knows is unknown, not invented.
    assert (data.mac, data.fault_light, data.errors) == (None, None, [])
    assert data.is_mining is True  # from the hashrate, without the config
    # One poll, one RPC request: the new-API board list is stats.cgi's (the web is closed).
    assert requests == [{"command": "version+summary+pools+stats"}]


async def test_a_dead_board_is_reported_missing() -> None:
    def one_board_dead(request: dict[str, object]) -> dict[str, object]:
        reply = classic_firmware(request)
        stats = reply.get("stats")
        if isinstance(stats, list):
            figures = json.loads(json.dumps(stats[0]))
            figures["STATS"][1]["chain_acn2"] = 0
            figures["STATS"][1]["chain_rate2"] = ""
            reply = {**reply, "stats": [figures]}
        return reply

    async with (
        rpc_only_miner(one_board_dead) as address,
        AntminerModern(address, model="S19 Pro", timeout=2) as miner,
    ):
        data = await miner.get_data()
    assert [b.missing for b in data.hashboards] == [False, True, False]
    assert data.total_chips == 228
    assert data.expected_chips == 342
