"""Faithfulness check of the simulated MARA miner with pyasic and pyasic-rs, clients used on
real ones: what each reads must be what the simulator says, in the peer's units; where a
peer reads a field wrongly for the firmware, the check says so at the place.

pyasic 0.79.0 finds MARA as its own factory does (the "antMiner" realm, then
GET /kaonsu/v1/brief with root/root) and reads /kaonsu/v1/ with its MaraMiner; pyasic-rs
(asic-rs) takes a MARA miner's model from the RPC ``version`` reply only, and the
simulated miner has no RPC (none of MARA's is public): it finds no miner there, and in
particular no stock Antminer. On the simulated S19 XP, pyasic's factory picks its
MaraS19XP, which reads three boards, four fans and the chips of the model. Simulated miners
on 127.0.100.130-149.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.simulator.marathon import captures
from tests.simulator.marathon.testing import KS5PRO, S19XP, StartMara, addresses, mara_fixture

from .peer_helpers import bootstrap, run_peer

start_mara = mara_fixture(addresses(100, 130, 149))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_mara_probe.py")
HS_PER_THS = 1e12


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


def _pyasic_source(python: Path, name: str) -> str:
    code = (
        "import inspect; from pyasic.miners.backends.marathon import MaraMiner as M;"
        f"print(inspect.getsource(M.{name}))"
    )
    return subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    ).stdout


async def test_pyasic_factory_finds_mara(pyasic_python: Path, start_mara: StartMara) -> None:
    sim = await start_mara()
    found = await run_peer(pyasic_python, PYASIC_PROBE, "factory", sim.address)
    assert found == {"class": "MaraMiner"}  # the KS5 Pro is no model of its MARA table
    assert ("GET", "brief") in sim.state.received


async def test_pyasic_reads_the_simulated_miner(pyasic_python: Path, start_mara: StartMara) -> None:
    sim = await start_mara()
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    brief = captures.MINING_BRIEF
    # hashrate_ideal read in GH/s, as the brief's hashrate_unit says
    assert data["expected_hashrate"] / HS_PER_THS == pytest.approx(brief["hashrate_ideal"] / 1000)
    # pyasic takes hashrate_realtime for TH/s whatever hashrate_unit ("GH/s") says
    assert data["hashrate"] / HS_PER_THS == pytest.approx(brief["hashrate_realtime"])
    assert data["mac"] == sim.mac.upper()
    assert data["hostname"] == sim.state.hostname
    assert data["fw_ver"] == captures.OVERVIEW["version_firmware"]
    assert data["wattage_limit"] == sim.state.power_target
    assert data["fault_light"] is False
    assert [(p["url"], p["active"]) for p in data["pools"]] == [
        (sim.state.pools[0].url, True),
        (sim.state.pools[1].url, False),
    ]
    # pyasic 0.79.0 returns before it reads power and uptime from the brief (its source)
    for name in ("_get_wattage", "_get_uptime"):
        source = _pyasic_source(pyasic_python, name)
        assert source.index("return None") < source.index("web_brief[")
    assert (data["wattage"], data["uptime"]) == (None, None)
    # a MaraMiner of no known model expects no boards and no fans: it lists none
    assert (data["boards"], data["fans"]) == ([], [])


async def test_pyasic_finds_and_reads_the_s19xp_as_its_own_model(
    pyasic_python: Path, start_mara: StartMara
) -> None:
    sim = await start_mara(S19XP)
    assert await run_peer(pyasic_python, PYASIC_PROBE, "factory", sim.address) == {
        "class": "MaraS19XP"
    }
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address, "found")
    boards = sim.state.hashboards()["hashboards"]
    assert (data["class"], data["model"], data["expected_chips"]) == ("MaraS19XP", "S19 XP", 330)
    # each board's hashrate_average (GH/s), its mean PCB temperature, its chips
    assert data["boards"] == [
        {
            "slot": b["index"],
            "hashrate": pytest.approx(b["hashrate_average"] / 1000),
            "chips": 110,
            "temp": round(sum(b["temperature_pcb"]) / len(b["temperature_pcb"])),
            "missing": False,
        }
        for b in boards
    ]
    # pyasic's total is then the sum of its boards (a figure in TH/s, where the KS5 Pro's
    # MaraMiner gives the brief's in H/s), not the brief's hashrate_realtime
    total = sum(b["hashrate_average"] for b in boards) / 1000
    assert data["hashrate"] == pytest.approx(total)
    assert total != pytest.approx(sim.state.brief()["hashrate_realtime"] / 1000)
    assert data["fans"] == [f["current_speed"] for f in sim.state.fans()["fans"]]
    assert data["wattage_limit"] == sim.state.power_target == 3010
    assert data["is_mining"] is True


async def test_pyasic_controls_change_the_simulated_miner(
    pyasic_python: Path, start_mara: StartMara
) -> None:
    sim = await start_mara(S19XP)
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "fault_light_on")
    assert sim.state.blinking is True
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "stop_mining")
    assert sim.state.work_mode == "Sleep"
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "resume_mining")
    assert sim.state.work_mode == "Auto"
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "power_limit:2800")
    assert (sim.state.mode_select, sim.state.power_target) == ("PowerTarget", 2800)
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "reboot")
    assert ("POST", "maintenance") in sim.state.received


@pytest.mark.parametrize("model", [KS5PRO, S19XP])
async def test_pyasic_rs_finds_no_miner_without_the_rpc(
    rs_python: Path, start_mara: StartMara, model: str
) -> None:
    sim = await start_mara(model)
    found = await run_peer(rs_python, RS_PROBE, "read", sim.address)
    assert found == {sim.address: None}  # not taken for a stock Antminer either
