"""Faithfulness check of the simulated LuxOS S19k Pro with pyasic and pyasic-rs, clients
used on real LuxOS miners: each finds it as LuxOS and reads what the simulator says, in
its own units; their controls land on the simulated miner as on a real one.

pyasic 0.79.0's LUXMiner reads summary, stats, power, fans, pools, version and its config
(tempctrl, groups, config, profiles); pyasic-rs (asic-rs) reads stats, devs, temps,
config, power, profiles and pools. Where a peer reads a field wrongly for the firmware,
the check says so at the place. Simulated miners on 127.0.95.111-130.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.simulator.luxos import LuxosSim, captures
from tests.simulator.luxos import rpc as sim_rpc
from tests.simulator.luxos.testing import StartLuxos, addresses, luxos_fixture

from .peer_helpers import bootstrap, run_peer

start_luxos = luxos_fixture(addresses(95, 111, 130))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_luxos_probe.py")
UPTIME_SLACK = 3


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


def said(sim: LuxosSim) -> dict[str, Any]:
    """What the simulated miner answers now, command by command."""
    return {name: sim_rpc.READS[name](sim.state) for name in ("summary", "stats", "devs")}


def _chain(stats: dict[str, Any], key: str, board: int) -> Any:
    return stats["STATS"][1][f"{key}{board + 1}"]


def ths(rate: dict[str, Any] | None) -> float | None:
    assert rate is None or rate["unit"] == "TH/s"
    return None if rate is None else rate["value"]


async def test_pyasic_rs_finds_and_reads_luxos(rs_python: Path, start_luxos: StartLuxos) -> None:
    sim = await start_luxos(ramp_seconds=0.0)
    data = (await run_peer(rs_python, RS_PROBE, "read", sim.address))[sim.address]
    reported = said(sim)
    assert (data["make"], data["firmware"], data["model"]) == ("Antminer", "LuxOS", "S19KPro")
    assert data["hashrate"]["value"] == pytest.approx(
        reported["summary"]["SUMMARY"][0]["GHS 5s"] / 1000
    )
    assert ths(data["expected_hashrate"]) == pytest.approx(
        sum(d["Nominal MHS"] for d in reported["devs"]["DEVS"]) / 1e6
    )
    assert data["wattage"] == sim.state.watts()
    assert data["tuning_target"] == {"type": "power", "value": 1188.0}  # the profile's watts
    for board in data["boards"]:
        slot = board["position"]
        assert ths(board["hashrate"]) == pytest.approx(
            float(_chain(reported["stats"], "chain_rate", slot)) / 1000, abs=1e-3
        )
        assert board["working_chips"] == _chain(reported["stats"], "chain_acn", slot)
    # asic-rs takes the temps' intake and exhaust pairs for the chips' inlet and outlet
    temps = {t["ID"]: t for t in captures.TEMPS["TEMPS"]}
    assert [b["inlet_chip_temperature"] for b in data["boards"]] == [
        temps[n]["TopRight"] for n in range(3)
    ]
    assert data["fans"] == pytest.approx([f["RPM"] for f in captures.FANS["FANS"]])
    assert data["mac"] == sim.mac
    assert data["hostname"] == "UrlacherS19k"
    assert data["serial_number"] == captures.CONFIG["CONFIG"][0]["SerialNumber"]
    assert data["light_flashing"] is False  # RedLed "auto"
    assert data["is_mining"] is True
    assert abs(data["uptime"] - sim.state.uptime) <= UPTIME_SLACK
    assert [p["user"] for p in data["pools"]] == [p["User"] for p in sim.state.pools]


async def test_pyasic_rs_controls_reach_the_miner(rs_python: Path, start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "pause")
    assert sim.state.curtailed
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "resume")
    assert not sim.state.curtailed
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "fault_light_on")
    assert sim.state.red_led == "blink"
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "fault_light_off")
    assert sim.state.red_led == "auto"  # asic-rs hands the LED back as our driver does


async def test_pyasic_finds_and_reads_luxos(pyasic_python: Path, start_luxos: StartLuxos) -> None:
    sim = await start_luxos(ramp_seconds=0.0)
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    reported = said(sim)
    assert (data["class"], data["firmware"], data["model"]) == (
        "LUXMinerS19kPro",
        "LuxOS",
        "S19k Pro",
    )
    assert data["hashrate"] == pytest.approx(reported["summary"]["SUMMARY"][0]["GHS 5s"] / 1000)
    assert data["expected_hashrate"] == pytest.approx(
        reported["stats"]["STATS"][1]["total_rateideal"] / 1000
    )
    assert data["wattage"] == sim.state.watts()
    assert data["wattage_limit"] == 1188
    for board in data["boards"]:
        slot = board["slot"]
        assert board["hashrate"] == pytest.approx(
            float(_chain(reported["stats"], "chain_rate", slot)) / 1000, abs=1e-3
        )
        assert board["chips"] == _chain(reported["stats"], "chain_acn", slot)
        # pyasic averages the middle two of temp_pcb (the intake side), the outer two of
        # temp_chip
        pcb = [int(t) for t in _chain(reported["stats"], "temp_pcb", slot).split("-")]
        assert board["temp"] == (pcb[1] + pcb[2]) / 2
    assert data["fans"] == [f["RPM"] for f in captures.FANS["FANS"]]
    assert [p["user"] for p in data["pools"]] == [p["User"] for p in sim.state.pools]
    assert abs(data["uptime"] - sim.state.uptime) <= UPTIME_SLACK
    assert data["fw_ver"] == captures.VERSION["VERSION"][0]["Miner"]
    # pyasic 0.79.0's _get_mac returns before reading config; and it takes any RedLed but
    # "off" for a lit light, the firmware's "auto" included
    assert data["mac"] is None
    assert data["fault_light"] is True
    assert sim.state.red_led == "auto"


async def test_pyasic_power_limit_sets_a_profile_with_atm_off_for_the_change(
    pyasic_python: Path, start_luxos: StartLuxos
) -> None:
    """pyasic picks the profile of most watts at or below, as our driver does, and switches
    ATM off and on around profileset, as our driver does."""
    sim = await start_luxos()
    seen = await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "power_limit", "2000")
    assert seen == {"result": True}
    assert sim.state.profile == "440MHz"
    assert sim.state.atm
    changes = [c for c in sim.state.received if c in ("atmset", "profileset")]
    assert changes == ["atmset", "profileset", "atmset"]


async def test_pyasic_controls_reach_the_miner(
    pyasic_python: Path, start_luxos: StartLuxos
) -> None:
    sim = await start_luxos()
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "stop")
    assert sim.state.curtailed
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "resume")
    assert not sim.state.curtailed
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "light_on")
    assert sim.state.red_led == "blink"
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "light_off")
    assert sim.state.red_led == "off"  # pyasic's "off", where asic-rs and ours say "auto"
