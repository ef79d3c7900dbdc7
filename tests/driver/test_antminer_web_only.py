"""Stock Antminers whose API port (4028) refuses connections: read through the web alone.

The simulator's ``api-port-off`` quirk: 4028 refused, the web serving what Bitmain's own UI
reads (modern summary/stats/pools.cgi, old miner_summary/stats/pools.cgi).
"""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerData,
    MinerProtocolError,
    MinerRefusedError,
    find_miner,
)
from custom_components.asic_miner.driver.backends.antminer.backend import (
    AntminerModern,
    AntminerOld,
)
from custom_components.asic_miner.driver.scan import probe_host
from tests.simulator import Fault

from .conftest import StartMiner

MODELS = {"antminer-s19pro": AntminerModern, "antminer-s9": AntminerOld}
QUIRKS = {
    "antminer-s19pro": ("trailing-nul", "api-port-off"),
    "antminer-s9": ("trailing-nul", "missing-comma", "api-port-off"),
}


def _figures(data: MinerData) -> dict[str, object]:
    """What a user sees of one poll, whichever port it came through."""
    return {
        "model": data.model,
        "mac": data.mac,
        "hostname": data.hostname,
        "serial": data.serial_number,
        "firmware": data.fw_ver,
        "hashrate": data.hashrate,
        "expected": data.expected_hashrate,
        "uptime": data.uptime,
        "boards": [(b.slot, b.hashrate, b.temp, b.chip_temp, b.chips) for b in data.hashboards],
        "fans": [f.speed for f in data.fans],
        "pools": [(p.index, p.url, p.user, p.active, p.alive) for p in data.pools],
        "fault_light": data.fault_light,
        "mining": data.is_mining,
        "errors": data.errors,
    }


@pytest.mark.parametrize("model", list(MODELS))
async def test_a_miner_with_4028_closed_is_read_fully_through_the_web(
    start_sim: StartMiner, model: str
) -> None:
    sim = await start_sim(model, quirks=QUIRKS[model])
    miner = await find_miner(sim.address, timeout=3)
    async with miner:
        assert type(miner) is MODELS[model]
        data = await miner.get_data()
        again = await miner.get_data()  # the second poll reads the web in one round
    assert data.mac == sim.mac
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)
    assert data.expected_hashrate == pytest.approx(sim.expected_hashrate_ths)
    assert [b.hashrate for b in data.hashboards] == pytest.approx(
        sim.board_hashrates_ths, abs=0.001
    )
    assert [b.chips for b in data.hashboards] == [sim.chips_per_board] * sim.board_count
    assert [f.speed for f in data.fans] == sim.fan_speeds
    assert [(p.url, p.active, p.alive) for p in data.pools] == [
        (sim.state.pools[0]["url"], True, True)
    ]
    assert data.uptime is not None
    assert data.fw_ver == sim.spec.compile_time
    assert data.api_ver is None  # the RPC API's version: not reachable
    assert (data.fault_light, data.is_mining) == (False, True)
    assert _figures(again) == _figures(data) | {"uptime": again.uptime}


@pytest.mark.parametrize("model", list(MODELS))
async def test_the_web_shows_what_the_rpc_shows(start_sim: StartMiner, model: str) -> None:
    """The API switched off and on again under a running Miner: every poll answers, with
    the same figures either way."""
    sim = await start_sim(model)
    async with await find_miner(sim.address, timeout=3) as miner:
        by_rpc = await miner.get_data()
        assert by_rpc.api_ver == "3.1"
        await sim.set_api_port(False)
        by_web = await miner.get_data()
        await sim.set_api_port(True)
        back = await miner.get_data()
    assert by_web.api_ver is None
    assert back.api_ver == "3.1"  # the next poll uses 4028 again
    same = {"uptime": None}
    assert _figures(by_web) | same == _figures(by_rpc) | same == _figures(back) | same


async def test_sleep_is_seen_through_the_web(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro", quirks=QUIRKS["antminer-s19pro"])
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.stop_mining()
        data = await miner.get_data()
        assert (data.is_mining, data.hashrate) == (False, 0.0)
        await miner.resume_mining()
        assert (await miner.get_data()).is_mining is True


@pytest.mark.parametrize("model", list(MODELS))
async def test_scan_lists_it_with_its_mac(start_sim: StartMiner, model: str) -> None:
    sim = await start_sim(model, quirks=QUIRKS[model])
    result = await probe_host(sim.address, timeout=3)
    assert result is not None
    assert result.data is not None
    assert (result.mac, result.miner.model) == (sim.mac, sim.spec.name.removeprefix("Antminer "))


async def test_4028_and_web_both_refused_fails_the_poll(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro")
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.get_data()
        await sim.go_offline()
        with pytest.raises(MinerRefusedError, match="refused"):
            await miner.get_data()
        with pytest.raises(MinerRefusedError):
            await miner.get_data()  # also once it read through the web last time
        with pytest.raises(MinerConnectionError):
            await miner.get_mac()


async def test_web_faults_fail_a_web_only_poll_precisely(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s9", quirks=QUIRKS["antminer-s9"], password="s3cret")
    async with await find_miner(
        sim.address, credentials=Credentials("root", "s3cret"), timeout=3
    ) as miner:
        await miner.get_data()
        sim.set_fault(Fault.GARBAGE, protocol="http")
        with pytest.raises(MinerProtocolError):
            await miner.get_data()
        sim.clear_faults()
        sim.password = "changed"
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
        with pytest.raises(MinerAuthenticationError):
            await miner.get_mac()


async def test_sleep_from_the_config_where_stats_has_no_mode(start_sim: StartMiner) -> None:
    """Builds whose stats.cgi carries no miner-mode: the config says whether it sleeps."""
    sim = await start_sim(
        "antminer-s19pro", quirks=(*QUIRKS["antminer-s19pro"], "stats-without-mode")
    )
    async with await find_miner(sim.address, timeout=3) as miner:
        assert (await miner.get_data()).is_mining is True
        sim.state.mining = False
        sim.state.requests.clear()
        assert (await miner.get_data()).is_mining is False
        assert [entry.name for entry in sim.state.requests.entries] == ["get_miner_conf.cgi"]
