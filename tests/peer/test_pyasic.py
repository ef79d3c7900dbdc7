"""Faithfulness check: pyasic, a client that works against real miners, reads the simulator.

pyasic lives in its own venv (scripts/bootstrap-pyasic) because its pins clash with Home
Assistant's; the probe runs there as a subprocess while the simulated miners run here.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.simulator import Fleet

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv-pyasic" / "bin" / "python"
PROBE = Path(__file__).with_name("pyasic_probe.py")

FLEET = (
    "antminer-s19pro@127.0.5.10,antminer-s19jpro@127.0.5.11,"
    "antminer-s21@127.0.5.12,antminer-s9@127.0.5.13"
)
# what pyasic should make of each model: its class and its model name
EXPECTED = {
    "127.0.5.10": ("BMMinerS19Pro", "S19 Pro"),
    "127.0.5.11": ("BMMinerS19jPro", "S19j Pro"),
    "127.0.5.12": ("BMMinerS21", "S21"),
    "127.0.5.13": ("BMMinerS9", "S9"),
}


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    result = subprocess.run(
        [str(ROOT / "scripts" / "bootstrap-pyasic")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0 or not PYTHON.exists():
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        pytest.skip(f"pyasic could not be installed by scripts/bootstrap-pyasic: {tail}")
    return PYTHON


async def run_probe(python: Path, *ips: str) -> dict[str, Any]:
    process = await asyncio.create_subprocess_exec(
        str(python),
        str(PROBE),
        *ips,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), 60)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode == 0, err.decode()
    sys.stderr.write(err.decode())
    result: dict[str, Any] = json.loads(out)
    return result


async def test_pyasic_identifies_and_reads_every_model(pyasic_python: Path) -> None:
    async with Fleet.from_spec(FLEET) as fleet:
        fleet["127.0.5.11"].state.fault_light = True
        seen = await run_probe(pyasic_python, *EXPECTED)

        for ip, (cls, model) in EXPECTED.items():
            sim, data = fleet[ip], seen[ip]
            assert data is not None, f"pyasic found no miner at {ip}"
            assert (data["class"], data["model"]) == (cls, model)
            assert data["hashrate"] == pytest.approx(sim.hashrate_ths, rel=1e-9)
            assert data["expected_hashrate"] == pytest.approx(sim.expected_hashrate_ths)
            assert len(data["boards"]) == sim.board_count
            assert [b["chips"] for b in data["boards"]] == [sim.chips_per_board] * sim.board_count
            assert sum(b["hashrate"] for b in data["boards"]) == pytest.approx(sim.hashrate_ths)
            assert data["fans"] == sim.fan_speeds
            assert data["is_mining"] is True
            assert data["uptime"] is not None
            assert data["pools"][0]["user"] == sim.state.pools[0]["user"]

        for ip in ("127.0.5.10", "127.0.5.11", "127.0.5.12"):  # modern web: identity and light
            sim, data = fleet[ip], seen[ip]
            assert data["mac"] == sim.mac
            assert data["serial_number"] == sim.serial_number
            assert data["hostname"] == sim.state.hostname
            assert data["fault_light"] is sim.state.fault_light
            assert sim.serial_number is not None
            assert [b["sn"] for b in data["boards"]] == [
                f"{sim.serial_number[:14]}B{i}" for i in range(sim.board_count)
            ]


async def test_pyasic_sees_a_sleeping_miner(pyasic_python: Path) -> None:
    async with Fleet.from_spec("antminer-s19pro@127.0.5.20") as fleet:
        fleet["127.0.5.20"].state.mining = False
        data = (await run_probe(pyasic_python, "127.0.5.20"))["127.0.5.20"]
        assert data["is_mining"] is False
        assert data["hashrate"] == 0
        assert data["expected_hashrate"] == pytest.approx(110.0)
