"""Simulated Whatsminers: the in-process API, quirks, web identification, faults, CLI."""

from __future__ import annotations

import asyncio
import json
import re
import ssl
import sys

import aiohttp
import pytest

from tests.simulator import MODELS, QUIRKS, Fault, Fleet, SimulatedMiner
from tests.simulator.whatsminer.miner import WhatsminerMiner

from .conftest import MinerFactory
from .wm_client import v2, v2_raw, v3_call

NOMINAL = {
    # model: (name, api, TH/s nominal, boards, chips per board, fans)
    "whatsminer-m30s+": ("Whatsminer M30S+", 2, 100.0, 3, 156, 2),
    "whatsminer-m50s": ("Whatsminer M50S", 2, 126.0, 3, 156, 2),
    "whatsminer-m56s": ("Whatsminer M56S", 2, 212.0, 4, 152, 0),
    "whatsminer-m60s": ("Whatsminer M60S", 3, 186.0, 3, 245, 2),
    "whatsminer-m66s": ("Whatsminer M66S", 3, 298.0, 3, 384, 0),
}


def test_every_whatsminer_model_is_listed() -> None:
    assert sorted(m for m in MODELS if m.startswith("whatsminer-")) == sorted(NOMINAL)


@pytest.mark.parametrize("model", list(NOMINAL))
def test_nominal_figures(model: str) -> None:
    sim = SimulatedMiner(model, "127.0.6.9")
    assert isinstance(sim, WhatsminerMiner)
    assert isinstance(sim, SimulatedMiner)
    name, api, nominal, boards, chips, fans = NOMINAL[model]
    assert sim.model_name == name
    assert sim.api_version == api
    assert sim.expected_hashrate_ths == nominal
    assert nominal * 0.99 < sim.hashrate_ths < nominal
    assert (sim.board_count, sim.chips_per_board, sim.fan_count) == (boards, chips, fans)
    assert len(sim.fan_speeds) == fans
    assert re.fullmatch(r"([0-9A-F]{2}:){5}[0-9A-F]{2}", sim.mac)
    state = sim.state
    assert (state.mining, state.fault_light, state.power_mode) == (True, False, "normal")
    assert (state.write_api_enabled, state.password) == (False, "admin")
    low, high = MODELS[model].power_limit_range  # type: ignore[attr-defined]
    assert state.power_limit == high > low
    assert sim.hashrate_ths == SimulatedMiner(model, "127.0.6.9").hashrate_ths  # deterministic


def test_antminers_report_no_whatsminer_api() -> None:
    assert SimulatedMiner("antminer-s19pro", "127.0.6.9").api_version is None


def test_options() -> None:
    sim = SimulatedMiner("whatsminer-m50s", "127.0.6.9", password="s3cret", write_api=True)
    assert sim.password == sim.state.password == "s3cret"
    assert sim.state.password_changed is True
    assert sim.state.write_api_enabled is True
    assert SimulatedMiner("whatsminer-m50s", "127.0.6.9").state.password_changed is False
    with pytest.raises(ValueError, match="unknown model"):
        SimulatedMiner("whatsminer-m99", "127.0.6.9")
    with pytest.raises(ValueError, match="loopback"):
        SimulatedMiner("whatsminer-m50s", "10.0.0.1")


def test_clock_moves_uptime() -> None:
    sim = SimulatedMiner("whatsminer-m50s", "127.0.6.9")
    before = sim.snapshot().uptime
    sim.clock.advance(600)
    assert sim.snapshot().uptime >= before + 600
    with pytest.raises(ValueError, match="forward"):
        sim.clock.advance(-1)


def test_state_drives_the_readings() -> None:
    sim = SimulatedMiner("whatsminer-m50s", "127.0.6.9")
    full = sim.hashrate_ths
    sim.state.power_mode = "high"
    assert sim.hashrate_ths > full
    sim.state.power_mode = "normal"
    sim.state.power_limit = 2000
    assert sim.hashrate_ths < full
    assert sim.power_watts <= 2000
    sim.state.mining = False
    assert sim.hashrate_ths == 0


async def test_mixed_fleet(start_whatsminer: MinerFactory) -> None:
    spec = "antminer-s9@127.0.6.251,whatsminer-m56s@127.0.6.252"
    async with Fleet.from_spec(spec, write_api=True, reboot_seconds=0.2) as fleet:
        wm = fleet["127.0.6.252"]
        assert wm.state.write_api_enabled is True  # type: ignore[attr-defined]
        assert fleet["127.0.6.251"].password == "root"
        assert wm.password == "admin"
        assert (await v2(wm.address, {"cmd": "devdetails"}))["DEVDETAILS"][3]["ID"] == 3


# ----------------------------------------------------------------------------- quirks
def test_whatsminer_quirks_are_listed() -> None:
    assert set(QUIRKS) >= {"trailing-comma", "newline", "temp0-missing-comma", "error-code-dict"}


