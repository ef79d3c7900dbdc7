"""MARA firmware on an Antminer, read over real sockets: found by the scan as MARA (not the
stock firmware of its hardware), every figure of a poll as the simulated KS5 Pro's
captured replies carry it, mining and asleep, an S19 XP's own figures in the same replies,
and the requests a poll costs. Simulated miners on 127.0.99.10-59."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import NumberKey
from custom_components.asic_miner.driver.backends.marathon.backend import Marathon
from tests.simulator.marathon import captures
from tests.simulator.marathon.testing import (
    KS5PRO,
    S19XP,
    StartMara,
    addresses,
    connect,
    mara_fixture,
)

start_mara = mara_fixture(addresses(99, 10, 59))


@pytest.mark.parametrize(("model", "name"), [(S19XP, "S19 XP"), (KS5PRO, "KS5 Pro")])
async def test_found_as_mara_with_the_model_its_overview_names(
    start_mara: StartMara, model: str, name: str
) -> None:
    sim = await start_mara(model)
    async with await connect(sim) as miner:
        assert isinstance(miner, Marathon)
        assert (miner.make, miner.model, miner.firmware) == ("Antminer", name, "MARA")
        assert miner.model_info is not None  # the model table's row: rated power, chips


async def test_an_s19xp_poll_reads_its_boards_chips_fans_and_rated_power(
    start_mara: StartMara,
) -> None:
    """The S19 XP answers in the captured shape with its own hardware: three boards of 110
    chips, all mining, 140 TH/s rated, 3010 W (the power target's top; half is its floor)."""
    sim = await start_mara(S19XP)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    brief = sim.state.brief()
    assert brief["hashrate_unit"] == "GH/s"
    assert data.model == "S19 XP"
    assert data.hashrate == pytest.approx(brief["hashrate_realtime"] / 1000)
    assert 120 < data.hashrate < 140  # the capture's 91 % of ideal, on 140 TH/s
    assert data.expected_hashrate == pytest.approx(brief["hashrate_ideal"] / 1000)
    assert data.wattage == brief["power_consumption_estimated"]
    assert 2500 < data.wattage <= 3010
    assert [(b.slot, b.missing, b.chips, b.expected_chips) for b in data.hashboards] == [
        (slot, False, 110, 110) for slot in range(3)
    ]
    assert (data.total_chips, data.expected_chips) == (330, 330)
    assert [b.serial_number for b in data.hashboards] == list(sim.state.serials)
    assert data.hashboards[0].hashrate == pytest.approx(
        sim.state.hashboards()["hashboards"][0]["hashrate_realtime_10m"] / 1000
    )
    assert len(data.fans) == 4
    assert data.errors == []  # every board present: "Fully functional"
    assert data.is_mining is True
    number = data.settings.numbers[NumberKey.POWER_TARGET]
    assert (number.value, number.minimum, number.maximum) == (3010, 1505, 3010)
    assert [p.url for p in data.pools] == [p.url for p in sim.state.pools]


async def test_mining_poll_reads_every_figure_of_the_captured_replies(
    start_mara: StartMara,
) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        data = await miner.get_data()
    brief = captures.MINING_BRIEF
    assert data.hashrate == pytest.approx(brief["hashrate_realtime"] / 1000)  # GH/s
    assert data.expected_hashrate == pytest.approx(brief["hashrate_ideal"] / 1000)
    assert data.hashrate_averages == pytest.approx({"1h": 12.608649, "1d": 12.624213})
    assert data.wattage == 1946
    assert data.wattage_limit == sim.state.power_target == 3150
    assert data.uptime is not None
    assert data.uptime >= 661101
    assert data.is_mining is True
    assert data.fault_light is False
    assert (data.mac, data.hostname) == (sim.mac.upper(), "Antminer")
    assert data.fw_ver == "rel 3.14_584"
    # Board 0 is not present in the capture: missing, no chips, no temperatures.
    assert [(b.slot, b.missing, b.chips) for b in data.hashboards] == [
        (0, True, 0),
        (1, False, 92),
        (2, False, 92),
    ]
    assert data.hashboards[0].temp is None
    assert data.hashboards[0].serial_number is None  # not present: an empty serial
    assert data.hashboards[1].hashrate == pytest.approx(6.429394)
    assert (data.hashboards[2].temp, data.hashboards[2].chip_temp) == (70.511185, 75.511185)
    assert data.expected_chips == 276
    assert data.total_chips == 184
    assert [f.speed for f in data.fans] == [3240, 3240, 3240, 3300]
    assert data.fan_percent == 43
    assert [e.message for e in data.errors] == ["Hash board error"]  # indicator "Degraded"
    assert [(p.url, p.active, p.alive) for p in data.pools] == [
        (sim.state.pools[0].url, True, True),
        (sim.state.pools[1].url, False, True),
    ]
    assert data.shares_accepted == data.pools[0].accepted
    number = data.settings.numbers[NumberKey.POWER_TARGET]
    assert (number.value, number.minimum, number.maximum, number.unit) == (3150, 1575, 3150, "W")


async def test_asleep_poll_reads_the_sleeping_capture(start_mara: StartMara) -> None:
    sim = await start_mara()
    sim.state.work_mode = "Sleep"
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.is_mining is False
    assert data.hashrate == 0
    assert data.wattage == 25  # the firmware's estimate while asleep
    assert data.expected_hashrate == pytest.approx(21.735)  # hashrate_ideal 0: the stock figure
    assert data.errors == []  # "Fully functional"
    assert [f.speed for f in data.fans] == [0, 0, 0, 0]
    assert [b.missing for b in data.hashboards] == [False, False, False]
    assert data.wattage_limit is None  # asleep: no power target held


async def test_a_poll_is_six_gets_and_the_identity_is_read_once(start_mara: StartMara) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        await miner.get_data()
        later = sorted(sim.state.received)
        sim.state.received.clear()
        assert await miner.get_mac() == sim.mac.upper()
    assert later == sorted(
        ("GET", name)
        for name in ("brief", "hashboards", "fans", "pools", "miner_config", "locate_miner")
    )
    assert sim.state.received == [("GET", "overview")]


async def test_the_identity_is_read_again_after_ten_minutes(
    start_mara: StartMara, monkeypatch: pytest.MonkeyPatch
) -> None:
    from custom_components.asic_miner.driver.backends.marathon import backend

    sim = await start_mara()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.hostname = "rack-7"
        monkeypatch.setattr(backend, "IDENTITY_MAX_AGE", 0.0)
        assert (await miner.get_data()).hostname == "rack-7"
        assert await miner.get_hostname() == "rack-7"


async def test_an_uptime_that_jumps_reads_the_identity_again(start_mara: StartMara) -> None:
    """Another miner at the address (or a reboot) shows in the brief's uptime: its MAC is
    read in the same poll, not ten minutes later."""
    sim = await start_mara()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.uptime_before_start = 1_000
        sim.state.hostname = "another"
        sim.state.received.clear()
        data = await miner.get_data()
    assert ("GET", "overview") in sim.state.received
    assert data.hostname == "another"


def test_what_the_miner_says_is_wrong() -> None:
    """A failure status and a fan error beside the indicator (fields of the captured
    replies, set as the firmware's own words would be)."""
    from custom_components.asic_miner.driver.backends.marathon import replies

    brief = {**captures.MINING_BRIEF, "status": "Failure", "status_long": "Chain 2 failed"}
    fans = {**captures.MINING_FANS, "error": True, "error_description": "Fan 3 lost"}
    assert [e.message for e in replies.errors(brief, fans)] == [
        "Hash board error",
        "Chain 2 failed",
        "Fan 3 lost",
    ]
    assert replies.is_mining(brief) is False
    assert replies.errors(captures.SLEEP_BRIEF, captures.SLEEP_FANS) == []
