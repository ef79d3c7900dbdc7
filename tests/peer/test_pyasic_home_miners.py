"""Faithfulness check of the simulated home miners with pyasic, a client used on real ones.

pyasic 0.79.0 identifies each ESP-Miner by the "AxeOS" title of its web page and the ASIC
model of /api/system/info, each Avalon by cgminer's ``version`` (PROD), and reads them with
its own parsers; what it reads must be what the simulator says, in pyasic's units (TH/s,
whole watts). It has no NerdQAxe class (the NerdQAxe++ is left to tests/peer/test_pyasic_rs.py)
and reads no pools from ESP-Miner. Where pyasic reads a field wrongly for the real firmware,
the check is left out and the reason named at the place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.simulator import Fleet

from .peer_helpers import bootstrap, cgminer, mm_tokens, numbers, run_peer, until

PROBE = Path(__file__).with_name("pyasic_home_probe.py")

# ip: (simulator model, pyasic class, pyasic model name)
ESP_MINERS = {
    "127.0.45.10": ("espminer-bitaxe-gamma", "BitAxeGamma", "Gamma"),
    "127.0.45.11": ("espminer-bitaxe-gamma-2.12", "BitAxeGamma", "Gamma"),
    "127.0.45.12": ("espminer-bitaxe-supra-2.4", "BitAxeSupra", "Supra"),
}
AVALONS = {
    "127.0.45.20": ("avalon-nano3s", "CGMinerAvalonNano3s", "Avalon Nano 3s"),
    "127.0.45.21": ("avalon-mini3", "CGMinerAvalonMini3", "Avalon Mini 3"),
    "127.0.45.22": ("avalon-q", "CGMinerAvalonQHome", "Avalon Q Home"),
    "127.0.45.23": ("avalon-a1566", "CGMinerAvalon1566", "Avalon 1566"),
}
# The fans pyasic's model rows expect (it reads Fan1..FanN): the Q reports four (asic-rs
# test/json/stats.json, a real Q: Fan1..Fan4), pyasic's AvalonQHome row says 2.
PYASIC_FANS = {"avalon-nano3s": 1, "avalon-mini3": 1, "avalon-q": 2, "avalon-a1566": 2}
UPTIME_SLACK = 2  # seconds between pyasic's read and ours


def spec_of(miners: dict[str, tuple[str, str, str]]) -> str:
    return ",".join(f"{model}@{ip}" for ip, (model, _, _) in miners.items())


def hex_digits(mac: str | None) -> str:
    return (mac or "").replace(":", "").upper()


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def read(python: Path, *ips: str) -> dict[str, Any]:
    seen: dict[str, Any] = await run_peer(python, PROBE, "read", *ips)
    return seen


async def act(python: Path, ip: str, action: str) -> Any:
    return (await run_peer(python, PROBE, "act", ip, action))["result"]


async def test_pyasic_identifies_and_reads_every_esp_miner(pyasic_python: Path) -> None:
    async with Fleet.from_spec(spec_of(ESP_MINERS)) as fleet:
        fleet["127.0.45.11"].state.hostname = "gamma-attic"  # a name the capture lacks
        seen = await read(pyasic_python, *ESP_MINERS)
        for ip, (_, cls, model) in ESP_MINERS.items():
            sim, data = fleet[ip], seen[ip]
            assert data is not None, f"pyasic found no miner at {ip}"
            assert (data["class"], data["make"], data["model"]) == (cls, "BitAxe", model)
            snap = sim.snapshot()
            assert data["hashrate"] == pytest.approx(sim.hashrate_ths, rel=1e-9)
            # pyasic computes it: smallCoreCount x asicCount (from /api/system/asic where
            # info has none) x frequency
            assert data["expected_hashrate"] == pytest.approx(sim.expected_hashrate_ths, rel=1e-9)
            assert data["wattage"] == round(sim.power_watts)  # pyasic rounds to whole watts
            [board] = data["boards"]
            assert board["hashrate"] == pytest.approx(sim.hashrate_ths, rel=1e-9)
            assert board["chips"] == sim.spec.asic_count
            assert board["chip_temp"] == pytest.approx(snap.asic_temp)  # "temp"
            assert board["temp"] == pytest.approx(snap.vr_temp)  # pyasic files "vrTemp" here
            assert data["fans"] == sim.fan_speeds
            assert data["mac"] == sim.mac
            assert data["hostname"] == sim.state.hostname
            assert abs(data["uptime"] - sim.state.uptime()) <= UPTIME_SLACK
            assert data["fw_ver"] == data["api_ver"] == sim.spec.firmware.version


async def test_pyasic_sees_a_paused_bitaxe_hash_nothing(pyasic_python: Path) -> None:
    ip = "127.0.45.13"
    async with Fleet.from_spec(f"espminer-bitaxe-gamma@{ip}") as fleet:
        sim = fleet[ip]
        sim.state.pause()  # POST /api/system/pause (AxeOS v2.14 on); pyasic has no pause
        data = (await read(pyasic_python, ip))[ip]
        assert data["hashrate"] == 0
        assert data["wattage"] == round(sim.power_watts)
        assert data["wattage"] < round(sim.spec.reference_power)
        assert data["expected_hashrate"] == pytest.approx(sim.expected_hashrate_ths)


async def test_pyasic_restarts_a_bitaxe(pyasic_python: Path) -> None:
    ip = "127.0.45.14"
    async with Fleet.from_spec(f"espminer-bitaxe-gamma-2.12@{ip}", reboot_seconds=0.3) as fleet:
        sim = fleet[ip]
        before = sim.state.uptime()
        assert before > 3600  # the capture's uptime: five hours
        assert await act(pyasic_python, ip, "reboot") is True  # POST /api/system/restart
        await until(lambda: sim.state.restarts == 1 and sim.online)
        data = (await read(pyasic_python, ip))[ip]
        assert data["uptime"] < before
        assert abs(data["uptime"] - sim.state.uptime()) <= UPTIME_SLACK


async def test_pyasic_identifies_and_reads_every_avalon(pyasic_python: Path) -> None:
    async with Fleet.from_spec(spec_of(AVALONS)) as fleet:
        fleet["127.0.45.23"].state.fault_light = True
        seen = await read(pyasic_python, *AVALONS)
        for ip, (key, cls, model) in AVALONS.items():
            sim, data = fleet[ip], seen[ip]
            assert data is not None, f"pyasic found no miner at {ip}"
            assert (data["class"], data["make"], data["model"]) == (cls, "AvalonMiner", model)
            live = sim.live()
            mm = mm_tokens(await cgminer(ip, "estats"))
            devs = (await cgminer(ip, "devs"))["DEVS"][0]
            # pyasic's figure is the sum of its boards' (MGHS; GHSspd on the Nano 3S, whose
            # class reads that); underneath, the raw rate of devs "MHS 1m" (MH/s)
            boards = [sim.hashrate_ths] if key == "avalon-nano3s" else sim.board_hashrates_ths
            assert [b["hashrate"] for b in data["boards"]] == pytest.approx(boards, rel=1e-9)
            assert data["hashrate"] == pytest.approx(sum(boards), rel=1e-9)
            raw = sim.hashrate_ths if key == "avalon-nano3s" else devs["MHS 1m"] / 1e6
            assert data["raw_hashrate"] == pytest.approx(raw, rel=1e-9)
            assert data["expected_hashrate"] == pytest.approx(sim.expected_hashrate_ths)
            assert data["wattage_limit"] == live.max_power == int(mm["MPO"])
            # Wall power: PS[6] on the Nano 3S, WALLPOWER on the A-series. pyasic's generic
            # class reads WALLPOWER for the Mini 3 and Q too, which their firmware does not
            # send (asic-rs test/json/stats.json, a real Q: PS[...] only): None, not checked.
            if key in ("avalon-nano3s", "avalon-a1566"):
                assert data["wattage"] == sim.power_watts
            assert len(data["boards"]) == sim.spec.boards
            fans = PYASIC_FANS[key]
            assert data["fans"] == sim.fan_speeds[:fans]
            assert [(p["url"], p["user"]) for p in data["pools"]] == [
                (p.url, p.user) for p in sim.state.pools if p.url
            ]
            assert [p["active"] for p in data["pools"]] == [
                n == sim.state.active_pool for n in range(len(data["pools"]))
            ]
            assert all(p["alive"] for p in data["pools"])
            assert abs(data["uptime"] - sim.uptime) <= UPTIME_SLACK
            assert data["fw_ver"] == sim.spec.version["CGMiner"]
            assert data["api_ver"] == sim.spec.version["API"]
            check_avalon_temps(key, data, live, mm, sim.spec.chips_per_board)
            # MAC: from VERSION. The Mini 3's pyasic reads from the web UI's
            # get_minerinfo.cgi, which the simulator does not serve (left out). The Q's is
            # written with colons (asic-rs test/json/version.json, a real Q); pyasic puts
            # a colon after every two characters of it anyway: only the digits compare.
            if key in ("avalon-nano3s", "avalon-a1566"):
                assert data["mac"] == sim.mac
            if key == "avalon-q":
                assert hex_digits(data["mac"]) == hex_digits(sim.mac)
        a1566 = seen["127.0.45.23"]
        assert a1566["fault_light"] is True  # Led[1] of the A-series estats
        assert a1566["env_temp"] == fleet["127.0.45.23"].live().inlet  # Temp[...]


def check_avalon_temps(
    key: str, data: dict[str, Any], live: Any, mm: dict[str, str], chips: int
) -> None:
    boards = data["boards"]
    if key == "avalon-a1566":  # per board: MTmax (chip, board, outlet), MTavg (inlet)
        assert [b["chip_temp"] for b in boards] == numbers(mm["MTmax"])
        assert [b["inlet_temp"] for b in boards] == numbers(mm["MTavg"])
        assert [b["chips"] for b in boards] == [chips] * len(boards)
        return
    [board] = boards
    assert board["chip_temp"] == live.chip_max  # TMax
    assert board["temp"] == live.chip_avg  # TAvg
    if key == "avalon-q":
        assert board["inlet_temp"] == live.board_temp  # HBITemp
        assert board["outlet_temp"] == live.outlet  # HBOTemp
    if key != "avalon-mini3":  # the Mini 3 carries no per-chip PVT_T0 (no capture has one)
        assert board["chips"] == chips


async def test_pyasic_switches_the_a1566_fault_light(pyasic_python: Path) -> None:
    ip = "127.0.45.30"
    async with Fleet.from_spec(f"avalon-a1566@{ip}") as fleet:
        sim = fleet[ip]
        assert await act(pyasic_python, ip, "fault_light_on") is True  # ascset|0,led,1-1
        assert sim.state.fault_light is True
        assert (await read(pyasic_python, ip))[ip]["fault_light"] is True
        assert await act(pyasic_python, ip, "fault_light_off") is True
        assert sim.state.fault_light is False


async def test_pyasic_stops_and_resumes_an_avalon_q(pyasic_python: Path) -> None:
    ip = "127.0.45.31"
    async with Fleet.from_spec(f"avalon-q@{ip}") as fleet:
        sim = fleet[ip]
        # ascset|0,softoff,1:<now + 5 s>: the Q takes the time and goes idle then
        asked = int(sim.clock.time())
        assert await act(pyasic_python, ip, "stop_mining") is True
        assert asked + 5 <= (sim.state.soft_off_at or 0) <= sim.clock.time() + 5
        assert sim.live().hashing
        sim.clock.advance(6)
        idle = (await read(pyasic_python, ip))[ip]
        assert not sim.live().hashing
        assert idle["raw_hashrate"] == 0  # devs "MHS 1m"
        # pyasic's own figure is the boards' MGHS, whatever the simulator has them at idle
        assert idle["hashrate"] == pytest.approx(sum(sim.board_hashrates_ths))
        assert idle["expected_hashrate"] == pytest.approx(sim.expected_hashrate_ths)
        # softon: the Q carries it out and closes without a byte (asic-rs avalon_q resume:
        # "softon closes the connection without responding"); pyasic reports that as a
        # failure, so only the miner's state is checked.
        await act(pyasic_python, ip, "resume_mining")
        sim.clock.advance(6)
        assert sim.live().hashing
        busy = (await read(pyasic_python, ip))[ip]
        assert busy["raw_hashrate"] > 0


async def test_pyasic_restarts_an_a1566(pyasic_python: Path) -> None:
    ip = "127.0.45.32"
    async with Fleet.from_spec(f"avalon-a1566@{ip}", reboot_seconds=0.3) as fleet:
        sim = fleet[ip]
        sim.clock.advance(600)  # up ten minutes
        assert sim.uptime >= 600
        assert await act(pyasic_python, ip, "reboot") is True  # cgminer "restart"
        await until(lambda: sim.state.boots == 1 and sim.online)
        data = (await read(pyasic_python, ip))[ip]
        assert data["uptime"] < 600
