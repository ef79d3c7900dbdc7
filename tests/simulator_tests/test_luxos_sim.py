"""The simulated LuxOS S19k Pro speaks LUXminer's RPC as captured: each read keeps the
captured reply's keys, joined commands answer one list each, writes need the session
``session`` or ``logon`` hands out (refused once it expired), curtailment stops every
board and the power supply, a board reboot kept off stops that board alone and fails while
asleep, and the simulator's faults act on port 4028. Simulated miners on 127.0.95.131-150,
spoken to with raw sockets (no driver code)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from tests.simulator.faults import Fault
from tests.simulator.luxos import captures
from tests.simulator.luxos.testing import StartLuxos, addresses, luxos_fixture

start_luxos = luxos_fixture(addresses(95, 131, 150))
CAPTURED = {
    "version": captures.VERSION,
    "config": captures.CONFIG,
    "summary": captures.SUMMARY,
    "stats": captures.STATS,
    "devs": captures.DEVS,
    "temps": captures.TEMPS,
    "fans": captures.FANS,
    "power": captures.POWER,
    "profiles": captures.PROFILES,
    "pools": captures.POOLS,
    "events": captures.EVENTS,
}


async def rpc(host: str, command: str, parameter: str | None = None) -> bytes:
    reader, writer = await asyncio.open_connection(host, 4028)
    request: dict[str, Any] = {"command": command}
    if parameter is not None:
        request["parameter"] = parameter
    writer.write(json.dumps(request).encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    return raw


async def ask(host: str, command: str, parameter: str | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(await rpc(host, command, parameter))
    return answer


def status(reply: dict[str, Any]) -> tuple[str, str]:
    entry = reply["STATUS"][0]
    return entry["STATUS"], entry["Msg"]


@pytest.mark.parametrize("command", sorted(CAPTURED))
async def test_each_read_keeps_the_captured_shape(start_luxos: StartLuxos, command: str) -> None:
    sim = await start_luxos()
    reply = await ask(sim.address, command)
    captured = CAPTURED[command]
    assert reply.keys() == captured.keys()
    assert reply["STATUS"][0].keys() == captured["STATUS"][0].keys()
    for body in (key for key in captured if key not in ("STATUS", "id")):
        if captured[body] and reply[body]:  # events: none while the miner is well
            assert reply[body][-1].keys() == captured[body][-1].keys()
    assert reply["STATUS"][0]["Description"].startswith("LUXminer ")


async def test_joined_commands_answer_one_list_each(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    reply = await ask(sim.address, "summary+stats+nosuchcommand")
    assert set(reply) == {"summary", "stats", "nosuchcommand", "id"}
    assert reply["summary"][0]["SUMMARY"][0]["GHS 5s"] == sim.state.total_ghs()
    assert status(reply["nosuchcommand"][0]) == ("E", "Invalid command")


async def test_writes_need_the_open_session(start_luxos: StartLuxos) -> None:
    sim = await start_luxos(session_seconds=0.2)
    assert (await ask(sim.address, "session"))["SESSION"][0]["SessionID"] == ""
    assert status(await ask(sim.address, "curtail", "nosuchid,sleep"))[0] == "E"
    session = (await ask(sim.address, "logon"))["SESSION"][0]["SessionID"]
    assert len(session) == 8
    assert (await ask(sim.address, "session"))["SESSION"][0]["SessionID"] == session
    assert status(await ask(sim.address, "logon"))[0] == "E"  # one session at a time
    reply = await ask(sim.address, "curtail", f"{session},sleep")
    assert reply["CURTAIL"] == [{"Action": "sleep mode"}]
    await asyncio.sleep(0.3)
    assert status(await ask(sim.address, "curtail", f"{session},wakeup")) == (
        "E",
        captures.INVALID_SESSION,
    )
    assert sim.state.curtailed


async def test_asleep_every_board_and_the_power_supply_stop(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    session = (await ask(sim.address, "logon"))["SESSION"][0]["SessionID"]
    await ask(sim.address, "curtail", f"{session},sleep")
    stats = (await ask(sim.address, "stats"))["STATS"][1]
    assert [stats[f"chain_acn{n}"] for n in (1, 2, 3)] == [0, 0, 0]
    assert (await ask(sim.address, "power"))["POWER"][0]["Watts"] == 0
    assert (await ask(sim.address, "config"))["CONFIG"][0]["CurtailMode"] != "None"
    assert [e["Code"] for e in (await ask(sim.address, "events"))["EVENTS"]] == ["SLEEP"]
    assert status(await ask(sim.address, "reboot", f"{session},0,0")) == ("E", captures.ASLEEP)


async def test_a_board_kept_off_stops_alone(start_luxos: StartLuxos) -> None:
    sim = await start_luxos(ramp_seconds=0.0)
    session = (await ask(sim.address, "logon"))["SESSION"][0]["SessionID"]
    reply = await ask(sim.address, "reboot", f"{session},2,0")
    assert reply["REBOOT"] == [{"Board": 2, "IsShutdown": True}]
    devs = {d["ID"]: d for d in (await ask(sim.address, "devs"))["DEVS"]}
    assert devs[2]["IsUserShutdown"] is True
    assert devs[2]["MHS 5s"] == 0
    assert devs[0]["MHS 5s"] > 0
    assert (await ask(sim.address, "events"))["EVENTS"][0]["Code"] == "SHUTDOWN_USER"
    await ask(sim.address, "reboot", f"{session},2")
    assert (await ask(sim.address, "devs"))["DEVS"][0]["IsUserShutdown"] is False


async def test_a_profile_set_ramps_the_boards(start_luxos: StartLuxos) -> None:
    sim = await start_luxos(ramp_seconds=0.3)
    session = (await ask(sim.address, "logon"))["SESSION"][0]["SessionID"]
    reply = await ask(sim.address, "profileset", f"{session},default")
    assert reply["PROFILE"][0]["Profile"] == "default"
    assert (await ask(sim.address, "summary"))["SUMMARY"][0]["GHS 5s"] == 0
    await asyncio.sleep(0.4)
    ghs = (await ask(sim.address, "summary"))["SUMMARY"][0]["GHS 5s"]
    assert ghs == pytest.approx(59756.07 * 121.8 / 59.8, rel=0.01)
    assert status(await ask(sim.address, "profileset", f"{session},9999MHz"))[0] == "E"


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.TRUNCATED])
async def test_faults_act_on_4028(start_luxos: StartLuxos, fault: Fault) -> None:
    sim = await start_luxos()
    sim.set_fault(fault, protocol="rpc")
    raw = await rpc(sim.address, "summary")
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)
    sim.clear_faults()
    assert json.loads(await rpc(sim.address, "summary"))["SUMMARY"]
