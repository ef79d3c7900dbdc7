"""The simulated MARA miner speaks the protocol as captured: every path behind the
"antMiner" digest realm, /kaonsu/v1/ reads shaped as the KS5 Pro captures (mining, and
asleep once its work mode is Sleep), the S19 XP's in the same keys and types with its own
hardware (the model table's), miner_config written back as sent (and refused when
malformed), the locate light, maintenance reboot and reload, no RPC on 4028, and the
faults of the shared lifecycle. Simulated miners on 127.0.100.60-99."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest

from custom_components.asic_miner.driver.models import lookup
from tests.simulator.families import make_miner
from tests.simulator.faults import GARBAGE_BYTES, Fault
from tests.simulator.marathon import MaraSim, captures
from tests.simulator.marathon.testing import KS5PRO, S19XP, StartMara, addresses, mara_fixture

start_mara = mara_fixture(addresses(100, 60, 99))


async def call(
    sim: MaraSim, method: str, name: str, body: Any = None, password: str = "root"
) -> tuple[int, bytes]:
    auth = aiohttp.DigestAuthMiddleware("root", password)
    async with (
        aiohttp.ClientSession(middlewares=(auth,)) as session,
        session.request(method, f"http://{sim.address}/kaonsu/v1/{name}", json=body) as answer,
    ):
        return answer.status, await answer.read()


async def read(sim: MaraSim, name: str) -> Any:
    status, body = await call(sim, "GET", name)
    assert status == 200
    return json.loads(body)


async def test_every_path_is_behind_the_antminer_digest_realm(start_mara: StartMara) -> None:
    sim = await start_mara()
    async with aiohttp.ClientSession() as session, session.get(f"http://{sim.address}/") as page:
        assert page.status == 401
        assert 'realm="antMiner' in page.headers["WWW-Authenticate"]
    assert (await call(sim, "GET", "brief", password="wrong"))[0] == 401
    assert (await call(sim, "GET", "no-such-read"))[0] == 404


async def test_reads_are_the_captured_replies(start_mara: StartMara) -> None:
    sim = await start_mara()
    brief = await read(sim, "brief")
    assert brief.keys() == captures.MINING_BRIEF.keys()
    assert brief["elapsed"] >= captures.MINING_BRIEF["elapsed"]
    boards = await read(sim, "hashboards")
    serials = [b.pop("serial_number") for b in boards["hashboards"]]  # left out by the capture
    assert boards == captures.MINING_HASHBOARDS
    assert serials == ["", *sim.state.serials[1:]]  # board 0 not present
    assert await read(sim, "fans") == captures.MINING_FANS
    overview = await read(sim, "overview")
    assert overview == {**captures.OVERVIEW, "mac": sim.mac}
    sim.state.work_mode = "Sleep"
    assert {**(await read(sim, "brief")), "elapsed": 264} == captures.SLEEP_BRIEF
    assert await read(sim, "fans") == captures.SLEEP_FANS


def _shape(value: Any) -> Any:
    """The keys and types of a reply, its figures left out (lists by their first item)."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


@pytest.mark.parametrize("asleep", [False, True])
async def test_the_s19xp_answers_in_the_captured_shape_with_its_own_hardware(
    start_mara: StartMara, asleep: bool
) -> None:
    sim = await start_mara(S19XP)
    if asleep:
        sim.state.work_mode = "Sleep"
    brief, boards, fans = [await read(sim, n) for n in ("brief", "hashboards", "fans")]
    captured = (
        (captures.SLEEP_BRIEF, captures.SLEEP_HASHBOARDS, captures.SLEEP_FANS)
        if asleep
        else (captures.MINING_BRIEF, captures.MINING_HASHBOARDS, captures.MINING_FANS)
    )
    present = [b for b in captured[1]["hashboards"] if b["present"]]
    assert _shape(brief) == _shape(captured[0])
    assert _shape(boards["hashboards"][0]) == {**_shape(present[0]), "serial_number": "str"}
    assert _shape(fans) == _shape(captured[2])
    row = lookup("S19 XP")
    assert row is not None
    assert boards["hashboard_num_ideal"] == row.boards == len(boards["hashboards"])
    assert {b["asic_num_ideal"] for b in boards["hashboards"]} == {row.chips_per_board}
    assert all(b["present"] for b in boards["hashboards"])
    assert len(fans["fans"]) == row.fans
    assert brief["hashrate_sales"] == row.hashrate_ths * 1000  # GH/s, as the capture's unit
    assert sim.state.power_target == row.power_max_w
    if not asleep:
        rate = sum(b["hashrate_realtime_10m"] for b in boards["hashboards"])
        assert brief["hashrate_realtime"] == pytest.approx(rate, rel=0.01)
        assert brief["power_consumption_estimated"] == round(
            sum(b["power_consumption_estimated"] for b in boards["hashboards"])
        )
        assert brief["indicator"] == "Fully functional"  # no board missing
    overview = await read(sim, "overview")
    assert (overview["model"], overview["model_extended"]) == (
        "Antminer S19 XP",
        "Antminer S19 XP (140.0TH)",
    )


