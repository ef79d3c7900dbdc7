"""Faithfulness check of the simulated Auradine with pyasic and pyasic-rs, clients used on
real ones: what each reads must be what the simulator says, in the peer's units.

pyasic 0.79.0's factory finds it by GCMiner in its RPC answers and picks its
AuradineFluxAT1500 (by devdetails' Model), which logs in on 8080 with admin/admin and
reads ipreport, psu, mode, fan and led there, summary and devs on 4028; pyasic-rs
(asic-rs) finds "Auradine Stock" and reads the same. Their controls change the simulated
miner; pyasic's configuration (the web's pools, the fans' target, the mode) reads what the
simulator holds, and its send_config (updatepools, fan, mode) changes it. Simulated miners
on 127.0.109.130-149.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.auradine import captures
from tests.simulator.auradine.miner import AuradineSim
from tests.simulator.auradine.testing import AT1500, AT2880, addresses, auradine_fixture

from .peer_helpers import bootstrap, run_peer

start_auradine = auradine_fixture(addresses(109, 130, 149))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_auradine_probe.py")


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


@pytest.mark.parametrize(
    ("model", "cls"), [(AT1500, "AuradineFluxAT1500"), (AT2880, "AuradineFluxAT2880")]
)
async def test_pyasic_factory_finds_the_model(
    pyasic_python: Path, start_auradine: object, model: str, cls: str
) -> None:
    sim: AuradineSim = await start_auradine(model)  # type: ignore[operator]
    assert await run_peer(pyasic_python, PYASIC_PROBE, "factory", sim.address) == {"class": cls}


async def test_pyasic_reads_the_simulated_miner(
    pyasic_python: Path, start_auradine: object
) -> None:
    sim: AuradineSim = await start_auradine(AT1500)  # type: ignore[operator]
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    assert (data["class"], data["model"]) == ("AuradineFluxAT1500", "AT1500")
    assert data["hashrate"] == pytest.approx(20.7)  # summary MHS 5s in pyasic's TH/s
    assert data["boards"] == [
        {
            "slot": slot,
            "hashrate": pytest.approx(sim.state.board_mhs(slot) / 1e6),
            "temp": round(captures.DEV_TEMPERATURES[slot]),
            "serial": captures.IPREPORT["HBSerialNo"][slot],
            "missing": False,
        }
        for slot in range(3)
    ]
    assert data["fans"] == list(captures.FAN_SPEEDS)
    assert (data["wattage"], data["wattage_limit"]) == (2000, sim.state.power_target)
    assert data["mac"] == sim.mac.upper()
    assert (data["hostname"], data["fw_ver"]) == (sim.state.hostname, captures.IPREPORT["version"])
    assert data["uptime"] >= captures.SUMMARY["Elapsed"]
    assert (data["is_mining"], data["fault_light"]) == (True, False)
    assert sim.state.tokens_issued >= 1  # it logged in with admin/admin


async def test_pyasic_controls_change_the_simulated_miner(
    pyasic_python: Path, start_auradine: object
) -> None:
    sim: AuradineSim = await start_auradine(AT1500)  # type: ignore[operator]
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "fault_light_on")
    assert sim.state.led_code == 3
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "stop_mining")
    assert sim.state.sleeping
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "resume_mining")
    assert not sim.state.sleeping
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "power_limit:2800")
    assert sim.state.power_target == 2800
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "restart_backend")
    assert sim.state.mining_restarts == 1


async def test_pyasic_reads_and_sends_the_configuration(
    pyasic_python: Path, start_auradine: object
) -> None:
    sim: AuradineSim = await start_auradine(AT1500)  # type: ignore[operator]
    found = await run_peer(pyasic_python, PYASIC_PROBE, "config", sim.address)
    assert found["pools"] == [{"url": url, "user": user} for url, user in sim.state.pools]
    assert (found["fan"], found["speed"]) == ("manual", 91)  # Target 7000 of Max 7700
    url, user = "stratum+tcp://peer.pool.invalid:3333", "peer.worker"
    await run_peer(pyasic_python, PYASIC_PROBE, "configure", sim.address, url, user, "55")
    assert sim.state.pools == [(url, user)]
    assert sim.state.fan_target_rpm == 4235  # 55 % of 7700 RPM
    assert sim.state.mode == "normal"  # pyasic sends its normal mining mode beside them
    found = await run_peer(pyasic_python, PYASIC_PROBE, "config", sim.address)
    assert (found["pools"], found["speed"]) == ([{"url": url, "user": user}], 55)


async def test_pyasic_rs_reads_the_simulated_miner(rs_python: Path, start_auradine: object) -> None:
    sim: AuradineSim = await start_auradine(AT1500)  # type: ignore[operator]
    found = (await run_peer(rs_python, RS_PROBE, "read", sim.address))[sim.address]
    assert (found["make"], found["model"], found["firmware"]) == (
        "Auradine",
        "AT1500",
        "Auradine Stock",
    )
    assert found["hashrate"] == {"value": pytest.approx(20.7), "unit": "TH/s"}
    # asic-rs takes mode's Ths (the captured 160) for the expected rate
    assert found["expected_hashrate"]["value"] == captures.MODE["Ths"]
    assert [b["hashrate"]["value"] for b in found["boards"]] == pytest.approx([6.8, 6.9, 7.0])
    assert [b["expected_chips"] for b in found["boards"]] == [132] * 3
    assert found["wattage"] == 2000.0
    assert found["tuning_target"] == {"type": "power", "value": float(sim.state.power_target)}
    assert found["fans"] == pytest.approx(list(captures.FAN_SPEEDS))
    assert [p["url"] for p in found["pools"]] == [url for url, _ in sim.state.pools]
    assert found["mac"] == sim.mac.upper()
    assert found["serial_number"] == captures.IPREPORT["SerialNo"]
    assert (found["is_mining"], found["light_flashing"]) == (True, False)


async def test_pyasic_rs_controls_change_the_simulated_miner(
    rs_python: Path, start_auradine: object
) -> None:
    sim: AuradineSim = await start_auradine(AT1500)  # type: ignore[operator]
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "fault_light_on")
    assert sim.state.led_code == 3
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "pause")
    assert sim.state.sleeping
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "resume")
    assert not sim.state.sleeping
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "power_limit", "2700")
    assert sim.state.power_target == 2700
