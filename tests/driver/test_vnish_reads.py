"""VNish on Antminers, read over real sockets: found by the scan as VNish (not the stock
Antminer its hardware is), every figure of a poll as the simulated miner reports it, and
the requests a poll costs. Simulated miners on 127.0.73.10-59."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import ChoiceKey, NumberKey
from custom_components.asic_miner.driver.backends.vnish import Vnish
from tests.simulator.vnish import VnishSim
from tests.simulator.vnish import replies as sim_replies
from tests.simulator.vnish.testing import AIR, HYDRO, StartVnish, addresses, connect, vnish_fixture

start_vnish = vnish_fixture(addresses(10, 59))


@pytest.mark.parametrize(("model", "name"), [(AIR, "S19 Pro"), (HYDRO, "S21+ Hydro")])
async def test_found_as_vnish_with_the_stock_model_name(
    start_vnish: StartVnish, model: str, name: str
) -> None:
    sim = await start_vnish(model)
    async with await connect(sim) as miner:
        assert isinstance(miner, Vnish)
        assert (miner.make, miner.model, miner.firmware) == ("Antminer", name, "VNish")


async def test_found_by_its_page_alone_when_the_rpc_port_is_closed(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR, rpc_port=14028)  # nothing on 4028
    async with await connect(sim) as miner:
        assert isinstance(miner, Vnish)
        assert miner.model == "S19 Pro"


def _summary(sim: VnishSim) -> dict:
    return sim_replies.summary(sim.state)["miner"]


async def test_air_poll_reads_every_figure_as_the_miner_reports_it(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    reported = _summary(sim)
    assert data.mac == sim.mac
    assert data.hostname == "Antminer"
    assert data.fw_ver == "1.3.4"
    assert data.firmware == "VNish"
    assert data.hashrate == pytest.approx(reported["hr_realtime"] / 1000)
    assert data.expected_hashrate == pytest.approx(reported["hr_nominal"] / 1000)
    assert data.wattage == reported["power_consumption"] == 2950
    assert data.wattage_limit == 2950  # the current preset
    assert data.uptime == 3 * 86_400 + 4 * 3_600  # "3 days,  4:00"
    assert [b.slot for b in data.hashboards] == [0, 1, 2]  # chain ids 1-3
    for board, chain in zip(data.hashboards, reported["chains"], strict=True):
        assert board.hashrate == pytest.approx(chain["hashrate_rt"] / 1000)
        assert board.temp == chain["pcb_temp"]["max"]
        assert board.chip_temp == chain["chip_temp"]["max"]
        assert board.chips == board.expected_chips == 114
    assert [f.speed for f in data.fans] == [5820, 5880, 5850, 5790]
    assert data.fan_percent == 100
    assert [p.url for p in data.pools] == [
        "stratum+tcp://btc.foundryusapool.com:3333",
        "stratum+tcp://btc.foundryusapool.com:443",
        "stratum+tcp://btc.foundryusapool.com:25",
    ]  # the DevFee pool is the firmware's own, not shown
    assert data.pools[0].active
    assert data.pools[0].accepted == reported["pools"][0]["accepted"]
    assert data.shares_accepted == reported["pools"][0]["accepted"]
    assert data.is_mining is True
    assert data.errors == []
    assert data.fault_light is False
    assert data.throttled is False
    assert data.tuner_state == "tuned"
    assert data.water_inlet_temp is None
    assert data.water_outlet_temp is None


async def test_hydro_poll_reads_water_temperatures_and_no_throttle(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(HYDRO)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert (data.water_inlet_temp, data.water_outlet_temp) == (29, 39)
    assert [(b.inlet_temp, b.outlet_temp) for b in data.hashboards] == [(29, 39)] * 3
    assert [b.chips for b in data.hashboards] == [95, 95, 95]
    assert [f.speed for f in data.fans] == [0]  # immersion: the one fan stands
    assert data.fw_ver == "1.2.8"
    assert data.throttled is None
    assert NumberKey.THROTTLE not in data.settings.numbers  # 1.2 has no throttle


async def test_presets_are_offered_as_the_miner_names_them(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    preset = data.settings.choices[ChoiceKey.PRESET]
    assert preset.current == "2950 watt ~ 99 TH (tuned)"
    assert preset.options[0] == "Disabled"
    assert "1100 watt ~ 53 TH (untuned)" in preset.options
    assert len(preset.options) == 16
    assert preset.restarts_mining
    power = data.settings.numbers[NumberKey.POWER_TARGET]
    assert (power.minimum, power.maximum, power.value) == (2350, 3200, 2950)  # tuned ones
    assert power.attributes == (("preset", "2950 watt ~ 99 TH (tuned)"),)
    throttle = data.settings.numbers[NumberKey.THROTTLE]
    assert (throttle.minimum, throttle.maximum, throttle.value) == (20, 100, 100)


async def test_a_stopped_miner_reads_as_not_mining(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    sim.state.set_state("stopped")
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.is_mining is False
    assert data.hashrate == 0
    assert data.wattage == 0


async def test_failed_chain_and_miner_failure_are_errors(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    sim.state.set_state("failure")
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.is_mining is False
    assert [e.message for e in data.errors] == ["miner failure"]


async def test_polls_cost_four_open_gets_and_the_presets_once(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        sim.state.received.clear()
        await miner.get_data()
        first = list(sim.state.received)
        sim.state.received.clear()
        await miner.get_data()
        second = list(sim.state.received)
    assert sorted(first) == sorted(
        [
            ("GET", "/summary"),
            ("GET", "/perf-summary"),
            ("GET", "/status"),
            ("GET", "/info"),
            ("POST", "/unlock"),
            ("GET", "/autotune/presets"),
        ]
    )
    assert sorted(second) == [
        ("GET", "/info"),
        ("GET", "/perf-summary"),
        ("GET", "/status"),
        ("GET", "/summary"),
    ]


async def test_presets_are_read_again_when_they_are_old(
    start_vnish: StartVnish, monkeypatch: pytest.MonkeyPatch
) -> None:
    from custom_components.asic_miner.driver.backends.vnish import backend

    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        monkeypatch.setattr(backend, "PRESETS_MAX_AGE", 0.0)
        sim.state.received.clear()
        await miner.get_data()
    assert ("GET", "/autotune/presets") in sim.state.received
    assert ("POST", "/unlock") not in sim.state.received  # the token is kept


async def test_get_mac_and_check_light_need_one_request_each(start_vnish: StartVnish) -> None:
    sim = await start_vnish(HYDRO)
    async with await connect(sim) as miner:
        sim.state.received.clear()
        assert await miner.get_mac() == sim.mac
        assert await miner.check_light() is False
    assert sim.state.received == [("GET", "/info"), ("GET", "/status")]