async def test_miner_config_is_written_back_as_sent(start_mara: StartMara) -> None:
    sim = await start_mara()
    config = await read(sim, "miner_config")
    config["mode"]["work-mode-selector"] = "Sleep"
    config["mode"]["concorde"]["power-target"] = 2700
    assert json.loads((await call(sim, "POST", "miner_config", config))[1]) == {"error": False}
    assert await read(sim, "miner_config") == config
    assert (await read(sim, "brief"))["status"] == "Sleep"
    for broken in ({}, {"mode": {"work-mode-selector": "Turbo"}}, {**config, "pools": [{}]}):
        answer = json.loads((await call(sim, "POST", "miner_config", broken))[1])
        assert answer["error"] is True
    assert await read(sim, "miner_config") == config


async def test_locate_and_maintenance(start_mara: StartMara) -> None:
    sim = await start_mara(reboot_seconds=0.2)
    status, body = await call(sim, "POST", "locate_miner", {"blinking": True})
    assert status == 200
    assert json.loads(body) == {"blinking": True}
    assert await read(sim, "locate_miner") == {"blinking": True}
    assert json.loads((await call(sim, "POST", "locate_miner", {}))[1])["error"] is True
    assert json.loads((await call(sim, "POST", "maintenance", {"type": "reload"}))[1]) == {
        "error": False
    }
    assert sim.state.reloads == 1
    assert json.loads((await call(sim, "POST", "maintenance", {"type": "x"}))[1])["error"]
    await call(sim, "POST", "maintenance", {"type": "reboot"})
    await asyncio.sleep(0.15)
    assert not sim.online
    async with asyncio.timeout(3):
        while not sim.online:  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)
    assert (await read(sim, "brief"))["elapsed"] < 5
    assert (await read(sim, "locate_miner")) == {"blinking": False}


async def test_no_rpc_and_the_shared_faults(start_mara: StartMara) -> None:
    sim = await start_mara()
    with pytest.raises(ConnectionRefusedError):
        await asyncio.open_connection(sim.address, 4028)
    sim.set_fault(Fault.GARBAGE)
    assert (await call(sim, "GET", "brief"))[1] == GARBAGE_BYTES
    sim.clear_faults()
    sim.set_fault(Fault.WRONG_PASSWORD)
    assert (await call(sim, "GET", "brief"))[0] == 401
    sim.clear_faults()
    await sim.go_offline()
    with pytest.raises(aiohttp.ClientConnectorError):
        await call(sim, "GET", "brief")
    await sim.come_back()
    assert (await read(sim, "brief"))["status"] == "Mining"


def test_made_by_the_family_table() -> None:
    sim = make_miner(KS5PRO, "127.0.100.98", password="x", rpc_port=1)  # rpc_port dropped
    assert isinstance(sim, MaraSim)
    assert sim.state.password == "x"
    with pytest.raises(ValueError, match="loopback"):
        MaraSim(KS5PRO, "10.0.0.1")
    with pytest.raises(ValueError, match="unknown model"):
        MaraSim("marathon-s99", "127.0.100.97")
