"""RPC on 4028: framing, shapes per firmware generation, quirks, multi-command."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.simulator import MODELS

from .client import repaired_json, rpc, rpc_raw, strict_json
from .conftest import MinerFactory


@pytest.mark.parametrize("model", [m for m in MODELS if m.startswith("antminer-")])
async def test_version_names_the_model(start_miner: MinerFactory, model: str) -> None:
    sim = await start_miner(model)
    reply = await rpc(sim.address, {"command": "version"})
    assert reply["STATUS"][0]["STATUS"] == "S"
    assert reply["STATUS"][0]["Code"] == 22
    assert reply["VERSION"][0]["Type"] == sim.model_name
    assert reply["VERSION"][0]["API"] == "3.1"


async def test_reply_is_json_plus_nul_then_close(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    data = await rpc_raw(sim.address, '{"command":"summary"}')
    assert data.endswith(b"}\x00")
    assert data.count(b"\x00") == 1
    strict_json(data[:-1])


async def test_clean_replies_without_quirks(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s9", quirks=())
    data = await rpc_raw(sim.address, {"command": "stats"})
    assert strict_json(data)["STATS"][0]["Type"] == "Antminer S9"


async def test_s9_stats_have_bmminer_shape_and_missing_comma(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s9")
    data = await rpc_raw(sim.address, {"command": "stats"})
    assert b'"Type":"Antminer S9"}{"STATS":0' in data
    with pytest.raises(json.JSONDecodeError):
        strict_json(data.rstrip(b"\x00"))
    stats = repaired_json(data)["STATS"][1]
    assert [stats[f"chain_acn{n}"] for n in range(1, 10)] == [0, 0, 0, 0, 0, 63, 63, 63, 0]
    assert [stats[f"fan{n}"] > 0 for n in range(1, 9)] == [False] * 4 + [True, True, False, False]
    assert stats["total_rateideal"] == 13500.0
    assert stats["chain_rate6"] == f"{sim.board_hashrates_ths[0] * 1000:.2f}"
    assert stats["GHS 5s"] == f"{sim.hashrate_ths * 1000:.2f}"  # a string on BMMiner 2.0.0
    assert stats["Elapsed"] >= 0


async def test_leading_comma_quirk(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro", quirks=("leading-comma",))
    data = await rpc_raw(sim.address, {"command": "stats"})
    assert b'"STATS":[,{' in data
    assert repaired_json(data)["STATS"][0]["Type"] == "Antminer S19 Pro"


async def test_modern_classic_stats(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    stats = (await rpc(sim.address, {"command": "stats"}))["STATS"]
    assert stats[0]["Type"] == "Antminer S19 Pro"
    second = stats[1]
    assert [second[f"fan{n}"] for n in range(1, 5)] == sim.fan_speeds
    assert [second[f"chain_acn{n}"] for n in range(1, 5)] == [114, 114, 114, 0]
    assert second["total_rateideal"] == 110000.0
    assert second["rate_unit"] == "GH"
    assert second["temp_pcb1"].count("-") == 3


async def test_modern_new_api_stats(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s21")
    stats = (await rpc(sim.address, {"command": "stats", "new_api": True}))["STATS"][0]
    chains = stats["chain"]
    assert [c["index"] for c in chains] == [0, 1, 2]
    assert [c["asic_num"] for c in chains] == [108, 108, 108]
    assert sum(c["rate_real"] for c in chains) / 1000 == pytest.approx(sim.hashrate_ths)
    for chain in chains:
        assert len(chain["temp_pcb"]) == len(chain["temp_chip"]) == len(chain["temp_pic"]) == 4
        assert chain["sn"]
    assert stats["rate_ideal"] == 200000.0


async def test_old_firmware_ignores_new_api(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s9")
    stats = (await rpc(sim.address, {"command": "stats", "new_api": True}))["STATS"]
    assert "chain_acn6" in stats[1]


async def test_summary_hashrate_is_deterministic(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    first = (await rpc(sim.address, {"command": "summary"}))["SUMMARY"][0]
    second = (await rpc(sim.address, {"command": "summary"}))["SUMMARY"][0]
    assert first["GHS 5s"] == second["GHS 5s"] == 109486.66
    assert sim.hashrate_ths == pytest.approx(109.48666)
    assert 0.99 < sim.hashrate_ths / sim.expected_hashrate_ths < 1.0


async def test_jitter_varies_slightly(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19jpro", jitter=True, seed=7)
    rates = [(await rpc(sim.address, "summary"))["SUMMARY"][0]["GHS 5s"] for _ in range(5)]
    assert len(set(rates)) > 1
    assert all(abs(r / 104000 - 0.995) < 0.01 for r in rates)
    assert sim.hashrate_ths * 1000 == pytest.approx(rates[-1])


async def test_multi_command_joins_replies(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19jpro")
    reply = await rpc(sim.address, {"command": "summary+pools+version"})
    assert set(reply) == {"summary", "pools", "version", "id"}
    assert reply["summary"][0]["SUMMARY"][0]["GHS 5s"] == pytest.approx(sim.hashrate_ths * 1000)
    assert reply["pools"][0]["POOLS"][0]["URL"] == sim.state.pools[0]["url"]
    assert reply["version"][0]["VERSION"][0]["Type"] == "Antminer S19j Pro"


async def test_no_join_quirk_rejects_joined_commands(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro", quirks=("no-join",))
    reply = await rpc(sim.address, {"command": "summary+pools"})
    assert (reply["STATUS"][0]["STATUS"], reply["STATUS"][0]["Code"]) == ("E", 14)
    assert (await rpc(sim.address, {"command": "summary"}))["SUMMARY"]


async def test_pools_follow_state(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s21")
    sim.state.pools[1] = {"url": "stratum+tcp://b.invalid:3333", "user": "w2", "pass": "x"}
    pools = (await rpc(sim.address, "pools"))["POOLS"]
    assert [p["URL"] for p in pools] == [sim.state.pools[0]["url"], "stratum+tcp://b.invalid:3333"]
    assert [p["Stratum Active"] for p in pools] == [True, False]
    assert pools[1]["User"] == "w2"


async def test_devs_and_devdetails(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    devs = (await rpc(sim.address, "devs"))["DEVS"]
    details = (await rpc(sim.address, "devdetails"))["DEVDETAILS"]
    assert len(devs) == len(details) == 3
    assert sum(d["MHS 5s"] for d in devs) / 1e6 == pytest.approx(sim.hashrate_ths)


async def test_errors_for_bad_requests(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    bad_json = await rpc(sim.address, '{"command": "summ')
    assert (bad_json["STATUS"][0]["STATUS"], bad_json["STATUS"][0]["Code"]) == ("E", 23)
    unknown = await rpc(sim.address, {"command": "frobnicate"})
    assert (unknown["STATUS"][0]["STATUS"], unknown["STATUS"][0]["Code"]) == ("E", 14)


async def test_plain_text_request(start_miner: MinerFactory) -> None:
    """Not JSON: answered in cgminer's text form, as api.c writes it (NUL at the end)."""
    sim = await start_miner("antminer-s9")
    data = await rpc_raw(sim.address, b"summary|0")
    assert data.startswith(b"STATUS=S,When=")
    assert data.endswith(b"|\x00")
    status, summary = data[:-2].decode().split("|")
    assert ",Code=11,Msg=Summary,Description=bmminer 1.0.0" in status
    fields = dict(field.split("=", 1) for field in summary.split(",")[1:])
    assert summary.startswith("SUMMARY,Elapsed=")
    assert float(fields["GHS 5s"]) == pytest.approx(sim.hashrate_ths * 1000)


