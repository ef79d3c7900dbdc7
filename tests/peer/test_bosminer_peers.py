"""Faithfulness check of the simulated S9 on Braiins OS+ (BOSminer) with pyasic and pyasic-rs.

pyasic 0.79.0 finds it by BOSminer's RPC marker, reads it with its BOSMiner backend (RPC
summary/devs/devdetails/temps/fans/tunerstatus/pools, LuCI for the MAC and bos/info, SSH
as root/"root" with ``server_host_key_algs=["ssh-rsa"]`` for the host name and the red
LED), and controls it over SSH and RPC; what it reads must be what the simulator says, in
pyasic's units. The simulated miner keeps Braiins OS's older default password "root", the
one pyasic logs in with. Simulated miners on 127.0.70.140-159.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.simulator.bosminer import BosminerSim

from .peer_helpers import bootstrap, run_peer, until

PYASIC_PROBE = Path(__file__).with_name("pyasic_home_probe.py")
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
S9 = "braiins-s9-bosminer"


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


@pytest.fixture(scope="module")
def pyasic_rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


async def _read(python: Path, probe: Path, ip: str) -> Any:
    return (await run_peer(python, probe, "read", ip))[ip]


async def test_pyasic_reads_the_s9_as_the_simulator_says(pyasic_python: Path) -> None:
    async with BosminerSim(S9, "127.0.70.140", password="root") as sim:
        data = await _read(pyasic_python, PYASIC_PROBE, sim.address)
        assert data is not None, "pyasic found no miner"
        assert (data["class"], data["make"], data["model"]) == ("BOSMinerS9", "AntMiner", "S9")
        assert data["hashrate"] == pytest.approx(sim.hashrate_ths, abs=0.01)
        assert data["expected_hashrate"] == pytest.approx(sim.expected_hashrate_ths)
        assert data["wattage"] == sim.power_watts
        assert data["wattage_limit"] == sim.state.power_limit
        boards = data["boards"]
        assert [b["hashrate"] for b in boards] == pytest.approx(sim.board_hashrates_ths, abs=0.01)
        assert [b["chips"] for b in boards] == [sim.spec.chips] * 3
        # pyasic rounds temperatures to whole degrees.
        assert [b["temp"] for b in boards] == [82.0, 86.0, 84.0]
        assert [b["chip_temp"] for b in boards] == [105.0, 109.0, 105.0]
        # pyasic's S9 row has two fans; the simulated (and real) reply lists four connectors.
        assert data["fans"] == sim.fan_speeds[:2]
        assert [p["user"] for p in data["pools"]] == [sim.worker, sim.worker]
        # pyasic's PoolUrl cannot parse the stratum2+tcp URL (no port): None for the first.
        assert data["pools"][1]["url"] == "stratum+tcp://stratum.slushpool.com:3333"
        assert [p["active"] for p in data["pools"]] == [True, False]
        assert data["mac"] == sim.mac
        assert data["hostname"] == sim.hostname
        assert data["fw_ver"] == "20.09"
        assert data["api_ver"] == "3.7"
        assert data["fault_light"] is False
        assert abs(data["uptime"] - sim.uptime) <= 2
        assert sim.ssh.heard.failed_logins == []


async def test_pyasic_controls_the_s9(pyasic_python: Path) -> None:
    async with BosminerSim(S9, "127.0.70.141", password="root", reboot_seconds=0.5) as sim:

        async def act(action: str) -> Any:
            return (await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, action))[
                "result"
            ]

        assert await act("fault_light_on") is True
        assert sim.state.fault_light
        assert (await _read(pyasic_python, PYASIC_PROBE, sim.address))["fault_light"] is True
        assert await act("fault_light_off") is True
        assert not sim.state.fault_light
        assert await act("stop_mining") is True
        assert sim.state.paused
        assert await act("resume_mining") is True
        assert not sim.state.paused
        assert await act("reboot") is True
        await until(lambda: sim.state.reboots == 1)


async def test_pyasic_rs_on_bosminer(pyasic_rs_python: Path) -> None:
    async with BosminerSim(S9, "127.0.70.142", password="root") as sim:
        data = await _read(pyasic_rs_python, RS_PROBE, sim.address)
        if data is None:
            pytest.skip(
                "pyasic-rs (asic-rs) asks Braiins OS for its model only over the web GraphQL "
                "endpoint ({ bosminer { info { modelName } } }, asic-rs-firmwares/braiins/src/"
                "firmware.rs get_model) that BOSminer-only releases lack: it finds no miner "
                "(checked: it returned none for the simulated S9)"
            )
        assert data["model"] == "S9"
