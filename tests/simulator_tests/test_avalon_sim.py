"""The simulated Avalons byte by byte: what a client sees on TCP 4028 (127.0.50.x)."""

from __future__ import annotations

import asyncio
import json
import re
import time
from typing import Any

import pytest

from tests.simulator.avalon import MODELS, AvalonSim
from tests.simulator.avalon.testing import StartAvalon, addresses, avalon_fixture
from tests.simulator.families import make_miner
from tests.simulator.faults import Fault

from .client import rpc_raw

start_avalon = avalon_fixture(addresses(50))


def loads(data: bytes) -> dict[str, Any]:
    assert data.endswith(b"\x00"), "every Avalon reply ends with the C string's NUL"
    value: dict[str, Any] = json.loads(data[:-1])
    return value


async def ask(sim: AvalonSim, command: str, parameter: str | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {"command": command}
    if parameter is not None:
        request["parameter"] = parameter
    return loads(await rpc_raw(sim.address, request))


async def text(sim: AvalonSim, request: str) -> str:
    data = await rpc_raw(sim.address, request.encode())
    assert data.endswith(b"\x00")
    return data[:-1].decode()


def mm_tokens(stats: dict[str, Any]) -> dict[str, str]:
    entry = stats["STATS"][0]
    raw = entry.get("MM ID0") or entry["MM ID0:Summary"]
    return dict(re.findall(r"(\w+)\[([^\]]*)\]", raw))


def status(reply: dict[str, Any]) -> tuple[str, int, str]:
    entry = reply["STATUS"][0]
    return entry["STATUS"], entry["Code"], entry["Msg"]


@pytest.mark.parametrize(
    ("model", "prod"),
    [
        ("avalon-nano3s", "Avalon Nano3s"),
        ("avalon-mini3", "Avalon Mini3"),
        ("avalon-q", "Avalon Q"),
        ("avalon-a1566", "AvalonMiner 15-194"),
    ],
)
async def test_version_names_the_model_and_this_miners_mac(
    start_avalon: StartAvalon, model: str, prod: str
) -> None:
    sim = await start_avalon(model)
    version = (await ask(sim, "version"))["VERSION"][0]
    assert version["PROD"] == prod
    assert version["MAC"].replace(":", "").upper() == sim.mac.replace(":", "")
    assert version["DNA"] == sim.dna


async def test_every_family_model_is_listed_and_made_by_make_miner() -> None:
    for key in MODELS:
        sim = make_miner(key, "127.0.50.5", password=None, jitter=True)
        assert isinstance(sim, AvalonSim)
        assert sim.model == key


@pytest.mark.parametrize("model", list(MODELS))
async def test_estats_carries_the_live_figures(start_avalon: StartAvalon, model: str) -> None:
    sim = await start_avalon(model)
    tokens = mm_tokens(await ask(sim, "estats"))
    assert float(tokens["GHSspd"]) / 1000 == pytest.approx(sim.hashrate_ths, abs=0.001)
    assert float(tokens["GHSmm"]) / 1000 == pytest.approx(sim.expected_hashrate_ths, abs=0.001)
    assert tokens["GHSspd"] != tokens["GHSavg"]
    watts = tokens.get("WALLPOWER") or tokens["PS"].split()[6]
    assert int(watts) == sim.power_watts
    assert [int(tokens[f"Fan{i + 1}"]) for i in range(sim.spec.fans)] == sim.fan_speeds
    assert "Work: In Work" in tokens["SYSTEMSTATU"]


@pytest.mark.parametrize("model", list(MODELS))
async def test_boards_add_up_to_the_average_not_the_current_rate(
    start_avalon: StartAvalon, model: str
) -> None:
    sim = await start_avalon(model)
    tokens = mm_tokens(await ask(sim, "estats"))
    boards = [float(v) for v in tokens["MGHS"].split()]
    assert len(boards) == sim.spec.boards
    assert sum(boards) == pytest.approx(float(tokens["GHSavg"]), abs=0.02)
    assert sum(boards) != pytest.approx(float(tokens["GHSspd"]), abs=1.0)


async def test_soft_off_keeps_the_nominal_rate_and_stops_every_fan(
    start_avalon: StartAvalon,
) -> None:
    sim = await start_avalon("avalon-q")
    working = mm_tokens(await ask(sim, "estats"))
    await ask(sim, "ascset", f"0,softoff,1:{int(sim.clock.time())}")
    idle = mm_tokens(await ask(sim, "estats"))
    assert "In Idle" in idle["SYSTEMSTATU"]
    assert float(idle["GHSspd"]) == 0
    assert float(idle["GHSmm"]) == float(working["GHSmm"]) > 0
    assert [idle[f"Fan{i + 1}"] for i in range(sim.spec.fans)] == ["0"] * sim.spec.fans
    assert idle["FanR"] == "0%"
    assert float(idle["MGHS"]) == pytest.approx(float(idle["GHSavg"]), abs=0.02)
    assert float(idle["MGHS"]) > 0


async def test_a_series_reports_each_board_and_its_wall_power(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    tokens = mm_tokens(await ask(sim, "estats"))
    boards = [float(v) / 1000 for v in tokens["MGHS"].split()]
    assert boards == pytest.approx(sim.board_hashrates_ths, abs=0.001)
    assert len(tokens["MTmax"].split()) == 3
    assert all(len(tokens[f"PVT_T{b}"].split()) == 160 for b in range(3))


async def test_the_q_writes_its_figures_as_a_summary_block(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    entry = (await ask(sim, "estats"))["STATS"][0]
    assert entry["MM ID0:Summary"].startswith("'STATS':{Ver[Q-")
    assert entry["HBinfo"].startswith("'HB0':{PVT_T0[")
    lite = (await ask(sim, "litestats"))["STATS"][0]
    assert list(lite) == ["MM ID0:Summary"]


async def test_stats_adds_one_entry_per_pool(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    ids = [entry["ID"] for entry in (await ask(sim, "stats"))["STATS"]]
    assert ids == ["AVA100", "POOL0", "POOL1", "POOL2"]


async def test_plain_text_form_keeps_the_commas_inside_mm_id0(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    reply = await text(sim, "estats")
    assert reply.startswith("STATUS=S,When=")
    assert "|STATS=0,ID=AVALON0," in reply
    assert "SYSTEMSTATU[Work: In Work, Hash Board: 1]" in reply
    version = await text(sim, "version")
    assert "|VERSION,CGMiner=4.11.1,API=3.7,PROD=Avalon Mini3," in version
    help_reply = await text(sim, "ascset|0,help")
    assert "Msg=ASC 0 set info: help\\|voltage\\|" in help_reply


async def test_joined_commands_answer_in_order_and_refuse_writes(
    start_avalon: StartAvalon,
) -> None:
    sim = await start_avalon("avalon-nano3s")
    joined = await ask(sim, "version+summary+pools+estats+ascset+bogus")
    assert list(joined) == ["version", "summary", "pools", "estats", "ascset", "bogus", "id"]
    assert status(joined["ascset"][0]) == ("E", 45, "Access denied to 'ascset' command")
    assert status(joined["bogus"][0]) == ("E", 14, "Invalid command")
    assert "Description" not in joined["bogus"][0]["STATUS"][0]
    text_join = await text(sim, "summary+pools")
    assert text_join.startswith("CMD=summary|STATUS=S,")
    assert "|CMD=pools|STATUS=S," in text_join


async def test_unknown_command_and_bad_json(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    assert status(await ask(sim, "minerstats")) == ("E", 14, "Invalid command")
    assert status(loads(await rpc_raw(sim.address, b"{not json"))) == ("E", 23, "Invalid JSON")
    restart = await ask(sim, "restart")
    assert status(restart) == ("E", 14, "Invalid command")  # the home models have no restart


async def test_ascset_answers_ok_info_or_failed(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    assert status(await ask(sim, "ascset", "0,workmode,set,2")) == ("S", 119, "ASC 0 set OK")
    assert status(await ask(sim, "ascset", "0,workmode,set,3")) == (
        "E",
        120,
        "ASC 0 set failed: error:1 not support set workmode max_mode[2]",
    )
    assert status(await ask(sim, "ascset", "0,fan-spd,5"))[0] == "E"
    assert status(await ask(sim, "ascset", "0,target-temp,70")) == (
        "E",
        120,
        "ASC 0 set failed: Unknown option: target-temp",
    )
    assert status(await ask(sim, "ascset", "0,fan-spd")) == (
        "E",
        120,
        "ASC 0 set failed: missing fan-spd setting",
    )
    assert status(await ask(sim, "ascset", "")) == ("E", 15, "Missing device id parameter")
    assert status(await ask(sim, "ascset", "0"))[1] == 116
    letter, code, msg = status(await ask(sim, "ascset", "0,help"))
    assert (letter, code) == ("I", 118)
    assert msg.startswith("ASC 0 set info: help|voltage|fan-spd|")


async def test_work_mode_changes_hashrate_power_and_target(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    eco = (sim.hashrate_ths, sim.power_watts, sim.state.target_temp)
    await ask(sim, "ascset", "0,workmode,set,2")
    tokens = mm_tokens(await ask(sim, "estats"))
    assert tokens["WORKMODE"] == "2"
    assert sim.hashrate_ths > eco[0]
    assert sim.power_watts > eco[1]
    assert int(tokens["TarT"]) == sim.spec.modes[2].target_temp != eco[2]


async def test_mini3_level_and_target_temperature(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    super_rate = sim.hashrate_ths
    assert status(await ask(sim, "ascset", "0,worklevel,set,-1"))[0] == "S"
    assert status(await ask(sim, "ascset", "0,worklevel,set,3"))[0] == "E"
    assert sim.hashrate_ths < super_rate
    assert status(await ask(sim, "ascset", "0,target-temp,60"))[0] == "S"
    assert status(await ask(sim, "ascset", "0,target-temp,95"))[0] == "E"
    tokens = mm_tokens(await ask(sim, "estats"))
    assert (tokens["WORKLEVEL"], tokens["TarT"]) == ("-1", "60")


async def test_softoff_takes_effect_at_its_time(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    at = int(sim.clock.time()) + 5
    letter, code, msg = status(await ask(sim, "ascset", f"0,softoff,1:{at}"))
    assert (letter, code, msg) == ("I", 118, f"ASC 0 set info: success softoff:{at}")
    assert sim.hashrate_ths > 0  # not yet
    sim.clock.advance(6)
    tokens = mm_tokens(await ask(sim, "estats"))
    assert tokens["SoftOFF"] != "0"
    assert "In Idle" in tokens["SYSTEMSTATU"]
    assert float(tokens["GHSspd"]) == 0
    assert status(await ask(sim, "ascset", f"0,softon,1:{int(sim.clock.time())}"))[0] == "I"
    assert sim.hashrate_ths > 0
    assert status(await ask(sim, "ascset", "0,softoff,now"))[0] == "E"


async def test_q_answers_softon_with_silence(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    await ask(sim, "ascset", f"0,softoff,1:{int(sim.clock.time())}")
    assert sim.hashrate_ths == 0
    reply = await rpc_raw(
        sim.address, {"command": "ascset", "parameter": f"0,softon,1:{int(sim.clock.time())}"}
    )
    assert reply == b""
    assert sim.hashrate_ths > 0


async def test_nano3s_has_no_softoff_and_sets_its_rgb_light(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-nano3s")
    assert "Unknown option: softoff" in status(await ask(sim, "ascset", "0,softoff,1:1"))[2]
    assert status(await ask(sim, "ascset", "0,ledset,3-60-50-255-0-0")) == (
        "I",
        118,
        "ASC 0 set info: led set ok",
    )
    tokens = mm_tokens(await ask(sim, "estats"))
    assert tokens["LEDUser"] == "3-60-50-255-0-0"
    assert status(await ask(sim, "ascset", "0,ledset,9-1-1-1-1-1"))[0] == "E"
    sim.state.led_mode = 1  # dark mode: the firmware refuses with an info reply
    assert status(await ask(sim, "ascset", "0,ledset,1-60-50-0-0-255")) == (
        "I",
        118,
        "ASC 0 set info: not in (day)mode now",
    )


async def test_a_series_fault_light_and_restart(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    assert status(await ask(sim, "ascset", "0,led,1-1")) == ("S", 119, "ASC 0 set OK")
    assert status(await ask(sim, "ascset", "0,led,1-255"))[2] == "ASC 0 set info: LED[1]"
    assert mm_tokens(await ask(sim, "estats"))["Led"] == "1"
    restart = await rpc_raw(sim.address, {"command": "restart"})
    assert json.loads(restart) == {"STATUS": "RESTART"}
    await asyncio.sleep(0.2)
    assert not sim.online
    await _wait_online(sim)


async def test_reboot_after_its_delay_resets_uptime(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-nano3s")
    sim.clock.advance(100)
    assert sim.uptime >= 100
    assert status(await ask(sim, "ascset", "0,reboot,0"))[0] == "S"
    assert status(await ask(sim, "ascset", "0,reboot,301"))[2].endswith("0~300 seconds")
    await asyncio.sleep(0.2)
    assert not sim.online
    await _wait_online(sim)
    assert sim.uptime < 5


async def test_filter_clean_resets_the_filter_counter(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    assert status(await ask(sim, "ascset", "0,filter-clean,1"))[0] == "S"
    assert mm_tokens(await ask(sim, "estats"))["Filter"] == "0"
    assert status(await ask(sim, "ascset", "0,filter-clean,2"))[2].endswith("Input param error.")


async def test_switchpool_changes_the_active_pool(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    reply = await text(sim, "switchpool|2")
    assert "Msg=Switching to pool 2:'stratum+tcp://backup.pool.invalid:443'" in reply.replace(
        "\\", ""
    )
    active = [p["POOL"] for p in (await ask(sim, "pools"))["POOLS"] if p["Stratum Active"]]
    assert active == [2]
    assert status(await ask(sim, "switchpool", "7"))[:2] == ("E", 26)
    assert status(await ask(sim, "switchpool"))[:2] == ("E", 25)


async def test_setpool_needs_the_web_login_and_takes_effect_after_reboot(
    start_avalon: StartAvalon,
) -> None:
    sim = await start_avalon("avalon-q", password="s3cret")
    wrong = await ask(sim, "setpool", "admin,nope,1,stratum+tcp://new.pool:3333,me,x")
    assert status(wrong) == ("E", 132, "Pool set error: userpass err")
    user = await ask(sim, "setpool", "root,s3cret,1,stratum+tcp://new.pool:3333,me,x")
    assert status(user) == ("E", 132, "Pool set error: username err")
    ok = await ask(sim, "setpool", "admin,s3cret,1,stratum+tcp://new.pool:3333,me,pw")
    letter, code, msg = status(ok)
    assert (letter, code) == ("S", 133)
    assert "Please reboot miner to make config work." in msg
    urls = [p["URL"] for p in (await ask(sim, "pools"))["POOLS"]]
    assert "stratum+tcp://new.pool:3333" not in urls  # not before a reboot
    await ask(sim, "ascset", "0,reboot,0")
    await asyncio.sleep(0.2)
    await _wait_online(sim)
    urls = [p["URL"] for p in (await ask(sim, "pools"))["POOLS"]]
    assert urls[1] == "stratum+tcp://new.pool:3333"
    assert status(await ask(sim, "setpool", "admin,s3cret,5,u:1,w"))[2].endswith("input is 5")


async def test_nano3s_reboots_by_itself_after_setpool(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-nano3s")
    ok = await ask(sim, "setpool", "admin,admin,0,stratum+tcp://solo.pool:3333,me,x")
    assert status(ok)[0] == "S"
    await asyncio.sleep(0.2)
    assert not sim.online
    await _wait_online(sim)
    assert (await ask(sim, "pools"))["POOLS"][0]["URL"] == "stratum+tcp://solo.pool:3333"


async def test_a_series_sets_its_pool_with_ascset(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    reply = await ask(sim, "ascset", "0,setpool,root,root,stratum+tcp://a.pool:443,w.1,123")
    letter, _, msg = status(reply)
    assert letter == "I"
    assert "pool success set to stratum+tcp://a.pool:443" in msg
    assert status(await ask(sim, "setpool", "root,root,0,u:1,w,x"))[1] == 14


async def test_quirks_plain_text_only_nonfinite_and_headless(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q", quirks=("plain-text-only",))
    assert await rpc_raw(sim.address, {"command": "version"}) == b""
    assert (await rpc_raw(sim.address, b"version")).startswith(b"STATUS=S,")
    odd = await start_avalon("avalon-q", quirks=("bare-nonfinite", "headless-reply"))
    raw = await rpc_raw(odd.address, {"command": "summary"})
    assert raw.startswith(b',"STATUS":[')
    assert b'"Device Rejected%":nan' in raw
    clean = await start_avalon("avalon-q", quirks=())
    assert not (await rpc_raw(clean.address, {"command": "summary"})).endswith(b"\x00")


async def test_faults_and_going_away(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    sim.set_fault(Fault.GARBAGE)
    assert not (await rpc_raw(sim.address, {"command": "version"})).startswith(b"{")
    sim.clear_faults()
    sim.set_fault(Fault.TRUNCATED)
    cut = await rpc_raw(sim.address, {"command": "estats"})
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut.rstrip(b"\x00"))
    sim.clear_faults()
    await sim.go_offline()
    with pytest.raises(ConnectionRefusedError):
        await rpc_raw(sim.address, {"command": "version"})
    await sim.come_back()
    assert (await ask(sim, "version"))["VERSION"]


async def test_uptime_counts_with_the_clock(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    before = int(mm_tokens(await ask(sim, "estats"))["Elapsed"])
    sim.clock.advance(120)
    after = int(mm_tokens(await ask(sim, "estats"))["Elapsed"])
    assert after - before >= 120
    summary = (await ask(sim, "summary"))["SUMMARY"][0]
    assert summary["Accepted"] > 0
    assert "MHS 30s" in summary  # the A-series' short window (devs capture)


async def _wait_online(sim: AvalonSim, limit: float = 5.0) -> None:
    deadline = time.monotonic() + limit
    while not sim.online:
        assert time.monotonic() < deadline, "the simulated miner did not come back"
        await asyncio.sleep(0.05)
