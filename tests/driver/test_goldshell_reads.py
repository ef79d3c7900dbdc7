"""Goldshell's stock firmware read over real sockets: found as Goldshell by its "cloud-box"
page with the model ``/mcb/status`` names, each board's rate in 10^12 of the model's own
algorithm (the captured SC Lite and SC5 Pro II mine Blake2B; a Mini Doge Scrypt, a CK5
Eaglesong), temperatures, fans, pools and the power plans as the miner lists them.
Simulated miners on 127.0.103.10-38, a bare RPC answer on .39."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import ChoiceKey, find_miner
from custom_components.asic_miner.driver.algorithm import Algorithm
from custom_components.asic_miner.driver.backends.goldshell.backend import Goldshell
from tests.simulator.goldshell.testing import (
    CK5,
    MINIDOGE,
    SCBOX,
    SCLITE,
    StartGoldshell,
    addresses,
    connect,
    goldshell_fixture,
)

start_goldshell = goldshell_fixture(addresses(103, 10, 38))


@pytest.mark.parametrize(
    ("model", "name", "algorithm"),
    [
        (SCLITE, "SC Lite", Algorithm.BLAKE2B),
        ("goldshell-sc5proii", "SC5Pro II", Algorithm.BLAKE2B),  # no row: its series says Sia
        (SCBOX, "SC Box", Algorithm.BLAKE2B),
        (MINIDOGE, "Mini Doge", Algorithm.SCRYPT),
        (CK5, "CK5", Algorithm.EAGLESONG),
    ],
)
async def test_found_as_goldshell_with_the_model_and_algorithm_of_its_status(
    start_goldshell: StartGoldshell, model: str, name: str, algorithm: Algorithm
) -> None:
    sim = await start_goldshell(model)
    async with await connect(sim) as miner:
        assert isinstance(miner, Goldshell)
        assert (miner.make, miner.model, miner.firmware) == ("Goldshell", name, "Stock")
        data = await miner.get_data()
    assert data.algorithm is algorithm
    assert data.fw_ver == sim.spec.status["firmware"]


async def test_an_sc_lite_reads_four_boards_in_terahash_of_blake2b(
    start_goldshell: StartGoldshell,
) -> None:
    """The captured rows report MH/s: 1,160,636.767 MH/s is 1.160636767 (10^12/s)."""
    sim = await start_goldshell(SCLITE)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    rows = sim.state.devs()["data"]
    assert [b.slot for b in data.hashboards] == [0, 1, 2, 3]
    assert [b.hashrate for b in data.hashboards] == [
        pytest.approx(row["hashrate"] / 1e6) for row in rows
    ]
    assert data.hashrate == pytest.approx(sum(row["hashrate"] for row in rows) / 1e6)
    assert 4.0 < data.hashrate < 5.0
    assert data.expected_hashrate == 4.4  # the SC Lite's rated 4.4 TH/s
    assert [b.temp for b in data.hashboards] == [67.1, 66.4, 68.1, 67.6]
    assert [f.speed for f in data.fans] == [1500, 1500, 1500, 1500]
    assert data.shares_accepted == sum(row["accepted"] for row in rows)
    assert data.shares_rejected == sum(row["rejected"] for row in rows)
    assert data.mac == sim.mac.upper()
    assert data.is_mining is True
    assert [(p.url, p.user, p.active) for p in data.pools] == [
        (p["url"], p["user"], p["active"]) for p in sim.state.pools
    ]


async def test_a_mini_doge_reads_megahash_of_scrypt_as_millionths(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(MINIDOGE)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.algorithm is Algorithm.SCRYPT
    assert data.hashrate == pytest.approx(185e-6)  # 185 MH/s, never 185 "TH/s"
    assert data.expected_hashrate == pytest.approx(185e-6)


async def test_a_ck5_board_reads_the_first_of_its_two_temperatures(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(CK5)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert [b.temp for b in data.hashboards] == [83.0] * 4
    assert [f.speed for f in data.fans] == [2940] * 4
    assert len(data.pools) == 2
    assert [p.active for p in data.pools] == [True, False]


async def test_the_sc5_pro_ii_offers_its_two_mining_plans_and_reads_its_spaced_mac(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell("goldshell-sc5proii")
    async with await connect(sim) as miner:
        data = await miner.get_data()
    choice = data.settings.choices[ChoiceKey.POWER_PLAN]
    assert choice.options == (
        "700 MHz 11750 V 30 RPM 30 RPM PV 11900",
        "513 MHz 10700 V 50 RPM 50 RPM PV 11900",
    )
    assert choice.current == choice.options[0]
    assert data.mac == sim.mac.upper()  # " 00:11:…" as captured, read without the space


async def test_an_sc_box_whose_devs_answer_500_still_reads_the_rest(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SCBOX)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.hashboards == []
    assert data.hashrate is None
    assert data.mac == sim.mac.upper()
    assert len(data.pools) == 1
    assert data.settings.choices[ChoiceKey.POWER_PLAN].current == "725 MHz 0.41 V 70 RPM 70 RPM"


async def test_a_poll_is_three_reads_after_the_first(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        await miner.get_data()
    assert sim.state.received == [
        ("GET", "/mcb/setting"),
        ("GET", "/mcb/cgminer?cgminercmd=devs"),
        ("GET", "/mcb/pools"),
    ]


async def test_asleep_it_reads_no_rate_and_not_mining(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE)
    sim.state.setting["select"] = 1  # the level-3 plan
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.is_mining is False
    assert data.hashrate == 0
    assert data.settings.choices[ChoiceKey.POWER_PLAN].current is None


async def test_found_by_its_bfgminer_rpc_while_its_web_is_down() -> None:
    """pyasic's factory names Goldshell by BFGMiner in the RPC answers; with port 80 shut
    the model stays unknown and the miner is still Goldshell's."""
    address = "127.0.103.39"
    version = (  # cgminer's shape, the daemon's name BFGMiner (test_identify.py's reply)
        b'{"STATUS":[{"STATUS":"S","When":1,"Code":22,"Msg":"BFGMiner versions"}],'
        b'"VERSION":[{"BFGMiner":"5.5.0","API":"3.1"}],"id":1}'
    )

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1000)
        writer.write(version)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, address, 4028)
    try:
        miner = await find_miner(address, timeout=2)
        async with miner:
            assert isinstance(miner, Goldshell)
            assert miner.model is None
    finally:
        server.close()
        await server.wait_closed()
