"""Faithfulness check of the simulated home miners with pyasic-rs (the Python face of asic-rs).

pyasic-rs runs in its own venv (scripts/bootstrap-pyasic-rs, the pin of pyproject.toml) as
a subprocess; it identifies each miner with its own discovery (cgminer ``version`` MODEL for
Avalons, /api/system/info for ESP-Miner and NerdOS) and reads it with its own parsers.
What it reads must be what the simulator says, in its units (TH/s, W, seconds). Where
asic-rs reads a field wrongly for the real firmware, the check is left out and the reason
named at the place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.simulator import Fleet

from .peer_helpers import bootstrap, cgminer, mm_tokens, numbers, run_peer, until

PROBE = Path(__file__).with_name("pyasic_rs_probe.py")

# ip: (simulator model, pyasic-rs make, pyasic-rs model)
ESP_MINERS = {
    "127.0.46.10": ("espminer-bitaxe-gamma", "Bitaxe", "Gamma"),
    "127.0.46.11": ("espminer-bitaxe-gamma-2.12", "Bitaxe", "Gamma"),
    "127.0.46.12": ("espminer-bitaxe-supra-2.4", "Bitaxe", "Supra"),
    "127.0.46.13": ("espminer-nerdqaxe-pp", "Nerdaxe", "NerdQAxe"),  # its name for the ++
}
AVALONS = {
    "127.0.46.20": ("avalon-nano3s", "Avalonminer", "AvalonNano3s"),
    # asic-rs has no Mini 3 row: the model stays its VERSION MODEL, upper-cased, with no
    # boards or fans to read
    "127.0.46.21": ("avalon-mini3", "Avalonminer", "MINI3"),
    "127.0.46.22": ("avalon-q", "Avalonminer", "AvalonHomeQ"),
    # MODEL "15-194" cut at its "-": asic-rs calls the A1566 "Avalon15"
    "127.0.46.23": ("avalon-a1566", "Avalonminer", "Avalon15"),
}
UPTIME_SLACK = 2  # seconds between the peer's read and ours


def spec_of(miners: dict[str, tuple[str, str, str]]) -> str:
    return ",".join(f"{model}@{ip}" for ip, (model, _, _) in miners.items())


def ths(rate: dict[str, Any] | None) -> float | None:
    """A pyasic-rs hashrate in TH/s, its default unit (checked, not converted)."""
    if rate is None:
        return None
    assert rate["unit"] == "TH/s"
    value: float = rate["value"]
    return value


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


async def read(python: Path, *ips: str) -> dict[str, Any]:
    seen: dict[str, Any] = await run_peer(python, PROBE, "read", *ips)
    return seen


async def act(python: Path, ip: str, action: str) -> Any:
    return (await run_peer(python, PROBE, "act", ip, action))["result"]


async def test_pyasic_rs_identifies_and_reads_every_esp_miner(rs_python: Path) -> None:
    async with Fleet.from_spec(spec_of(ESP_MINERS)) as fleet:
        fleet["127.0.46.11"].state.hostname = "gamma-attic"  # a name the capture lacks
        seen = await read(rs_python, *ESP_MINERS)
        for ip, (_, make, model) in ESP_MINERS.items():
            sim, data = fleet[ip], seen[ip]
            assert data is not None, f"pyasic-rs found no miner at {ip}"
            assert (data["make"], data["model"]) == (make, model)
            assert data["firmware"] == f"{make} Stock"
            snap, spec = sim.snapshot(), sim.spec
            assert ths(data["hashrate"]) == pytest.approx(sim.hashrate_ths, rel=1e-9)
            # expectedHashrate, or (v2.4.5 has none) frequency x small cores x ASICs
            assert ths(data["expected_hashrate"]) == pytest.approx(sim.expected_hashrate_ths)
            assert data["wattage"] == pytest.approx(sim.power_watts, rel=1e-9)
            [board] = data["boards"]
            assert ths(board["hashrate"]) == pytest.approx(sim.hashrate_ths, rel=1e-9)
            assert board["board_temperature"] == pytest.approx(snap.vr_temp)  # vrTemp
            assert board["outlet_chip_temperature"] == pytest.approx(snap.asic_temp)  # temp
            assert board["expected_chips"] == board["working_chips"] == spec.asic_count
            assert data["average_temperature"] == pytest.approx(snap.vr_temp)
            # fanrpm only: asic-rs reads no second fan (the NerdQAxe++ has two, fanrpm2)
            assert data["fans"] == pytest.approx(sim.fan_speeds[:1])
            primary, fallback = sim.state.running
            assert [(p["url"], p["user"]) for p in data["pools"]] == [
                (f"stratum+tcp://{pool.url}:{pool.port}", pool.user) for pool in (primary, fallback)
            ]
            assert [p["active"] for p in data["pools"]] == [True, False]
            assert abs(data["pools"][0]["accepted"] - sim.state.accepted()) <= 1
            assert data["mac"] == sim.mac
            assert data["hostname"] == sim.state.hostname
            assert abs(data["uptime"] - sim.state.uptime()) <= UPTIME_SLACK
            assert data["firmware_version"] == data["api_version"] == spec.firmware.version
            assert data["best_share"] == sim.state.best_diff
            if spec.board_version:  # boardVersion; NerdOS reports none
                assert data["control_board"] == {"known": True, "name": f"B{spec.board_version}"}
        # miningPaused (AxeOS v2.14 on) gives the operating state
        assert seen["127.0.46.10"]["operating_state"] == {"type": "Mining"}


async def test_pyasic_rs_pauses_and_resumes_a_bitaxe(rs_python: Path) -> None:
    ip = "127.0.46.30"
    async with Fleet.from_spec(f"espminer-bitaxe-gamma@{ip}") as fleet:
        sim = fleet[ip]
        assert "pause" in (await read(rs_python, ip))[ip]["supports"]  # v2.15.0: yes
        assert await act(rs_python, ip, "pause") is True  # POST /api/system/pause
        assert sim.state.paused is True
        paused = (await read(rs_python, ip))[ip]
        assert paused["operating_state"] == {"type": "Paused"}
        assert ths(paused["hashrate"]) == 0
        assert paused["wattage"] == pytest.approx(sim.power_watts)
        assert await act(rs_python, ip, "resume") is True
        assert sim.state.paused is False
        assert (await read(rs_python, ip))[ip]["operating_state"] == {"type": "Mining"}


async def test_pyasic_rs_identifies_and_reads_every_avalon(rs_python: Path) -> None:
    async with Fleet.from_spec(spec_of(AVALONS)) as fleet:
        fleet["127.0.46.23"].state.fault_light = True
        seen = await read(rs_python, *AVALONS)
        for ip, (key, make, model) in AVALONS.items():
            sim, data = fleet[ip], seen[ip]
            assert data is not None, f"pyasic-rs found no miner at {ip}"
            assert (data["make"], data["model"]) == (make, model)
            assert data["firmware"] == "AvalonMiner Stock"
            live, version = sim.live(), sim.spec.version
            mm = mm_tokens(await cgminer(ip, "stats"))
            devs = (await cgminer(ip, "devs"))["DEVS"][0]
            assert ths(data["hashrate"]) == pytest.approx(devs["MHS 1m"] / 1e6, rel=1e-9)
            assert ths(data["expected_hashrate"]) == pytest.approx(sim.expected_hashrate_ths)
            ps = numbers(mm["PS"])
            # asic-rs takes PS[4] (the hash boards' output), or PS[5] where PS[4] is 0. The
            # Nano 3S's PS[4] is 0 in the real capture (MinerSentinel test_avalon_parsing.py:
            # PS[0 0 27541 4 0 3756 133], wall power 133 = MPO) and PS[5] no power: left out.
            if key != "avalon-nano3s":
                assert data["wattage"] == ps[4] > 0
            # The tuning target: PS[6] (the wall, what the simulator draws), MPO on the Q
            target = live.max_power if key == "avalon-q" else sim.power_watts
            assert data["tuning_target"] == {"type": "power", "value": target}
            assert data["mac"] == sim.mac
            assert abs(data["uptime"] - sim.uptime) <= UPTIME_SLACK
            assert data["api_version"] == version["API"]
            assert [(p["url"], p["user"]) for p in data["pools"]] == [
                (p.url, p.user) for p in sim.state.pools if p.url
            ]
            assert [p["active"] for p in data["pools"]] == [
                n == sim.state.active_pool for n in range(len(data["pools"]))
            ]
            assert all(p["alive"] for p in data["pools"])
            if key != "avalon-q":  # the Q's backend reads neither DNA nor HWTYPE
                assert data["serial_number"] == sim.dna
                assert data["control_board"]["name"].replace("_", "") == version["HWTYPE"].replace(
                    "_", ""
                )
            check_avalon_boards(key, sim, data, live, mm)
        # firmware: VERSION on the A-series, cgminer's version on the Q; the home
        # firmware's VERSION carries no "VERSION" (LVERSION/BVERSION only): None
        a1566, q = fleet["127.0.46.23"].spec.version, fleet["127.0.46.22"].spec.version
        assert seen["127.0.46.23"]["firmware_version"] == a1566["VERSION"]
        assert seen["127.0.46.22"]["firmware_version"] == q["CGMiner"]
        assert seen["127.0.46.23"]["light_flashing"] is True  # Led[1]


def check_avalon_boards(key: str, sim: Any, data: dict[str, Any], live: Any, mm: Any) -> None:
    boards, chips = data["boards"], sim.spec.chips_per_board
    if key == "avalon-mini3":  # no model row in asic-rs: no boards, no fans
        assert boards == []
        assert data["fans"] == []
        return
    assert data["fans"] == pytest.approx(sim.fan_speeds)
    assert len(boards) == sim.spec.boards
    assert [b["expected_chips"] for b in boards] == [chips] * len(boards)
    if key == "avalon-nano3s":  # MGHS of one board is a bare figure, which asic-rs skips
        [board] = boards
        assert board["chip_temps"] == numbers(mm["PVT_T0"])
        return
    assert [ths(b["hashrate"]) for b in boards] == pytest.approx(sim.board_hashrates_ths)
    assert [b["working_chips"] for b in boards] == [chips] * len(boards)
    assert [len(b["chip_temps"]) for b in boards] == [chips] * len(boards)
    if key == "avalon-q":
        [board] = boards
        assert board["board_temperature"] == live.board_temp  # HBITemp
        assert board["inlet_chip_temperature"] == live.inlet  # ITemp
        assert board["outlet_chip_temperature"] == live.outlet  # HBOTemp
        assert data["fluid_temperature"] == live.inlet
        assert data["outlet_fluid_temperature"] == live.outlet
    if key == "avalon-a1566":
        assert [b["board_temperature"] for b in boards] == numbers(mm["MTavg"])
        assert [b["outlet_chip_temperature"] for b in boards] == numbers(mm["MTmax"])


async def test_pyasic_rs_switches_the_a1566_fault_light(rs_python: Path) -> None:
    ip = "127.0.46.31"
    async with Fleet.from_spec(f"avalon-a1566@{ip}") as fleet:
        sim = fleet[ip]
        assert await act(rs_python, ip, "fault_light_on") is True  # ascset|0,led,1-1
        assert sim.state.fault_light is True
        assert (await read(rs_python, ip))[ip]["light_flashing"] is True
        assert await act(rs_python, ip, "fault_light_off") is True
        assert sim.state.fault_light is False


async def test_pyasic_rs_pauses_and_resumes_an_avalon_q(rs_python: Path) -> None:
    ip = "127.0.46.32"
    async with Fleet.from_spec(f"avalon-q@{ip}") as fleet:
        sim = fleet[ip]
        # ascset|0,softoff,1:<now + 5 s>. The Q answers it with STATUS "I", "ASC 0 set
        # info: success softoff:…" (asic-rs test/json/ascset_softoff.json, a real Q), which
        # asic-rs does not count as success: only the miner's state is checked.
        asked = int(sim.clock.time())
        await act(rs_python, ip, "pause")
        assert asked + 5 <= (sim.state.soft_off_at or 0) <= sim.clock.time() + 5
        sim.clock.advance(6)
        assert not sim.live().hashing
        idle = (await read(rs_python, ip))[ip]
        assert ths(idle["hashrate"]) == 0
        assert ths(idle["expected_hashrate"]) == pytest.approx(sim.expected_hashrate_ths)
        # softon: the Q closes without a byte, which asic-rs takes as done
        assert await act(rs_python, ip, "resume") is True
        sim.clock.advance(6)
        assert sim.live().hashing
        assert (ths((await read(rs_python, ip))[ip]["hashrate"]) or 0) > 0


async def test_pyasic_rs_restarts_an_a1566(rs_python: Path) -> None:
    ip = "127.0.46.33"
    async with Fleet.from_spec(f"avalon-a1566@{ip}", reboot_seconds=0.3) as fleet:
        sim = fleet[ip]
        sim.clock.advance(600)
        # cgminer's "restart": {"STATUS":"RESTART"} (Canaan api.c JSON_ACTION JSON_RESTART);
        # pyasic-rs 0.8.6 wants a STATUS list there and raises, but the miner restarts
        await act(rs_python, ip, "restart")
        await until(lambda: sim.state.boots == 1 and sim.online)
        assert (await read(rs_python, ip))[ip]["uptime"] < 600
