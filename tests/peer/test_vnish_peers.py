"""Faithfulness check of the simulated VNish miners with pyasic and pyasic-rs, clients used
on real ones: what each reads must be what the simulator says, in the peer's units.

pyasic-rs (asic-rs) finds VNish by "AnthillOS" on the page and reads /api/v1 (summary,
info, status). pyasic 0.79.0 has a VNish backend (web summary and settings plus cgminer
stats), but its factory checks "ANTMINER" before "VNISH" in cgminer answers (checked
below in its source), so the "Antminer … (Vnish …)" Type makes it pick a stock class; its
VNish classes are then driven directly. Where a peer reads a field wrongly for the
firmware, the check says so at the place. Simulated miners on 127.0.73.190-209.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.simulator.vnish import VnishSim
from tests.simulator.vnish import replies as sim_replies
from tests.simulator.vnish.testing import AIR, HYDRO, StartVnish, addresses, vnish_fixture

from .peer_helpers import bootstrap, run_peer

start_vnish = vnish_fixture(addresses(190, 209))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_vnish_probe.py")
PYASIC_CLASSES = {
    AIR: "pyasic.miners.antminer.vnish.X19.S19:VNishS19Pro",
    HYDRO: "pyasic.miners.antminer.vnish.X21.S21:VNishS21PlusHydro",
}
RS_MODELS = {AIR: "S19Pro", HYDRO: "S21PlusHydro"}
UPTIME_SLACK = 3


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


def said(sim: VnishSim) -> dict[str, Any]:
    summary: dict[str, Any] = sim_replies.summary(sim.state)["miner"]
    return summary


def ths(rate: dict[str, Any] | None) -> float | None:
    assert rate is None or rate["unit"] == "TH/s"
    return None if rate is None else rate["value"]


@pytest.mark.parametrize("model", [AIR, HYDRO])
async def test_pyasic_rs_finds_and_reads_vnish(
    rs_python: Path, start_vnish: StartVnish, model: str
) -> None:
    sim = await start_vnish(model)
    data = (await run_peer(rs_python, RS_PROBE, "read", sim.address))[sim.address]
    reported = said(sim)
    assert (data["make"], data["firmware"], data["model"]) == (
        "Antminer",
        "VNish",
        RS_MODELS[model],
    )
    assert data["hashrate"]["value"] == pytest.approx(reported["hr_realtime"] / 1000)
    assert ths(data["expected_hashrate"]) == pytest.approx(reported["hr_stock"] / 1000)
    assert data["wattage"] == reported["power_consumption"]
    for board, chain in zip(data["boards"], reported["chains"], strict=True):
        assert ths(board["hashrate"]) == pytest.approx(chain["hashrate_rt"] / 1000)
        assert board["board_temperature"] == chain["pcb_temp"]["max"]
        assert board["outlet_chip_temperature"] == chain["chip_temp"]["max"]
    assert data["fans"] == pytest.approx([f["rpm"] for f in reported["cooling"]["fans"]])
    if sim.spec.hydro:
        assert (data["fluid_temperature"], data["outlet_fluid_temperature"]) == (29, 39)
    else:
        assert data["fluid_temperature"] is None
    assert data["mac"] == sim.mac
    assert data["hostname"] == "Antminer"
    assert data["firmware_version"] == sim.spec.version
    assert abs(data["uptime"] - sim.state.uptime) <= UPTIME_SLACK + 60  # info: to the minute
    assert data["light_flashing"] is False
    assert data["is_mining"] is True
    assert data["tuning_target"] == {"type": "preset", "value": sim.state.preset}
    # asic-rs lists the DevFee pool too and takes "working" (a standby pool) for active.
    user_pools = [p for p in data["pools"] if p["user"] != "DevFee"]
    assert [p["url"] for p in user_pools] == [f"stratum+tcp://{p.url}" for p in sim.state.pools]
    assert user_pools[0]["accepted"] == reported["pools"][0]["accepted"]
    assert ("set_tuning_percent" in data["supports"]) is sim.spec.throttle


async def test_pyasic_rs_toggles_the_light_as_the_miner_shows_it(
    rs_python: Path, start_vnish: StartVnish
) -> None:
    sim = await start_vnish(AIR)
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "fault_light_on")
    assert sim.state.find_miner is True
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "fault_light_on")
    assert sim.state.find_miner is True  # it read the light first
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "fault_light_off")
    assert sim.state.find_miner is False


async def test_pyasic_rs_power_limit_picks_a_preset(
    rs_python: Path, start_vnish: StartVnish
) -> None:
    sim = await start_vnish(AIR)
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "power_limit", "3000")
    # asic-rs takes the highest preset at or below, tuned or not (v1_2_0 set_power_limit)
    assert sim.state.preset == "2950"


def _pyasic_checks_antminer_first(python: Path) -> bool:
    """Whether pyasic's factory tests "ANTMINER" before "VNISH" in a cgminer answer."""
    code = (
        "import inspect, pyasic.miners.factory as f;"
        "print(inspect.getsource(f.MinerFactory._parse_socket_type))"
    )
    source = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return source.index('"ANTMINER" in upper_data') < source.index('"VNISH" in upper_data')