def repaired(data: bytes) -> dict[str, object]:
    """What tolerant clients do to Whatsminer replies (protocols.md §1)."""
    text = data.decode().replace(",}", "}").replace("\n", "").replace('""temp0', '","temp0')
    if re.search(r"\"error_code\":\[\".+\"\]", text):
        text = text.replace("[", "{").replace("]", "}")
    value: dict[str, object] = json.loads(text)
    return value


@pytest.mark.parametrize(
    ("quirk", "command", "marker"),
    [
        ("trailing-comma", "summary", b",}"),
        ("newline", "get_version", b"\n"),
        ("temp0-missing-comma", "edevs", b'""temp0'),
        ("error-code-dict", "get_error_code", b'"error_code":["'),
    ],
)
async def test_quirks(
    start_whatsminer: MinerFactory, quirk: str, command: str, marker: bytes
) -> None:
    sim = await start_whatsminer(quirks=(quirk,))
    sim.state.error_codes = {"110": "2025-01-02 03:04:05", "111": "2025-01-02 03:04:06"}
    data = await v2_raw(sim.address, {"cmd": command})
    assert marker in data
    with pytest.raises(json.JSONDecodeError):
        json.loads(data)
    assert repaired(data)
    clean = await start_whatsminer(quirks=())
    clean.state.error_codes = dict(sim.state.error_codes)
    json.loads(await v2_raw(clean.address, {"cmd": command}))


async def test_m30s_plus_defaults_to_the_api_2_0_4_error_list(
    start_whatsminer: MinerFactory,
) -> None:
    sim = await start_whatsminer("whatsminer-m30s+")
    sim.state.error_codes = {"530": "2025-01-02 03:04:05"}
    data = await v2_raw(sim.address, {"cmd": "get_error_code"})
    assert b'"error_code":["530":"2025-01-02 03:04:05"]' in data
    assert repaired(data)["Msg"] == {"error_code": {"530": "2025-01-02 03:04:05"}}


# ----------------------------------------------------------------------------- web
async def test_web_redirects_to_luci(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer()
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://{sim.address}/", allow_redirects=False) as resp:
            assert resp.status == 307
            assert resp.headers["Location"] == f"https://{sim.address}/"
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        async with session.get(f"http://{sim.address}/", ssl=context) as resp:
            assert resp.history[0].status == 307
            assert str(resp.url).startswith("https://")
            assert "/cgi-bin/luci" in await resp.text()


# ----------------------------------------------------------------------------- faults
async def test_faults_on_4028(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer()
    full = await v2_raw(sim.address, {"cmd": "summary"})
    sim.set_fault(Fault.TRUNCATED)
    cut = await v2_raw(sim.address, {"cmd": "summary"})
    assert full.startswith(cut)
    assert len(cut) < len(full)
    sim.clear_faults()
    sim.set_fault(Fault.DROP)
    with pytest.raises(ConnectionResetError):
        await v2_raw(sim.address, {"cmd": "summary"})
    sim.clear_faults()
    sim.set_fault(Fault.GARBAGE)
    with pytest.raises((json.JSONDecodeError, UnicodeDecodeError)):
        json.loads(await v2_raw(sim.address, {"cmd": "summary"}))
    sim.clear_faults()
    sim.set_fault(Fault.SILENCE, protocol="rpc")
    with pytest.raises(TimeoutError):
        await v2_raw(sim.address, {"cmd": "summary"}, limit=0.3)
    sim.clear_faults()
    sim.set_fault(Fault.DELAY, seconds=0.3, protocol="rpc")
    loop = asyncio.get_running_loop()
    started = loop.time()
    await v2_raw(sim.address, {"cmd": "summary"})
    assert loop.time() - started >= 0.3
    sim.clear_faults()


async def test_offline_and_back(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer("whatsminer-m60s")
    sim.state.fault_light = True
    await sim.go_offline()
    assert sim.online is False
    for port in (4028, 4433, 80, 443):
        with pytest.raises(ConnectionRefusedError):
            await asyncio.open_connection(sim.address, port)
    await sim.come_back()
    assert sim.state.fault_light is True  # state kept
    assert (await v3_call(sim.address, {"cmd": "get.device.info"}))["code"] == 0
    assert (await v2(sim.address, {"cmd": "status"}))["Code"] == 131


# ----------------------------------------------------------------------------- CLI
async def test_cli_serves_a_whatsminer() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.simulator",
        "--miners",
        "whatsminer-m50s@127.0.6.253,whatsminer-m60s@127.0.6.254",
        "--write-api",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 20)
        assert line.strip() == b"ready"
        summary = await v2("127.0.6.253", {"cmd": "summary"})
        assert summary["SUMMARY"][0]["Factory GHS"] == 126000
        info = await v3_call("127.0.6.254", {"cmd": "get.device.info", "param": "system"})
        assert info["msg"]["system"]["apiswitch"] == "1"
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 0
