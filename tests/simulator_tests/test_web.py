"""Web on 80: digest auth, CGI shapes of both generations, statefulness, reboot."""

from __future__ import annotations

import asyncio

import pytest

from .client import rpc, web
from .conftest import MinerFactory

MODERN = ("antminer-s19pro", "antminer-s19jpro", "antminer-s21")


@pytest.mark.parametrize("path", ["/", "/cgi-bin/get_system_info.cgi"])
async def test_unauthenticated_requests_get_the_antminer_challenge(
    start_miner: MinerFactory, path: str
) -> None:
    sim = await start_miner("antminer-s19pro")
    reply = await web(sim.address, path, password=None)
    assert reply.status == 401
    challenge = reply.headers["WWW-Authenticate"]
    assert challenge.startswith('Digest realm="antMiner Configuration"')
    assert 'qop="auth"' in challenge
    assert "nonce=" in challenge


async def test_wrong_password_is_rejected_and_a_custom_one_accepted(
    start_miner: MinerFactory,
) -> None:
    sim = await start_miner("antminer-s21", password="s3cret")
    assert (await web(sim.address, "/cgi-bin/get_system_info.cgi")).status == 401
    reply = await web(sim.address, "/cgi-bin/get_system_info.cgi", password="s3cret")
    assert reply.status == 200


@pytest.mark.parametrize("model", MODERN)
async def test_modern_system_info(start_miner: MinerFactory, model: str) -> None:
    sim = await start_miner(model)
    info = (await web(sim.address, "/cgi-bin/get_system_info.cgi")).json()
    assert info["minertype"] == sim.model_name
    assert info["macaddr"] == sim.mac
    assert info["serinum"] == sim.serial_number
    assert info["hostname"] == sim.state.hostname
    network = (await web(sim.address, "/cgi-bin/get_network_info.cgi")).json()
    assert network["macaddr"] == sim.mac


