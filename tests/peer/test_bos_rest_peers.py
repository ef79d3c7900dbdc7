"""Faithfulness check of the simulated Braiins OS REST miners with pyasic-rs and pyasic.

pyasic-rs 0.8.6 (asic-rs with its BraiinsV2507 / V2604 backends) finds the miner by BOSer's
RPC ``version`` and the "Braiins OS" page, takes the model and version from two GraphQL
reads, then reads everything else over the REST API, logged in with set_auth; what it
reads must be what the simulator says. pyasic 0.79.0 has no REST client: it takes the
model from the RPC ``devdetails`` and reads BOSer through gRPC on 50051 (checked below, and
the skip says what it did). On 127.0.72.150-179.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.simulator.bos_rest import BosRestSim
from tests.simulator.bos_rest.testing import StartBos, bos_fixture

from .peer_helpers import bootstrap, run_peer

PROBE = Path(__file__).with_name("bos_rest_peer_probe.py")
start_bos = bos_fixture(150, 179)
GH = 1000.0


@pytest.fixture(scope="module")
def pyasic_rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


def gh_to_th(reply: dict[str, Any]) -> float:
    return float(reply["gigahash_per_second"]) / GH


@pytest.mark.parametrize(
    ("model", "password", "peer_model"),
    [
        ("braiins-s21-bos", "", "S21Pro"),
        ("braiins-s19xp-bos2507", "a custom one", "S19XP"),
    ],
)
async def test_pyasic_rs_reads_what_the_simulator_says(
    start_bos: StartBos, pyasic_rs_python: Path, model: str, password: str, peer_model: str
) -> None:
    sim: BosRestSim = await start_bos(model, password=password)
    seen = await run_peer(pyasic_rs_python, PROBE, "pyasic-rs", sim.address, password)
    assert seen is not None, "pyasic-rs found no miner"
    figures = sim.figures()
    stats, details = figures["stats"], figures["details"]
    assert (seen["make"], seen["model"], seen["firmware"]) == ("Antminer", peer_model, "Braiins")
    real = stats["miner_stats"]["real_hashrate"]["last_5s"]
    assert seen["hashrate"]["unit"] == "TH/s"
    assert seen["hashrate"]["value"] == pytest.approx(gh_to_th(real), rel=1e-9)
    assert seen["expected_hashrate"]["value"] == pytest.approx(
        gh_to_th(details["sticker_hashrate"]), rel=1e-9
    )
    assert seen["wattage"] == stats["power_stats"]["approximated_consumption"]["watt"]
    boards = figures["hashboards"]["hashboards"]
    assert [b["working_chips"] for b in seen["boards"]] == [b["chips_count"] for b in boards]
    assert [b["board_temperature"] for b in seen["boards"]] == [
        b["board_temp"]["degree_c"] for b in boards
    ]
    assert [b["serial_number"] for b in seen["boards"]] == [b["serial_number"] for b in boards]
    # asic-rs keeps RPM as an angular velocity: 5874 comes back as 5873.999999999999.
    assert seen["fans"] == pytest.approx([fan["rpm"] for fan in figures["cooling"]["fans"]])
    pools = [p for group in figures["pools"] for p in group["pools"]]
    assert [(p["url"], p["user"], p["active"]) for p in seen["pools"]] == [
        (p["url"], p["user"], p["active"]) for p in pools
    ]
    assert [p["accepted"] for p in seen["pools"]] == [p["stats"]["accepted_shares"] for p in pools]
    assert seen["mac"] == sim.mac
    assert seen["hostname"] == details["hostname"]
    assert seen["firmware_version"] == details["bos_version"]["current"]
    assert seen["api_version"] == "{major}.{minor}.{patch}".format(**sim.spec.capture("VERSION"))
    assert seen["is_mining"] is True
    assert seen["light_flashing"] is False
    assert seen["tuning_target"] == {"type": "power", "value": float(sim.state.power_target)}


async def test_pyasic_rs_sees_a_paused_miner_and_its_light(
    start_bos: StartBos, pyasic_rs_python: Path
) -> None:
    sim = await start_bos()
    sim.state.paused = True
    sim.state.locate = True
    seen = await run_peer(pyasic_rs_python, PROBE, "pyasic-rs", sim.address, "")
    assert seen["is_mining"] is False
    assert seen["light_flashing"] is True
    assert seen["hashrate"]["value"] == 0
    assert [p["active"] for p in seen["pools"]] == [False, False]


async def test_pyasic_reads_braiins_os_25_07_only_through_grpc(
    start_bos: StartBos, pyasic_python: Path
) -> None:
    sim = await start_bos()
    seen = await run_peer(pyasic_python, PROBE, "pyasic", sim.address)
    # What pyasic 0.79.0 does (pyasic/miners/factory.py, backends/braiins_os.py): "Braiins OS"
    # or the BOSer marker make it Braiins; the model comes from RPC devdetails only, and its
    # BOSer classes read details, boards, power, fans, pools and the light through gRPC on
    # 50051 (BOSer data locations: WebAPICommand("grpc_…")); without a devdetails model it
    # takes its BOSminer class, which asks LuCI's /cgi-bin/luci/bos/info.
    assert seen is not None
    assert seen["class"] == "BOSMiner"
    pytest.skip(
        "pyasic 0.79.0 cannot read Braiins OS 25.07+ without gRPC on port 50051 (its BOSer "
        "backend reads all but hashrate and uptime through gRPC; it has no REST API client), "
        "and with no BOSer devdetails capture published the simulator names no model on RPC, "
        f"so pyasic picks its BOSminer LuCI class: {seen.get('raised') or 'no error'}"
    )
