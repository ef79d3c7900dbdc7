"""Faithfulness check of the simulated Goldshell miners with pyasic and pyasic-rs.

pyasic 0.79.0 finds a Goldshell by its "cloud-box" page and names the model from
``/mcb/status`` (GoldshellMiniDoge on Scrypt, GoldshellCK5 on Eaglesong, 4 board slots;
no class for the SC Lite: GoldshellUnknown), logs in for the token and reads the MAC from
``/mcb/setting`` and the firmware version from the status as the simulator serves them.
It reads rates, boards and pools from BFGMiner's RPC on 4028 only, which the simulator
lacks (no reply of it is public): no rate to compare. Its configuration read expects
``/mcb/pools`` as an object with ``pools``; the captured reply (delawr0190/foreman-apps)
is a list, so pyasic's get_config fails there (TypeError). pyasic-rs (asic-rs) names the
make, the status' model string and the firmware version, and the MAC. Simulated miners on
127.0.104.100-129.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.goldshell.testing import (
    CK5,
    MINIDOGE,
    SCLITE,
    StartGoldshell,
    addresses,
    goldshell_fixture,
)

from .peer_helpers import bootstrap, run_peer

start_goldshell = goldshell_fixture(addresses(104, 100, 129))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_goldshell_probe.py")


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


# model -> (pyasic's class, model, algorithm, board slots)
PYASIC_SEES = {
    MINIDOGE: ("GoldshellMiniDoge", "Mini Doge", "Scrypt", 1),
    CK5: ("GoldshellCK5", "CK5", "Eaglesong", 4),
    SCLITE: ("GoldshellUnknown", "", "Generic (Unknown)", 0),
}


@pytest.mark.parametrize("model", list(PYASIC_SEES))
async def test_pyasic_finds_the_model_and_reads_the_web_it_reads(
    pyasic_python: Path, start_goldshell: StartGoldshell, model: str
) -> None:
    factory_class, name, algo, boards = PYASIC_SEES[model]
    sim = await start_goldshell(model)
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    assert (data["factory_class"], data["model"], data["algo"]) == (factory_class, name, algo)
    assert data["mac"] == sim.mac  # setting's name, as served
    assert data["fw_ver"] == sim.spec.status["firmware"]
    assert sim.state.logins >= 1  # it took the token our simulated firmware asks for
    # Its rates and boards come from BFGMiner's RPC, which the simulator does not serve.
    assert data["hashrate"] is None
    assert data["boards"] == [False] * boards
    assert data["config_error"] == "TypeError"  # the captured pools list, not an object


async def test_pyasic_rs_names_make_model_and_firmware(
    rs_python: Path, start_goldshell: StartGoldshell
) -> None:
    sim = await start_goldshell(SCLITE)
    data = (await run_peer(rs_python, RS_PROBE, "read", sim.address))[sim.address]
    assert (data["make"], data["model"]) == ("Goldshell", sim.spec.status["model"])
    assert data["firmware_version"] == sim.spec.status["firmware"]
    assert data["mac"] == sim.mac.upper()
    assert data["hashrate"] is None  # read from the RPC here too
