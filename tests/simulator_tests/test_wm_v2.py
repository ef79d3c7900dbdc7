"""Whatsminer API V2 on 4028: reads, joins, the encrypted write path and its refusals."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess

import pytest

from tests.simulator import Fault

from .conftest import MinerFactory
from .wm_client import V2Session, crypt_body, v2, v2_raw

PASSWORD = "s3cret"


async def test_reads_with_cmd_and_command(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer()
    for key in ("cmd", "command"):
        summary = await v2(sim.address, {key: "summary"})
        assert summary["STATUS"][0]["STATUS"] == "S"
        entry = summary["SUMMARY"][0]
        assert entry["MHS 1m"] / 1e6 == pytest.approx(sim.hashrate_ths)  # MH/s
        assert entry["Factory GHS"] == 126000
        assert entry["MAC"] == sim.mac
    version = await v2(sim.address, {"cmd": "get_version"})
    assert (version["STATUS"], version["Code"]) == ("S", 131)  # top-level STATUS
    assert version["Msg"]["fw_ver"] == "20230911.12.Rel"
    details = await v2(sim.address, {"command": "devdetails"})
    assert details["DEVDETAILS"][0]["Model"] == "M50S_VH30"
    assert details["DEVDETAILS"][0]["Driver"] == "bitmicro"
    edevs = await v2(sim.address, {"cmd": "edevs"})
    assert [d["Effective Chips"] for d in edevs["DEVS"]] == [156] * 3
    assert sum(d["MHS 1m"] for d in edevs["DEVS"]) / 1e6 == pytest.approx(sim.hashrate_ths)
    info = await v2(sim.address, {"cmd": "get_miner_info", "info": "mac,ledstat"})
    assert info["Msg"] == {"mac": sim.mac, "ledstat": "auto"}
    status = await v2(sim.address, {"cmd": "status"})
    assert status["Msg"]["btmineroff"] == "false"
    psu = await v2(sim.address, {"cmd": "get_psu"})
    assert psu["Msg"]["fan_speed"].isdigit()
    errors = await v2(sim.address, {"cmd": "get_error_code"})
    assert errors["Msg"] == {"error_code": []}


async def test_join_rules(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer()
    joined = await v2(sim.address, {"cmd": "summary+pools+edevs"})
    assert set(joined) == {"summary", "pools", "edevs", "id"}
    assert joined["pools"][0]["POOLS"][0]["User"] == sim.state.pools[0]["user"]
    for bad in ("summary+get_version", "status+pools", "get_psu+get_miner_info"):
        reply = await v2(sim.address, {"cmd": bad})
        assert (reply["STATUS"], reply["Code"], reply["Msg"]) == ("E", 45, "command join err")


async def test_unknown_command_and_bad_json(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer()
    reply = await v2(sim.address, {"cmd": "stats"})
    assert (reply["STATUS"], reply["Code"], reply["Msg"]) == ("E", 14, "invalid cmd")
    assert reply["Description"] == "whatsminer v2.0.5"
    reply = json.loads(await v2_raw(sim.address, b"{not json"))
    assert reply["Code"] == 23


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")
def test_md5_crypt_matches_openssl() -> None:
    from tests.simulator.whatsminer.crypto import md5_crypt_body

    for salt, word in (("BQ5hoXV9", "admin"), ("uGlQewVN", "s3cret"), ("x1Y2z3W4", "a" * 8)):
        out = subprocess.run(
            ["openssl", "passwd", "-1", "-salt", salt, word],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert out.split("$")[3] == md5_crypt_body(word, salt) == crypt_body(word, salt)
    # the factory password's hash body that is found in the real firmware
    assert md5_crypt_body("admin", "BQ5hoXV9") == "RxmaDUO33TS7O26yeMHZ81"


async def test_token_carries_the_shadow_salt(start_whatsminer: MinerFactory) -> None:
    stock = await start_whatsminer()
    changed = await start_whatsminer(password=PASSWORD)
    first = (await v2(stock.address, {"cmd": "get_token"}))["Msg"]
    second = (await v2(stock.address, {"cmd": "get_token"}))["Msg"]
    assert first["salt"] == second["salt"] == "BQ5hoXV9"
    assert first["newsalt"] != second["newsalt"]
    assert len(first["time"]) == 4
    salt = (await v2(changed.address, {"cmd": "get_token"}))["Msg"]["salt"]
    assert salt != "BQ5hoXV9"
    assert len(salt) == 8


async def test_crypto_round_trip_sets_the_led(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    session = await V2Session.open(sim.address, PASSWORD)
    reply = await session.send(
        {"cmd": "set_led", "color": "red", "period": 200, "duration": 100, "start": 0}
    )
    assert reply == {
        "STATUS": "S",
        "When": reply["When"],
        "Code": 131,
        "Msg": "API command OK",
        "Description": "",
    }
    assert sim.state.fault_light is True
    info = await v2(sim.address, {"cmd": "get_miner_info"})
    assert info["Msg"]["ledstat"] != "auto"
    assert (await session.send({"cmd": "set_led", "param": "auto"}))["Code"] == 131
    assert sim.state.fault_light is False
    # the same token serves again; an encrypted read is answered encrypted
    assert (await session.send({"cmd": "get_version"}))["Msg"]["api_ver"] == "2.0.5"


async def test_write_api_off_as_shipped(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD)
    assert sim.state.write_api_enabled is False
    session = await V2Session.open(sim.address, PASSWORD)
    reply = await session.send({"cmd": "power_off", "respbefore": "true"})
    assert (reply["STATUS"], reply["Code"], reply["Msg"]) == ("E", 45, "can't access write cmd")
    assert sim.state.mining is True
    # an unencrypted write is refused the same way
    reply = await v2(sim.address, {"cmd": "power_off"})
    assert reply["Msg"] == "can't access write cmd"


async def test_default_password_blocks_writes(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(write_api=True)  # password admin, never changed
    session = await V2Session.open(sim.address, "admin")
    reply = await session.send({"cmd": "set_low_power"})
    assert reply["Msg"] == "can't access write cmd"
    assert sim.state.power_mode == "normal"


async def test_wrong_password_fails_the_token_check(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    session = await V2Session.open(sim.address, "not-it")
    reply = await session.send({"cmd": "power_off"})
    assert (reply["STATUS"], reply["Code"], reply["Msg"]) == ("E", 135, "check token error")
    assert sim.state.mining is True


async def test_token_expires_after_30_minutes(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    session = await V2Session.open(sim.address, PASSWORD)
    sim.clock.advance(29 * 60)
    assert (await session.send({"cmd": "set_high_power"}))["Code"] == 131
    sim.clock.advance(61)
    reply = await session.send({"cmd": "set_low_power"})
    assert reply["Code"] == 135
    assert sim.state.power_mode == "high"
    fresh = await V2Session.open(sim.address, PASSWORD)
    assert (await fresh.send({"cmd": "set_low_power"}))["Code"] == 131
    assert sim.state.power_mode == "low"


async def test_forged_token_is_refused(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    session = await V2Session.open(sim.address, PASSWORD)
    session.sign = "A" * 22
    assert (await session.send({"cmd": "reboot"}))["Code"] == 135
    bad = await v2(sim.address, {"enc": 1, "data": "!!!not base64!!!"})
    assert bad["Code"] == 137


async def test_token_limit_per_client_ip(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    for _ in range(32):
        assert (await v2(sim.address, {"cmd": "get_token"}))["Code"] == 134
    reply = await v2(sim.address, {"cmd": "get_token"})
    assert (reply["STATUS"], reply["Code"], reply["Msg"]) == ("E", 136, "over max connect")
    # another client IP still gets one
    other = await v2(sim.address, {"cmd": "get_token"}, source="127.0.6.251")
    assert other["Code"] == 134
    sim.clock.advance(30 * 60)
    assert (await v2(sim.address, {"cmd": "get_token"}))["Code"] == 134


async def test_at_most_16_client_ips_hold_tokens(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer()
    sources = [f"127.0.6.{n}" for n in range(230, 247)]
    for source in sources[:16]:
        assert (await v2(sim.address, {"cmd": "get_token"}, source=source))["Code"] == 134
    reply = await v2(sim.address, {"cmd": "get_token"}, source=sources[16])
    assert reply["Msg"] == "over max connect"


async def test_power_off_stops_btminer(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    session = await V2Session.open(sim.address, PASSWORD)
    assert (await session.send({"cmd": "power_off", "respbefore": "true"}))["Code"] == 131
    assert sim.state.mining is False
    assert sim.hashrate_ths == 0
    assert (await v2(sim.address, {"cmd": "status"}))["Msg"]["btmineroff"] == "true"
    summary = await v2(sim.address, {"cmd": "summary"})
    assert (summary["STATUS"], summary["Code"]) == ("E", 132)
    joined = await v2(sim.address, {"cmd": "summary+pools"})
    assert (joined["STATUS"], joined["Code"]) == ("E", 132)
    assert (await v2(sim.address, {"cmd": "devdetails"}))["Code"] == 132
    assert (await v2(sim.address, {"cmd": "get_version"}))["Code"] == 131  # the daemon's own
    assert (await session.send({"cmd": "power_on"}))["Code"] == 131
    summary = await v2(sim.address, {"cmd": "summary"})
    assert summary["SUMMARY"][0]["MHS 1m"] > 0


async def test_power_modes_limits_and_settings(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    session = await V2Session.open(sim.address, PASSWORD)
    assert (await session.send({"cmd": "set_low_power"}))["Code"] == 131
    summary = (await v2(sim.address, {"cmd": "summary"}))["SUMMARY"][0]
    assert summary["Power Mode"] == "Low"
    assert summary["MHS 1m"] / 1e6 == pytest.approx(sim.hashrate_ths)
    assert sim.hashrate_ths < sim.expected_hashrate_ths * 0.85
    assert (await session.send({"cmd": "set_normal_power"}))["Code"] == 131
    for command, check in (
        ({"cmd": "set_power_pct", "percent": "80"}, lambda: sim.state.power_pct == 80),
        ({"cmd": "set_target_freq", "percent": "-5"}, lambda: sim.state.target_freq == -5),
        (
            {"cmd": "set_hostname", "hostname": "rack7-m50s"},
            lambda: sim.state.hostname == "rack7-m50s",
        ),
        ({"cmd": "set_temp_offset", "temp_offset": "-10"}, lambda: sim.state.temp_offset == -10),
        ({"cmd": "disable_btminer_fast_boot"}, lambda: sim.state.fast_boot is False),
        (
            {"cmd": "set_zone", "timezone": "CET-1", "zonename": "Europe/Berlin"},
            lambda: sim.state.zone[0] == "CET-1",
        ),
    ):
        assert (await session.send(command))["Code"] == 131, command
        assert check(), command
    assert (await v2(sim.address, {"cmd": "get_miner_info"}))["Msg"]["hostname"] == "rack7-m50s"
    assert (await session.send({"cmd": "set_power_pct", "percent": "120"}))["Code"] == 14
    assert (await session.send({"cmd": "no_such_write"}))["Code"] == 14


async def test_update_pools(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    session = await V2Session.open(sim.address, PASSWORD)
    request = {
        "cmd": "update_pools",
        "pool1": "stratum+tcp://a.invalid:3333",
        "worker1": "me.1",
        "passwd1": "x",
        "pool2": "stratum+tcp://b.invalid:3333",
        "worker2": "me.2",
        "passwd2": "x",
    }
    assert (await session.send(request))["Code"] == 131
    assert [p["url"] for p in sim.state.pools] == [
        "stratum+tcp://a.invalid:3333",
        "stratum+tcp://b.invalid:3333",
        "",
    ]
    pools = (await v2(sim.address, {"cmd": "pools"}))["POOLS"]
    assert [p["User"] for p in pools] == ["me.1", "me.2"]


async def test_adjust_power_limit_restarts_the_miner(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True, reboot_seconds=0.5)
    session = await V2Session.open(sim.address, PASSWORD)
    reply = await session.send({"cmd": "adjust_power_limit", "power_limit": "2800"})
    assert reply["Code"] == 131
    assert sim.state.power_limit == 2800
    await asyncio.sleep(0.25)
    with pytest.raises(ConnectionRefusedError):
        await v2(sim.address, {"cmd": "summary"})
    await asyncio.sleep(0.6)
    summary = (await v2(sim.address, {"cmd": "summary"}))["SUMMARY"][0]
    assert summary["Power Limit"] == 2800
    assert summary["Power"] <= 2800
    assert (await v2(sim.address, {"cmd": "status"}))["Msg"]["power_limit_set"] == "2800"


async def test_reboot_resets_uptime(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True, reboot_seconds=0.3)
    sim.clock.advance(3600)
    assert (await v2(sim.address, {"cmd": "summary"}))["SUMMARY"][0]["Uptime"] >= 3600
    session = await V2Session.open(sim.address, PASSWORD)
    assert (await session.send({"cmd": "reboot"}))["Code"] == 131
    await asyncio.sleep(0.8)
    assert (await v2(sim.address, {"cmd": "summary"}))["SUMMARY"][0]["Uptime"] < 5


async def test_update_pwd(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    session = await V2Session.open(sim.address, PASSWORD)
    assert (await session.send({"cmd": "update_pwd", "old": "nope", "new": "abc"}))["Code"] == 132
    assert (await session.send({"cmd": "update_pwd", "old": PASSWORD, "new": "toolongpw"}))[
        "Code"
    ] == 132
    assert (await session.send({"cmd": "update_pwd", "old": PASSWORD, "new": "n3wpw"}))[
        "Code"
    ] == 131
    assert sim.state.password == "n3wpw"
    old = await V2Session.open(sim.address, PASSWORD)
    assert (await old.send({"cmd": "set_low_power"}))["Code"] == 135
    new = await V2Session.open(sim.address, "n3wpw")
    assert (await new.send({"cmd": "set_low_power"}))["Code"] == 131


async def test_wrong_password_fault(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer(password=PASSWORD, write_api=True)
    sim.set_fault(Fault.WRONG_PASSWORD)
    session = await V2Session.open(sim.address, PASSWORD)
    assert (await session.send({"cmd": "set_low_power"}))["Code"] == 135
    sim.clear_faults()
    assert (await session.send({"cmd": "set_low_power"}))["Code"] == 131


async def test_v3_firmware_keeps_a_reduced_v2_api(start_whatsminer: MinerFactory) -> None:
    sim = await start_whatsminer("whatsminer-m60s")
    summary = (await v2(sim.address, {"cmd": "summary"}))["SUMMARY"][0]
    assert summary["MHS 1m"] / 1e6 == pytest.approx(sim.hashrate_ths)
    assert "Factory GHS" not in summary
    assert "Power" not in summary
    assert (await v2(sim.address, {"cmd": "get_version"}))["Msg"]["fw_ver"] >= "20241101"
    assert (await v2(sim.address, {"cmd": "pools"}))["POOLS"]
    for gone in ("devdetails", "edevs", "devs", "get_token", "get_error_code"):
        assert (await v2(sim.address, {"cmd": gone}))["Code"] == 14, gone
    assert (await v2(sim.address, {"enc": 1, "data": "AAAA"}))["Code"] == 14


async def test_idle_connection_is_closed_without_reply(
    start_whatsminer: MinerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.simulator.whatsminer.rpc import WhatsminerRpcServer

    monkeypatch.setattr(WhatsminerRpcServer, "read_timeout", 0.3)
    sim = await start_whatsminer()
    reader, writer = await asyncio.open_connection(sim.address, 4028)
    try:
        assert await asyncio.wait_for(reader.read(), 2) == b""
    finally:
        writer.close()