async def test_plain_text_lists_and_joins(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    pools = (await rpc_raw(sim.address, b"pools")).decode()
    assert "|POOL=0,URL=stratum+tcp://btc.pool.invalid:3333,Status=Alive," in pools
    stats = (await rpc_raw(sim.address, b"stats")).decode()
    header, figures = stats.split("|")[1:3]  # the version block has no number (BMMiner)
    assert header.startswith("BMMiner=1.0.0,")
    assert ",Type=Antminer S19 Pro" in header
    assert figures.startswith("STATS=0,ID=BTM_SOC0,")
    joined = (await rpc_raw(sim.address, b"version+summary")).decode()
    assert joined.startswith("CMD=version|STATUS=S,")
    assert "|VERSION,BMMiner=1.0.0,API=3.1," in joined
    assert "|CMD=summary|STATUS=S," in joined


async def test_plain_text_only_closes_on_json(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro", quirks=("plain-text-only",))
    assert await rpc_raw(sim.address, {"command": "version"}) == b""
    assert (await rpc_raw(sim.address, b"version")).startswith(b"STATUS=S,")


async def test_api_port_off_refuses_4028_and_serves_the_web(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro", quirks=("api-port-off",))
    with pytest.raises(ConnectionRefusedError):
        await rpc_raw(sim.address, "version")
    await sim.set_api_port(True)
    assert (await rpc(sim.address, "version"))["VERSION"][0]["Type"] == sim.model_name
    await sim.set_api_port(False)
    with pytest.raises(ConnectionRefusedError):
        await rpc_raw(sim.address, "version")


async def test_uptime_grows(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s19pro")
    before = (await rpc(sim.address, "stats"))["STATS"][1]["Elapsed"]
    await asyncio.sleep(1.1)
    after = (await rpc(sim.address, "stats"))["STATS"][1]["Elapsed"]
    assert after > before