async def test_old_system_info_has_no_serial(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s9")
    info = (await web(sim.address, "/cgi-bin/get_system_info.cgi")).json()
    assert info["minertype"] == "Antminer S9"
    assert info["macaddr"] == sim.mac
    assert "serinum" not in info
    assert sim.serial_number is None


async def test_modern_blink_drives_the_fault_light(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    on = await web(sim.address, "/cgi-bin/blink.cgi", method="POST", json_body={"blink": "true"})
    assert on.json() == {"code": "B000"}
    assert sim.state.fault_light is True
    status = await web(sim.address, "/cgi-bin/get_blink_status.cgi")
    assert status.json() == {"blink": True}
    off = await web(sim.address, "/cgi-bin/blink.cgi", method="POST", json_body={"blink": "false"})
    assert off.json() == {"code": "B100"}
    assert (await web(sim.address, "/cgi-bin/get_blink_status.cgi")).json() == {"blink": False}


async def test_old_blink_uses_form_actions(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s9")

    async def blink(action: str) -> object:
        reply = await web(sim.address, "/cgi-bin/blink.cgi", method="POST", form={"action": action})
        return reply.json()

    assert await blink("onPageLoaded") == {"isBlinking": False}
    assert await blink("startBlink") == {"isBlinking": True}
    assert sim.state.fault_light is True
    assert await blink("onPageLoaded") == {"isBlinking": True}
    assert await blink("stopBlink") == {"isBlinking": False}
    assert (await web(sim.address, "/cgi-bin/get_blink_status.cgi")).status == 404


async def test_sleep_mode_stops_hashing_and_wakes_again(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19jpro")
    conf = (await web(sim.address, "/cgi-bin/get_miner_conf.cgi")).json()
    assert conf["bitmain-work-mode"] == "0"
    body = {"pools": conf["pools"], "miner-mode": 1, "freq-level": "100"}
    reply = await web(sim.address, "/cgi-bin/set_miner_conf.cgi", method="POST", json_body=body)
    assert reply.json()["code"] == "M000"
    assert sim.state.mining is False
    assert sim.hashrate_ths == 0
    assert (await web(sim.address, "/cgi-bin/get_miner_conf.cgi")).json()[
        "bitmain-work-mode"
    ] == "1"
    summary = (await rpc(sim.address, "summary"))["SUMMARY"][0]
    assert summary["GHS 5s"] == 0
    stats = (await rpc(sim.address, "stats"))["STATS"][1]
    assert [stats[f"fan{n}"] for n in range(1, 5)] == [0, 0, 0, 0]
    assert stats["total_rateideal"] == 104000.0
    web_stats = (await web(sim.address, "/cgi-bin/stats.cgi")).json()["STATS"][0]
    assert [c["rate_real"] for c in web_stats["chain"]] == [0, 0, 0]

    body["miner-mode"] = "0"  # some builds want a string
    await web(sim.address, "/cgi-bin/set_miner_conf.cgi", method="POST", json_body=body)
    assert sim.state.mining is True
    assert (await rpc(sim.address, "summary"))["SUMMARY"][0]["GHS 5s"] > 100000


async def test_pools_follow_set_miner_conf(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s21")
    pools = [
        {"url": "stratum+tcp://a.invalid:3333", "user": "w.1", "pass": "x"},
        {"url": "stratum+tcp://b.invalid:3333", "user": "w.2", "pass": "y"},
    ]
    body = {"pools": pools, "miner-mode": 0}
    await web(sim.address, "/cgi-bin/set_miner_conf.cgi", method="POST", json_body=body)
    assert sim.state.pools == [*pools, {"url": "", "user": "", "pass": ""}]
    assert (await web(sim.address, "/cgi-bin/get_miner_conf.cgi")).json()[
        "pools"
    ] == sim.state.pools
    rpc_pools = (await rpc(sim.address, "pools"))["POOLS"]
    assert [(p["URL"], p["User"]) for p in rpc_pools] == [(p["url"], p["user"]) for p in pools]


async def test_old_set_miner_conf_takes_form_pools_and_has_no_sleep(
    start_miner: MinerFactory,
) -> None:
    sim = await start_miner("antminer-s9")
    form = {
        "_ant_pool1url": "stratum+tcp://a.invalid:3333",
        "_ant_pool1user": "w.1",
        "_ant_pool1pw": "x",
        "_ant_pool2url": "",
        "_ant_pool2user": "",
        "_ant_pool2pw": "",
        "_ant_pool3url": "",
        "_ant_pool3user": "",
        "_ant_pool3pw": "",
        "miner-mode": "1",
    }
    reply = await web(sim.address, "/cgi-bin/set_miner_conf.cgi", method="POST", form=form)
    assert reply.body == b"ok"
    assert sim.state.pools[0] == {"url": "stratum+tcp://a.invalid:3333", "user": "w.1", "pass": "x"}
    conf = (await web(sim.address, "/cgi-bin/get_miner_conf.cgi")).json()
    assert "bitmain-work-mode" not in conf
    assert sim.state.mining is True


async def test_summary_cgi_lists_status_entries(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    sim.state.errors["fans"] = "Fan lost"
    summary = (await web(sim.address, "/cgi-bin/summary.cgi")).json()["SUMMARY"][0]
    bad = [s for s in summary["status"] if s["status"] != "s"]
    assert bad == [{"type": "fans", "status": "e", "code": 1, "msg": "Fan lost"}]
    assert summary["rate_5s"] == pytest.approx(sim.hashrate_ths * 1000)


async def test_unknown_cgi_is_404(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    assert (await web(sim.address, "/cgi-bin/nope.cgi")).status == 404


async def _refused(host: str, port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection(host, port)
    except OSError:
        return True
    writer.close()
    return False


async def test_reboot_takes_the_miner_away_then_back(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro", reboot_seconds=0.6)
    sim.state.fault_light = True
    await asyncio.sleep(1.1)
    assert (await web(sim.address, "/cgi-bin/reboot.cgi")).status == 200
    await asyncio.sleep(0.3)
    assert await _refused(sim.address, 4028)
    assert await _refused(sim.address, 80)
    await asyncio.sleep(0.8)
    assert sim.online
    stats = (await rpc(sim.address, "stats"))["STATS"][1]
    assert stats["Elapsed"] == 0
    assert sim.state.fault_light is False
    assert sim.state.pools[0]["url"]


async def test_go_offline_and_come_back_keep_state(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s9")
    sim.state.hostname = "rack-7"
    await sim.go_offline()
    assert await _refused(sim.address, 4028)
    assert await _refused(sim.address, 80)
    await sim.come_back()
    info = (await web(sim.address, "/cgi-bin/get_system_info.cgi")).json()
    assert info["hostname"] == "rack-7"


@pytest.mark.parametrize("model", MODERN)
async def test_modern_figures_from_the_web(start_miner: MinerFactory, model: str) -> None:
    """What Bitmain's UI reads: summary, stats (boards, fans, sleep mode) and pools."""
    sim = await start_miner(model)
    summary = (await web(sim.address, "/cgi-bin/summary.cgi")).json()
    assert summary["INFO"]["type"] == sim.model_name
    assert summary["SUMMARY"][0]["rate_unit"] == "GH/s"
    assert summary["SUMMARY"][0]["rate_5s"] / 1000 == pytest.approx(sim.hashrate_ths)
    stats = (await web(sim.address, "/cgi-bin/stats.cgi")).json()["STATS"][0]
    assert stats["fan"] == sim.fan_speeds
    assert stats["miner-mode"] == 0
    assert [c["asic_num"] for c in stats["chain"]] == [sim.chips_per_board] * sim.board_count
    assert stats["chain"][0]["asic"].count("o") == sim.chips_per_board
    pools = (await web(sim.address, "/cgi-bin/pools.cgi")).json()["POOLS"]
    assert [(p["index"], p["url"], p["status"], p["priority"]) for p in pools] == [
        (0, sim.state.pools[0]["url"], "Alive", 0)
    ]
    sim.state.mining = False
    stats = (await web(sim.address, "/cgi-bin/stats.cgi")).json()["STATS"][0]
    assert stats["miner-mode"] == 1


async def test_old_figures_from_the_web(start_miner: MinerFactory) -> None:
    """The old UI's miner_*.cgi: the RPC replies, in clean JSON."""
    sim = await start_miner("antminer-s9")
    summary = (await web(sim.address, "/cgi-bin/miner_summary.cgi")).json()
    assert float(summary["SUMMARY"][0]["GHS 5s"]) / 1000 == pytest.approx(sim.hashrate_ths)
    stats = (await web(sim.address, "/cgi-bin/miner_stats.cgi")).json()["STATS"]
    assert stats[0]["Type"] == "Antminer S9"
    assert stats[1]["fan5"] == sim.fan_speeds[0]
    pools = (await web(sim.address, "/cgi-bin/miner_pools.cgi")).json()["POOLS"]
    assert pools[0]["URL"] == sim.state.pools[0]["url"]
