"""The simulated Hiveon S9 speaks as the real one captured in hiveos-asic's S9-Hiveon dump:
the version block's Type and BMMiner tag, STATS[1] with exactly the captured keys (per-chain
power, the tagged total, the chain extras), Hive's fee pools after the user's, the S9
BMMiner's byte quirks, the same figures on the web's miner_stats.cgi, and the stock web's
minertype naming Hiveon. Simulated miners on 127.0.101.60-79."""

from __future__ import annotations

import pytest

from tests.simulator.hiveon import captures
from tests.simulator.hiveon.testing import StartHiveon, addresses, hiveon_fixture
from tests.simulator_tests.client import rpc, rpc_raw, strict_json, web

start_hiveon = hiveon_fixture(addresses(60, 79))


async def test_version_names_hiveon_as_the_real_one(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    version = (await rpc(sim.address, "version"))["VERSION"][0]
    assert version["Type"] == captures.S9_TYPE
    assert version["BMMiner"] == "2.0.0 rwglr"
    assert version["CompileTime"] == captures.S9_COMPILE_TIME


async def test_stats_have_the_captured_keys_and_the_power(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    stats = (await rpc(sim.address, "stats"))["STATS"]
    assert stats[0] == captures.S9_PROGRAM
    figures = stats[1]
    assert tuple(figures) == captures.S9_STATS_KEYS
    chains = [figures[f"chain_power{n}"] for n in (6, 7, 8)]
    assert all(watts > 0 for watts in chains)
    assert [figures[f"chain_power{n}"] for n in (1, 2, 3, 4, 5, 9)] == [0.0] * 6
    watts, tag = figures["chain_power"].split()
    assert tag == "(AB)"
    assert float(watts) == pytest.approx(sum(chains), abs=0.02)
    assert float(watts) == pytest.approx(sim.wattage, abs=0.01)


async def test_pools_end_with_hives_fee_pools(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    reply = await rpc(sim.address, "pools")
    pools = reply["POOLS"]
    assert [p["URL"] for p in pools] == [sim.state.pools[0]["url"], "*", "**", "***"]
    assert [p["Priority"] for p in pools] == [0, 998, 999, 1000]
    assert [p["POOL"] for p in pools] == [0, 1, 2, 3]
    assert all(p["Stratum Active"] is True and p["Status"] == "Alive" for p in pools)
    assert reply["STATUS"][0]["Msg"] == "4 Pool(s)"


async def test_the_s9_bmminer_byte_quirks(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    raw = await rpc_raw(sim.address, "stats")
    assert raw.endswith(b"\x00")
    assert b'"Type":"Antminer S9 Hiveon"}{' in raw  # no comma between STATS[0] and [1]
    with pytest.raises(ValueError, match=r"Extra data|Expecting"):
        strict_json(raw)


async def test_joined_commands_carry_hiveons_parts(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    joined = await rpc(sim.address, "version+stats+pools")
    assert joined["version"][0]["VERSION"][0]["BMMiner"] == "2.0.0 rwglr"
    assert "chain_power" in joined["stats"][0]["STATS"][1]
    assert joined["pools"][0]["POOLS"][-1]["URL"] == "***"


async def test_the_web_serves_the_same_figures(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    info = await web(sim.address, "/cgi-bin/get_system_info.cgi")
    assert info.json()["minertype"] == captures.S9_TYPE
    stats = await web(sim.address, "/cgi-bin/miner_stats.cgi")
    assert tuple(stats.json()["STATS"][1]) == captures.S9_STATS_KEYS
    pools = await web(sim.address, "/cgi-bin/miner_pools.cgi")
    assert pools.json()["POOLS"][-1]["URL"] == "***"


async def test_the_t9_spreads_each_board_over_three_chains(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon("hiveon-t9")
    stats = (await rpc(sim.address, "stats"))["STATS"]
    assert stats[0]["Type"] == "Antminer T9 Hiveon"
    figures = stats[1]
    # As hiveos-asic's T9-Hiveon raw_stats.json: chains 2-4 and 9-14 with 18 chips each.
    assert [n for n in range(1, 17) if figures[f"chain_acn{n}"]] == [2, 3, 4, *range(9, 15)]
    assert {figures[f"chain_acn{n}"] for n in (2, 3, 4, *range(9, 15))} == {18}
    assert (figures["miner_count"], figures["temp_num"], figures["fan5"]) == (9, 9, 3120)
    for chains in captures.T9_CHAINS:
        assert len({figures[f"temp{n}"] for n in chains}) == 1
    assert figures["chain_power"].endswith(" (AB)")
