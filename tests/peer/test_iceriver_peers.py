"""Faithfulness check of the simulated IceRiver KS3M with pyasic and pyasic-rs.

pyasic 0.79.0 finds it by its page title, logs in with admin / 12345678 as the simulator
expects, picks IceRiverKS3M from softver1 (kHeavyHash) and reads the captured panel as the
simulator serves it: boards' rates in TH/s, chips, inlet / outlet temperatures, fans,
pools (the connected one active), MAC, host name, uptime, mining state and the locate
light. Its total is the boards' sum (6.22691 TH/s), ours the panel's own ``rtpow``
(6.226). pyasic-rs (asic-rs) has no IceRiver backend: it finds no miner. Simulated miners
on 127.0.106.10-29.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.iceriver import captures
from tests.simulator.iceriver.testing import StartIceRiver, addresses, iceriver_fixture

from .peer_helpers import bootstrap, run_peer

start_iceriver = iceriver_fixture(addresses(106, 10, 29))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_iceriver_probe.py")
CAPTURED = captures.USERPANEL_KS3M["data"]


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def test_pyasic_reads_the_simulated_ks3m(
    pyasic_python: Path, start_iceriver: StartIceRiver
) -> None:
    sim = await start_iceriver()
    sim.state.locate = True
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    board_ghs = [float(b["rtpow"].removesuffix("G")) for b in CAPTURED["boards"]]
    assert (data["factory_class"], data["model"], data["algo"]) == (
        "IceRiverKS3M",
        "KS3M",
        "KHeavyHash",
    )
    assert (data["hashrate_unit"], data["board_unit"]) == ("TH/s", "TH/s")
    assert data["board_rates"] == pytest.approx([g / 1000 for g in board_ghs])
    assert data["hashrate"] == pytest.approx(sum(board_ghs) / 1000)
    assert data["chips"] == [18, 18, 18]
    assert data["temps"] == [[b["intmp"], b["outtmp"]] for b in CAPTURED["boards"]]
    assert data["fans"] == CAPTURED["fans"]
    assert data["pools"] == [p["addr"] for p in CAPTURED["pools"]]
    assert data["active_pools"] == ["stratum+tcp://asia-kas.2miners.com:2323"]
    assert (data["mac"], data["hostname"]) == (sim.mac, CAPTURED["host"])
    assert data["uptime"] >= 9 * 3600 + 36 * 60 + 2
    assert (data["is_mining"], data["fault_light"]) == (True, True)
    assert sim.state.logins >= 1  # it logged in as the firmware asks


async def test_pyasic_rs_finds_no_iceriver(rs_python: Path, start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver()
    data = await run_peer(rs_python, RS_PROBE, "read", sim.address)
    assert data == {sim.address: None}
