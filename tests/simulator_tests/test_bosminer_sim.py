"""The simulated S9 on Braiins OS+ speaks as the firmware's source and Braiins' documented
outputs say (tests/simulator/bosminer/captures.py), byte by byte, on 127.0.70.100-139."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator

import aiohttp
import asyncssh
import pytest

from tests.simulator.bosminer import BosminerSim
from tests.simulator.families import make_miner
from tests.simulator_tests.client import rpc_raw

_ADDRESSES = (f"127.0.70.{n}" for n in itertools.cycle(range(100, 140)))


@pytest.fixture
async def sim() -> AsyncIterator[BosminerSim]:
    async with BosminerSim("braiins-s9-bosminer", next(_ADDRESSES), reboot_seconds=0.3) as miner:
        yield miner


def _reply(raw: bytes) -> dict[str, object]:
    assert raw.endswith(b"\x00")  # lib.rs Codec: "null terminated string as a JSON response"
    value: dict[str, object] = json.loads(raw[:-1])
    return value


async def test_version_as_the_source_serializes_it(sim: BosminerSim) -> None:
    reply = _reply(await rpc_raw(sim.address, "version"))
    assert list(reply) == ["STATUS", "VERSION", "id"]
    status = reply["STATUS"][0]  # type: ignore[index]
    assert status["STATUS"] == "S"
    assert status["Code"] == 22
    assert status["Msg"] == "BOSminer+ versions"
    assert status["Description"] == "BOSminer+ 0.2.0-ea64aec8e"
    assert reply["VERSION"] == [{"BOSminer+": "0.2.0-ea64aec8e", "API": "3.7"}]


async def test_documented_replies(sim: BosminerSim) -> None:
    details = _reply(await rpc_raw(sim.address, "devdetails"))["DEVDETAILS"]
    assert [(d["ID"], d["Name"], d["Model"], d["Chips"], d["Cores"]) for d in details] == [  # type: ignore[attr-defined]
        (6, "Hash Chain 6", "Bitmain Antminer S9", 63, 7182),
        (7, "Hash Chain 7", "Bitmain Antminer S9", 63, 7182),
        (8, "Hash Chain 8", "Bitmain Antminer S9", 63, 7182),
    ]
    temps = _reply(await rpc_raw(sim.address, "temps"))
    assert temps["STATUS"][0]["Msg"] == "3 Temp(s)"  # type: ignore[index]
    assert [(t["ID"], t["Board"], t["Chip"]) for t in temps["TEMPS"]] == [  # type: ignore[attr-defined]
        (6, 81.875, 104.625),
        (7, 85.875, 108.9375),
        (8, 84.4375, 105.4375),
    ]
    fans = _reply(await rpc_raw(sim.address, "fans"))
    assert fans["STATUS"][0]["Code"] == 202  # type: ignore[index]
    assert [(f["RPM"], f["Speed"]) for f in fans["FANS"]] == [  # type: ignore[attr-defined]
        (5340, 100),
        (4620, 100),
        (0, 100),
        (0, 100),
    ]
    tuner = _reply(await rpc_raw(sim.address, "tunerstatus"))["TUNERSTATUS"][0]  # type: ignore[index]
    assert tuner["PowerLimit"] == 1420
    assert tuner["ApproximateMinerPowerConsumption"] == 1419
    assert tuner["ApproximateChainPowerConsumption"] == 1344
    assert [c["HashchainIndex"] for c in tuner["TunerChainStatus"]] == [6, 7, 8]
    assert tuner["TunerChainStatus"][0]["Status"] == "Tuning individual chips"
    assert tuner["DynamicPowerScaling"] == "Disabled"


async def test_joined_commands_and_access_denied(sim: BosminerSim) -> None:
    reply = _reply(await rpc_raw(sim.address, "summary+pools+switchpool"))
    assert set(reply) == {"summary", "pools", "switchpool", "id"}
    assert reply["summary"][0]["SUMMARY"][0]["MHS 1m"] > 0  # type: ignore[index]
    denied = reply["switchpool"][0]["STATUS"][0]  # type: ignore[index]
    assert (denied["STATUS"], denied["Code"]) == ("E", 45)
    assert denied["Msg"] == "Access denied to 'switchpool' command"


async def test_errors_as_the_source_answers_them(sim: BosminerSim) -> None:
    invalid = _reply(await rpc_raw(sim.address, "frobnicate"))["STATUS"][0]  # type: ignore[index]
    assert (invalid["STATUS"], invalid["Code"], invalid["Msg"]) == ("E", 14, "Invalid command")
    # one name after the split is looked up as sent (command.rs Receiver::handle)
    trailing = _reply(await rpc_raw(sim.address, "summary+"))["STATUS"][0]  # type: ignore[index]
    assert trailing["Code"] == 14
    text = _reply(await rpc_raw(sim.address, b"summary|"))["STATUS"][0]  # type: ignore[index]
    assert (text["Code"], text["Msg"]) == (23, "Invalid JSON")  # no plain-text form
    newline = _reply(await rpc_raw(sim.address, b'{"command":"version"}\n'))
    assert newline["VERSION"]  # whitespace after the JSON is taken (asic-rs sends "\n")


async def test_pause_and_resume_replies(sim: BosminerSim) -> None:
    paused = _reply(await rpc_raw(sim.address, "pause"))
    assert paused["PAUSE"] == [True]
    assert paused["STATUS"][0]["Code"] == 204  # type: ignore[index]
    summary = _reply(await rpc_raw(sim.address, "summary"))
    assert summary["SUMMARY"][0]["MHS 5s"] == 0  # type: ignore[index]
    assert _reply(await rpc_raw(sim.address, "fans"))["FANS"][0]["Speed"] == 0  # type: ignore[index]
    resumed = _reply(await rpc_raw(sim.address, "resume"))
    assert resumed["RESUME"] == [True]
    assert resumed["STATUS"][0]["Msg"] == "Resume"  # type: ignore[index]


async def test_web_is_luci(sim: BosminerSim) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://{sim.address}/", allow_redirects=False) as index:
            page = await index.text()
        async with session.get(f"http://{sim.address}/cgi-bin/luci") as luci:
            login = await luci.text()
    assert index.status == 200
    assert 'content="0; URL=/cgi-bin/luci"' in page
    assert "Braiins" not in page  # OpenWrt's redirect names no firmware
    assert luci.status == 403
    assert "<title>Braiins OS+ </title>" in login
    assert 'name="luci_password"' in login


async def _ssh(sim: BosminerSim, command: str) -> asyncssh.SSHCompletedProcess:
    async with asyncssh.connect(
        sim.address, username="root", password="", known_hosts=None, config=None
    ) as conn:
        return await conn.run(command, check=False)


async def test_ssh_miner_tool_and_led(sim: BosminerSim) -> None:
    on = await _ssh(sim, "miner fault_light on")
    assert (on.exit_status, on.stdout, on.stderr) == (0, "", "")
    led = await _ssh(sim, "cat '/sys/class/leds/Red LED/delay_off'")
    assert led.stdout == "50\n"
    bad = await _ssh(sim, "miner fault_light blink")
    assert bad.exit_status == 1
    assert bad.stderr == "command 'fault_light' takes only one argument [on|off]\n"
    await _ssh(sim, "miner fault_light off")
    gone = await _ssh(sim, "cat '/sys/class/leds/Red LED/delay_off'")
    assert gone.exit_status == 1
    assert "No such file or directory" in str(gone.stderr)


async def test_ssh_files(sim: BosminerSim) -> None:
    toml = await _ssh(sim, "cat /etc/bosminer.toml")
    assert "[format]\nversion = '1.0'\nmodel = 'Antminer S9'" in str(toml.stdout)
    assert "psu_power_limit = 1420" in str(toml.stdout)
    mac = await _ssh(sim, "cat /sys/class/net/eth0/address")
    assert mac.stdout == sim.mac.lower() + "\n"
    unknown = await _ssh(sim, "sysupgrade /tmp/x")
    assert unknown.exit_status == 127


async def test_restart_closes_the_rpc_port_and_applies_the_toml(sim: BosminerSim) -> None:
    sim.files["/etc/bosminer.toml"] = sim.files["/etc/bosminer.toml"].replace(
        "psu_power_limit = 1420", "psu_power_limit = 900"
    )
    await _ssh(sim, "/etc/init.d/bosminer restart")
    await asyncio.sleep(0.2)
    with pytest.raises(ConnectionRefusedError):
        await rpc_raw(sim.address, "version")
    await asyncio.sleep(0.3)
    tuner = _reply(await rpc_raw(sim.address, "tunerstatus"))["TUNERSTATUS"][0]  # type: ignore[index]
    assert tuner["PowerLimit"] == 900
    assert sim.power_watts == 899
    assert sim.hashrate_ths < 13.0


async def test_reboot_takes_every_port_down(sim: BosminerSim) -> None:
    await _ssh(sim, "/sbin/reboot")
    await asyncio.sleep(0.2)
    assert not sim.online
    await asyncio.sleep(0.4)
    assert sim.online
    assert sim.state.reboots == 1


async def test_made_through_the_families_table() -> None:
    miner = make_miner("braiins-s9-bosminer", "127.0.70.139", password="pw", reboot_seconds=1)
    assert isinstance(miner, BosminerSim)
    assert miner.ssh.password == "pw"


async def test_luci_login_interface_status_and_bos_info(sim: BosminerSim) -> None:
    base = f"http://{sim.address}/cgi-bin/luci"
    # aiohttp keeps cookies of an IP address only with unsafe=True
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(f"{base}/bos/info") as info:  # no login needed
            assert await info.json() == {
                "version": sim.files["/etc/bos_version"].strip(),
                "major": "",
                "mode": "nand",
            }
        async with session.get(f"{base}/admin/network/iface_status/lan") as before:
            assert before.status == 403  # the login form
        form = {"luci_username": "root", "luci_password": "wrong"}
        async with session.post(base, data=form, allow_redirects=False) as refused:
            assert refused.status == 403
        form["luci_password"] = ""
        async with session.post(base, data=form, allow_redirects=False) as login:
            assert login.status == 302
            assert login.headers["Location"].startswith("/cgi-bin/luci/;stok=")
        async with session.get(f"{base}/admin/network/iface_status/lan") as status:
            [lan] = await status.json()
    assert lan["id"] == "lan"
    assert lan["macaddr"] == sim.mac
    assert lan["subdevices"][0]["ifname"] == "eth0"
