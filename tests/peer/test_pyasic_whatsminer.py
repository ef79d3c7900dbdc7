"""Faithfulness check for the simulated Whatsminers with pyasic, a client used on real ones.

pyasic identifies each model through its own probes (web 307 → LuCI, `devdetails`,
`get_version`, V3 `get.device.info`), reads it, and performs privileged writes with its
own crypto (md5-crypt token + AES for API V2, SHA-256 token for API V3): a write that
changes the simulator's state proves the simulator checks the real cryptography.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.simulator import Fleet, SimulatedMiner

from .test_pyasic import pyasic_python, run_probe  # noqa: F401 - fixture

WRITE_PROBE = Path(__file__).with_name("pyasic_write_probe.py")

FLEET = {
    # ip: (model, pyasic class, pyasic model)
    "127.0.9.10": ("whatsminer-m30s+", "BTMinerM30SPlusVE40", "M30S+ VE40"),
    "127.0.9.11": ("whatsminer-m50s", "BTMinerM50SVH30", "M50S VH30"),
    "127.0.9.12": ("whatsminer-m56s", "BTMinerM56SVH30", "M56S VH30"),
    "127.0.9.13": ("whatsminer-m60s", "BTMinerM60SVK30", "M60S VK30"),
    "127.0.9.14": ("whatsminer-m66s", "BTMinerM66SVK30", "M66S VK30"),
}


async def run_write(python: Path, ip: str, password: str, *action: str) -> dict[str, Any]:
    import asyncio

    process = await asyncio.create_subprocess_exec(
        str(python),
        str(WRITE_PROBE),
        ip,
        password,
        *action,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    result: dict[str, Any] = json.loads(out)
    return result


async def test_pyasic_identifies_and_reads_every_whatsminer(pyasic_python: Path) -> None:  # noqa: F811
    spec = ",".join(f"{model}@{ip}" for ip, (model, _, _) in FLEET.items())
    async with Fleet.from_spec(spec) as fleet:
        fleet["127.0.9.11"].state.fault_light = True
        seen = await run_probe(pyasic_python, *FLEET)
        for ip, (_, cls, model) in FLEET.items():
            sim, data = fleet[ip], seen[ip]
            assert data is not None, f"pyasic found no miner at {ip}"
            assert (data["class"], data["model"]) == (cls, model)
            assert data["hashrate"] == pytest.approx(sim.hashrate_ths, rel=1e-6)
            assert data["expected_hashrate"] == pytest.approx(sim.expected_hashrate_ths)
            assert len(data["boards"]) == sim.board_count
            assert [b["chips"] for b in data["boards"]] == [sim.chips_per_board] * sim.board_count
            assert sum(b["hashrate"] for b in data["boards"]) == pytest.approx(
                sim.hashrate_ths, rel=1e-4
            )
            assert data["mac"] == sim.mac
            assert data["serial_number"] == sim.serial_number
            assert data["hostname"] == sim.state.hostname
            assert data["is_mining"] is True
            assert data["fault_light"] is sim.state.fault_light
            if sim.fan_count:
                assert data["fans"] == sim.fan_speeds
        # API V2 models: pyasic reads pools from the V2 `pools` command
        for ip in ("127.0.9.10", "127.0.9.11", "127.0.9.12"):
            assert seen[ip]["pools"][0]["user"] == fleet[ip].state.pools[0]["user"]


async def test_pyasic_privileged_v2_write(pyasic_python: Path) -> None:  # noqa: F811
    ip = "127.0.9.20"
    async with SimulatedMiner("whatsminer-m50s", ip, password="s3cret", write_api=True) as sim:
        wrong = await run_write(pyasic_python, ip, "not-it", "fault_light_on")
        assert wrong["result"] is False
        assert sim.state.fault_light is False

        done = await run_write(pyasic_python, ip, "s3cret", "fault_light_on")
        assert (done["class"], done["rpc"], done["result"]) == (
            "BTMinerM50SVH30",
            "BTMinerRPCAPI",
            True,
        )
        assert sim.state.fault_light is True

        assert (await run_write(pyasic_python, ip, "s3cret", "stop_mining"))["result"] is True
        assert sim.state.mining is False
        data = (await run_probe(pyasic_python, ip))[ip]
        assert data["is_mining"] is False

        raw = await run_write(pyasic_python, ip, "s3cret", "raw_v2", "set_low_power")
        assert raw["result"]["Msg"] == "API command OK"
        assert sim.state.power_mode == "low"


async def test_pyasic_sees_the_locked_write_api(pyasic_python: Path) -> None:  # noqa: F811
    ip = "127.0.9.21"
    async with SimulatedMiner("whatsminer-m56s", ip) as sim:  # as shipped
        raw = await run_write(pyasic_python, ip, "admin", "raw_v2", "power_off")
        assert raw["result"]["raised"] == "APIError"
        assert "can't access write cmd" in raw["result"]["message"]
        assert sim.state.mining is True


async def test_pyasic_privileged_v3_write(pyasic_python: Path) -> None:  # noqa: F811
    ip = "127.0.9.22"
    async with SimulatedMiner("whatsminer-m60s", ip, write_api=True) as sim:
        # pyasic signs V3 writes as "super" with its password; the firmware refuses the
        # default password, so change it first
        refused = await run_write(pyasic_python, ip, "super", "fault_light_on")
        assert refused["result"] is False
        sim.state.v3_passwords["super"] = "pw123"
        done = await run_write(pyasic_python, ip, "pw123", "fault_light_on")
        assert (done["rpc"], done["result"]) == ("BTMinerV3RPCAPI", True)
        assert sim.state.fault_light is True
        assert (await run_write(pyasic_python, ip, "pw123", "stop_mining"))["result"] is True
        assert sim.state.mining is False
        assert (await run_write(pyasic_python, ip, "pw123", "resume_mining"))["result"] is True
        assert sim.state.mining is True