async def test_pyasic_factory_finds_vnish_or_stock_as_its_source_says(
    pyasic_python: Path, start_vnish: StartVnish
) -> None:
    """pyasic takes whichever of its web and cgminer probes answers first: the page says
    VNish ("AnthillOS"); the cgminer Type "Antminer S19 Pro (Vnish 1.3.4)" is matched as
    stock when its source tests "ANTMINER" first. Either class is what pyasic does."""
    sim = await start_vnish(AIR)
    found = (await run_peer(pyasic_python, PYASIC_PROBE, "factory", sim.address))["class"]
    if _pyasic_checks_antminer_first(pyasic_python):
        assert found in ("VNishS19Pro", "BMMinerS19Pro")
    else:
        assert found == "VNishS19Pro"
    assert "(Vnish " in sim_replies.miner_type(sim.spec)


@pytest.mark.parametrize("model", [AIR, HYDRO])
async def test_pyasic_vnish_backend_reads_the_simulated_miner(
    pyasic_python: Path, start_vnish: StartVnish, model: str
) -> None:
    sim = await start_vnish(model)
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address, PYASIC_CLASSES[model])
    reported = said(sim)
    assert data["hashrate"] == pytest.approx(reported["hr_realtime"] / 1000)  # cgminer GHS 5s
    assert data["mac"] == sim.mac
    assert data["fw_ver"] == sim.spec.version  # from the summary's miner_type
    assert data["wattage_limit"] == int(sim.state.preset)  # settings, with the bare token
    assert data["is_mining"] is True
    assert data["errors"] == []
    assert [b["chips"] for b in data["boards"]] == [sim.spec.chips_per_board] * 3
    for board, chain in zip(data["boards"], reported["chains"], strict=True):
        assert board["hashrate"] == pytest.approx(chain["hashrate_rt"] / 1000)
    assert abs(data["uptime"] - sim.state.uptime) <= UPTIME_SLACK
    assert [p["url"] for p in data["pools"]] == [f"stratum+tcp://{p.url}" for p in sim.state.pools]
    if sim.spec.throttle:
        # pyasic reads power_usage, which 1.3 makes "the same as power_efficiency" (J/TH)
        assert data["wattage"] == round(reported["power_usage"])
        assert data["wattage"] != reported["power_consumption"]
    else:
        assert data["wattage"] == reported["power_consumption"]
    # pyasic reads the host name from the summary's "system", which 1.2.6 on leaves out
    assert data["hostname"] is None


async def test_pyasic_vnish_light_is_read_before_it_is_toggled(
    pyasic_python: Path, start_vnish: StartVnish
) -> None:
    sim = await start_vnish(HYDRO)
    seen = await run_peer(pyasic_python, PYASIC_PROBE, "light", sim.address, "on")
    assert seen == {"result": True}
    assert sim.state.find_miner is True
    json.dumps(seen)
