"""Whatsminer API V3 on 4433: frames, persistent connections, reads, tokens and writes."""

from __future__ import annotations

import asyncio
import json
import struct

import pytest

from tests.simulator import Fault

from .conftest import MinerFactory
from .wm_client import V3Connection, v3_call

PASSWORD = "pw123"


async def writable(start_whatsminer: MinerFactory, model: str = "whatsminer-m60s"):  # type: ignore[no-untyped-def]
    sim = await start_whatsminer(model, write_api=True)
    sim.state.v3_passwords["super"] = PASSWORD
    return sim


async def test_frames_on_a_persistent_connection(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer("whatsminer-m60s")
    conn = await V3Connection.open(sim.address)
    try:
        info = await conn.call({"cmd": "get.device.info"})
        assert (info["code"], info["desc"]) == (0, "get.device.info")
        msg = info["msg"]
        assert msg["miner"]["type"] == "M60S_VK30"
        assert msg["network"]["mac"] == sim.mac
        assert msg["system"]["fwversion"] >= "20241101"
        assert msg["system"]["ledstatus"] == "auto"
        assert set(msg) >= {"network", "miner", "system", "power", "salt", "error-code"}
        await conn.send_raw(b"")  # heartbeat: four zero bytes, no answer
        salt = await conn.call({"cmd": "get.device.info", "param": "salt"})
        assert list(salt["msg"]) == ["salt"]
        assert salt["msg"]["salt"] == msg["salt"]
    finally:
        await conn.close()


async def test_miner_status_in_ths(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer("whatsminer-m66s")
    reply = await v3_call(sim.address, {"cmd": "get.miner.status", "param": "summary+pools+edevs"})
    msg = reply["msg"]
    assert msg["summary"]["hash-realtime"] == pytest.approx(sim.hashrate_ths, abs=1e-3)
    assert msg["summary"]["factory-hash"] == 298.0
    assert msg["summary"]["fan-speed-in"] == 0  # immersion: no fans
    assert len(msg["edevs"]) == 3
    assert sum(e["hash-average"] for e in msg["edevs"]) == pytest.approx(sim.hashrate_ths, abs=3e-3)
    assert msg["pools"][0]["account"] == sim.state.pools[0]["user"]
    only = await v3_call(sim.address, {"cmd": "get.miner.status", "param": "pools"})
    assert list(only["msg"]) == ["pools"]
    assert (await v3_call(sim.address, {"cmd": "get.miner.status"}))["msg"] == {}
    bad = await v3_call(sim.address, {"cmd": "get.miner.status", "param": "stats"})
    assert bad["code"] == -3
    setting = await v3_call(sim.address, {"cmd": "get.miner.setting"})
    assert setting["msg"]["power-mode"] == "normal"


async def test_errors(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer("whatsminer-m60s")
    conn = await V3Connection.open(sim.address)
    try:
        assert (await conn.call({"cmd": "get.nothing"}))["code"] == -2
        await conn.send_raw(b"{nope")
        assert (await conn.receive())["code"] == -1
        missing = await conn.call({"cmd": "set.system.reboot"})
        assert missing["code"] == -3
    finally:
        await conn.close()


async def test_write_needs_switch_and_changed_password(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer("whatsminer-m60s")
    conn = await V3Connection.open(sim.address)
    try:
        reply = await conn.write("set.miner.power_mode", "low", password="super")
        assert (reply["code"], reply["msg"]) == (-4, "no permission")
        sim.state.write_api_enabled = True
        reply = await conn.write("set.miner.power_mode", "low", password="super")
        assert reply["code"] == -4  # default password still in place
        sim.state.v3_passwords["super"] = PASSWORD
        reply = await conn.write("set.miner.power_mode", "low", password="wrong")
        assert reply["code"] == -1
        reply = await conn.write("set.miner.power_mode", "low", password=PASSWORD)
        assert (reply["code"], reply["msg"], reply["desc"]) == (0, "ok", "set.miner.power_mode")
        assert sim.state.power_mode == "low"
    finally:
        await conn.close()


async def test_controls(start_whatsminer: MinerFactory) -> None:
    sim = await writable(start_whatsminer)
    conn = await V3Connection.open(sim.address)
    try:
        leds = [{"color": "red", "period": 200, "duration": 100, "start": 0}]
        assert (await conn.write("set.system.led", leds, password=PASSWORD))["code"] == 0
        assert sim.state.fault_light is True
        info = await conn.call({"cmd": "get.device.info", "param": "system"})
        assert info["msg"]["system"]["ledstatus"] != "auto"
        assert (await conn.write("set.system.led", "auto", password=PASSWORD))["code"] == 0
        assert sim.state.fault_light is False
        assert (await conn.write("set.miner.service", "stop", password=PASSWORD))["code"] == 0
        assert sim.state.mining is False
        device = await conn.call({"cmd": "get.device.info", "param": "miner"})
        assert device["msg"]["miner"]["working"] == "false"
        summary = await conn.call({"cmd": "get.miner.status", "param": "summary"})
        assert summary["msg"]["summary"]["hash-realtime"] == 0
        assert (await conn.write("set.miner.service", "start", password=PASSWORD))["code"] == 0
        assert sim.state.mining is True
        assert (await conn.write("set.miner.service", "restart", password=PASSWORD))["code"] == 0
        bad = await conn.write("set.miner.service", "explode", password=PASSWORD)
        assert bad["code"] == -3
        assert (await conn.write("set.miner.power_mode", "high", password=PASSWORD))["code"] == 0
        assert sim.state.power_mode == "high"
        host = {"hostname": "v3-box"}
        assert (await conn.write("set.system.hostname", host, password=PASSWORD))["code"] == 0
        assert sim.state.hostname == "v3-box"
        assert (await conn.write("set.nothing", 1, password=PASSWORD))["code"] == -2
    finally:
        await conn.close()


async def test_encrypted_pools_and_password(start_whatsminer: MinerFactory) -> None:
    sim = await writable(start_whatsminer)
    conn = await V3Connection.open(sim.address)
    try:
        pools = [
            {"pool": "stratum+tcp://v3.invalid:3333", "worker": "w.1", "passwd": "x"},
            {"pool": "stratum+tcp://v3b.invalid:3333", "worker": "w.2", "passwd": "x"},
        ]
        reply = await conn.write("set.miner.pools", pools, password=PASSWORD, encrypt=True)
        assert reply["code"] == 0
        assert [p["user"] for p in sim.state.pools[:2]] == ["w.1", "w.2"]
        # not encrypted: refused
        reply = await conn.write("set.miner.pools", pools, password=PASSWORD)
        assert reply["code"] == -1
        change = {"account": "super", "old": PASSWORD, "new": "n3w"}
        reply = await conn.write("set.user.change_passwd", change, password=PASSWORD, encrypt=True)
        assert reply["code"] == 0
        assert sim.state.v3_passwords["super"] == "n3w"
        assert (await conn.write("set.miner.power_mode", "low", password=PASSWORD))["code"] == -1
        assert (await conn.write("set.miner.power_mode", "low", password="n3w"))["code"] == 0
    finally:
        await conn.close()


async def test_other_accounts(start_whatsminer: MinerFactory) -> None:
    sim = await writable(start_whatsminer)
    conn = await V3Connection.open(sim.address)
    try:
        reply = await conn.write("set.miner.power_mode", "low", account="user1", password="user1")
        assert reply["code"] == -4  # still its default password
        sim.state.v3_passwords["user1"] = "u1pw"
        reply = await conn.write("set.miner.power_mode", "low", account="user1", password="u1pw")
        assert reply["code"] == 0
        reply = await conn.write("set.miner.power_mode", "low", account="root", password="x")
        assert reply["code"] == -4
    finally:
        await conn.close()


async def test_power_limit_restarts(start_whatsminer: MinerFactory) -> None:
    sim = await writable(start_whatsminer)
    conn = await V3Connection.open(sim.address)
    try:
        assert (await conn.write("set.miner.power_limit", 3000, password=PASSWORD))["code"] == 0
        assert sim.state.power_limit == 3000
        out_of_range = await conn.write("set.miner.power_limit", 100, password=PASSWORD)
        assert out_of_range["code"] == -3
    finally:
        await conn.close()
    await asyncio.sleep(0.2)
    with pytest.raises(ConnectionRefusedError):
        await V3Connection.open(sim.address)
    await asyncio.sleep(0.4)
    summary = await v3_call(sim.address, {"cmd": "get.miner.status", "param": "summary"})
    assert summary["msg"]["summary"]["power-limit"] == 3000


async def test_reboot(start_whatsminer: MinerFactory) -> None:
    sim = await writable(start_whatsminer)
    conn = await V3Connection.open(sim.address)
    try:
        assert (await conn.write("set.system.reboot", None, password=PASSWORD))["code"] == 0
        await asyncio.sleep(0.2)  # the reply leaves first, then the miner goes down
        with pytest.raises((asyncio.IncompleteReadError, ConnectionError)):
            await conn.call({"cmd": "get.device.info", "param": "salt"})
    finally:
        await conn.close()
    await asyncio.sleep(0.6)
    assert (await v3_call(sim.address, {"cmd": "get.device.info"}))["code"] == 0


async def test_at_most_ten_clients(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer("whatsminer-m60s")
    conns = [await V3Connection.open(sim.address) for _ in range(10)]
    try:
        for conn in conns:
            assert (await conn.call({"cmd": "get.miner.setting"}))["code"] == 0
        extra = await V3Connection.open(sim.address)
        with pytest.raises((asyncio.IncompleteReadError, ConnectionError)):
            await extra.call({"cmd": "get.miner.setting"})
        await extra.close()
        await conns[0].close()
        await asyncio.sleep(0.05)
        again = await V3Connection.open(sim.address)
        assert (await again.call({"cmd": "get.miner.setting"}))["code"] == 0
        await again.close()
    finally:
        for conn in conns[1:]:
            await conn.close()


async def test_idle_close(start_whatsminer: MinerFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.simulator.whatsminer import v3 as wm_v3

    monkeypatch.setattr(wm_v3, "IDLE_TIMEOUT", 0.3)
    sim = await start_whatsminer("whatsminer-m60s")
    reader, writer = await asyncio.open_connection(sim.address, 4433)
    try:
        writer.write(struct.pack("<I", 0))  # a heartbeat keeps it open for another period
        await asyncio.sleep(0.2)
        writer.write(struct.pack("<I", 0))
        await asyncio.sleep(0.2)
        payload = json.dumps({"cmd": "get.miner.setting"}).encode()
        writer.write(struct.pack("<I", len(payload)) + payload)
        header = await asyncio.wait_for(reader.readexactly(4), 2)
        await reader.readexactly(struct.unpack("<I", header)[0])
        assert await asyncio.wait_for(reader.read(), 2) == b""  # then idle: closed
    finally:
        writer.close()


async def test_faults_on_4433(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer("whatsminer-m60s")
    request = {"cmd": "get.device.info"}
    sim.set_fault(Fault.GARBAGE)
    conn = await V3Connection.open(sim.address)
    with pytest.raises((json.JSONDecodeError, UnicodeDecodeError)):
        await conn.call(request)
    await conn.close()
    sim.clear_faults()
    sim.set_fault(Fault.TRUNCATED)
    conn = await V3Connection.open(sim.address)
    with pytest.raises(asyncio.IncompleteReadError):
        await conn.call(request)
    await conn.close()
    sim.clear_faults()
    sim.set_fault(Fault.DROP)
    conn = await V3Connection.open(sim.address)
    with pytest.raises((asyncio.IncompleteReadError, ConnectionResetError)):
        await conn.call(request)
    await conn.close()
    sim.clear_faults()
    sim.set_fault(Fault.SILENCE)
    conn = await V3Connection.open(sim.address)
    await conn.send_raw(json.dumps(request).encode())
    with pytest.raises(TimeoutError):
        await conn.receive(limit=0.3)
    await conn.close()
    sim.clear_faults()
    sim.set_fault(Fault.DELAY, seconds=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert (await v3_call(sim.address, request))["code"] == 0
    assert loop.time() - started >= 0.3
    sim.clear_faults()
    await sim.go_offline()
    with pytest.raises(ConnectionRefusedError):
        await V3Connection.open(sim.address)
    await sim.come_back()
    assert (await v3_call(sim.address, request))["code"] == 0


async def test_wrong_password_fault(start_whatsminer: MinerFactory) -> None:
    sim = await writable(start_whatsminer)
    sim.set_fault(Fault.WRONG_PASSWORD)
    conn = await V3Connection.open(sim.address)
    try:
        assert (await conn.write("set.miner.power_mode", "low", password=PASSWORD))["code"] == -1
    finally:
        await conn.close()
