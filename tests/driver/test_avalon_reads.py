"""Polling the simulated Avalons over real sockets: every figure per model, requests per
poll, the plain-text-only daemon, malformed replies and faults (127.0.51.x)."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver.errors import (
    MinerConnectionError,
    MinerProtocolError,
    MinerRefusedError,
    MinerTimeoutError,
)
from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon.testing import StartAvalon, addresses, avalon_fixture
from tests.simulator.faults import Fault

from .request_counting import RPC, count_connections
from .test_avalon_identify import avalon_miner

start_avalon = avalon_fixture(addresses(51))

MODELS = {
    "avalon-nano3s": "Nano 3S",
    "avalon-mini3": "Mini 3",
    "avalon-q": "Q",
    "avalon-a1566": "A1566",
}
JOINED_POLL = "version+summary+pools+estats"


def _sensor(value: int) -> float | None:
    return None if value == -273 else float(value)


@pytest.mark.parametrize("model", list(MODELS))
async def test_poll_reports_what_the_miner_says(start_avalon: StartAvalon, model: str) -> None:
    sim = await start_avalon(model)
    sim.clock.advance(600)  # ten minutes up: shares, averages and uptime to show
    async with await avalon_miner(sim) as miner:
        data = await miner.get_data()
    live = sim.live()
    assert (data.make, data.model, data.firmware) == ("Avalon", MODELS[model], "Stock")
    assert data.fw_ver == sim.spec.firmware
    assert data.api_ver == "3.7"
    assert data.mac == sim.mac
    assert data.serial_number == sim.dna
    # The current rate (GHSspd), not the average since boot (GHSavg).
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)
    assert data.hashrate != pytest.approx(sim.average_hashrate_ths, abs=0.01)
    assert data.expected_hashrate == pytest.approx(sim.expected_hashrate_ths, abs=0.001)
    assert data.wattage == sim.power_watts
    assert data.wattage_limit == live.max_power
    assert data.env_temp == _sensor(sim.spec.temps.inlet)
    assert data.outlet_temp == _sensor(sim.spec.temps.outlet)
    assert data.uptime == pytest.approx(sim.uptime, abs=2)
    assert data.uptime >= 600
    assert [fan.speed for fan in data.fans] == sim.fan_speeds
    assert data.fan_percent == live.fan_pct
    assert data.is_mining is True
    assert data.errors == []
    assert data.shares_accepted == live.accepted > 0
    assert data.shares_rejected == live.rejected
    assert data.best_difficulty == live.best_share
    assert set(data.hashrate_averages) == {"1m", "5m", "15m"}
    assert all(v > 0 for v in data.hashrate_averages.values())
    assert [(p.index, p.url, p.user, p.active) for p in data.pools] == [
        (n, pool.url, pool.user, n == 0) for n, pool in enumerate(sim.state.pools)
    ]
    assert data.pools[0].accepted == live.accepted


@pytest.mark.parametrize("model", list(MODELS))
async def test_boards_as_the_firmware_lists_them(start_avalon: StartAvalon, model: str) -> None:
    sim = await start_avalon(model)
    async with await avalon_miner(sim) as miner:
        data = await miner.get_data()
    assert len(data.hashboards) == sim.spec.boards
    rates = [board.hashrate or 0.0 for board in data.hashboards]
    # Each board's share of the current rate: MGHS is the average since boot, its split
    # across the boards kept.
    assert sum(rates) == pytest.approx(data.hashrate, abs=0.001)
    averages = sim.board_hashrates_ths
    assert [r / sum(rates) for r in rates] == pytest.approx(
        [a / sum(averages) for a in averages], abs=0.001
    )
    temps = sim.spec.temps
    for board in data.hashboards:
        assert board.expected_chips == sim.spec.chips_per_board
        assert board.chip_temp is not None
        assert board.chip_temp >= (board.temp or 0)
    if model == "avalon-mini3":  # the Mini 3 has a hash board sensor (HBTemp)
        assert data.hashboards[0].temp == temps.board
    if model == "avalon-q":  # the Q measures the board's air in and out
        assert (data.hashboards[0].inlet_temp, data.hashboards[0].outlet_temp) == (
            temps.board,
            temps.outlet,
        )
    if model in ("avalon-a1566", "avalon-q", "avalon-nano3s"):  # chip lists: chips counted
        assert [b.chips for b in data.hashboards] == [sim.spec.chips_per_board] * sim.spec.boards


@pytest.mark.parametrize("model", list(MODELS))
async def test_one_request_per_poll(
    start_avalon: StartAvalon, model: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sim = await start_avalon(model)
    async with await avalon_miner(sim) as miner:
        counts = count_connections(monkeypatch)
        await miner.get_data()
        await miner.get_data()
    assert counts.tcp[RPC] == 2
    assert dict(counts.requests) == {JOINED_POLL: 2}


async def test_get_mac_reads_version_alone(
    start_avalon: StartAvalon, monkeypatch: pytest.MonkeyPatch
) -> None:
    sim = await start_avalon("avalon-q")
    async with await avalon_miner(sim) as miner:
        counts = count_connections(monkeypatch)
        assert await miner.get_mac() == sim.mac
    assert dict(counts.requests) == {"version": 1}


async def test_a_plain_text_only_daemon_is_polled_in_text(
    start_avalon: StartAvalon, monkeypatch: pytest.MonkeyPatch
) -> None:
    sim = await start_avalon("avalon-mini3", quirks=("plain-text-only", "trailing-nul"))
    async with await avalon_miner(sim) as miner:
        assert miner.rpc.plain_text is True  # found out while identifying
        counts = count_connections(monkeypatch)
        data = await miner.get_data()
    assert dict(counts.requests) == {f"{JOINED_POLL} (text)": 1}
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)
    assert data.mac == sim.mac
    assert data.settings.choices["work_mode"].current == "heating"
    assert len(data.pools) == 3


async def test_a_miner_made_without_identification_finds_plain_text_itself(
    start_avalon: StartAvalon, monkeypatch: pytest.MonkeyPatch
) -> None:
    from custom_components.asic_miner.driver.backends.avalon.backend import AvalonSoftPower

    sim = await start_avalon("avalon-q", quirks=("plain-text-only",))
    async with AvalonSoftPower(sim.address, model="Q", timeout=3) as miner:
        counts = count_connections(monkeypatch)
        first = await miner.get_data()
        second = await miner.get_data()
    # The first JSON request is closed without a byte; asked again in text, and from then on.
    assert dict(counts.requests) == {JOINED_POLL: 1, f"{JOINED_POLL} (text)": 2}
    assert first.hashrate == second.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)


@pytest.mark.parametrize(
    "quirks",
    [("bare-nonfinite",), ("headless-reply",), (), ("bare-nonfinite", "headless-reply")],
)
async def test_malformed_replies_are_repaired(
    start_avalon: StartAvalon, quirks: tuple[str, ...]
) -> None:
    sim = await start_avalon("avalon-a1566", quirks=quirks)
    async with await avalon_miner(sim) as miner:
        data = await miner.get_data()
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)
    assert data.shares_accepted is not None
    assert len(data.hashboards) == 3


async def test_soft_off_shows_as_not_mining(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    sim.state.soft_off = True
    async with await avalon_miner(sim) as miner:
        data = await miner.get_data()
    assert data.is_mining is False
    assert data.hashrate == 0
    assert data.wattage == sim.spec.idle_watts
    assert data.hashboards[0].chip_temp is None  # TMax[0] while idle: no reading
    assert data.errors == []


async def test_fault_and_power_supply_errors_are_reported(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    sim.state.in_fault = True
    sim.state.psu_error = 2 | 2048
    async with await avalon_miner(sim) as miner:
        data = await miner.get_data()
    codes = {error.code for error in data.errors}
    assert codes == {"fault", "PS2", "PS2048"}
    assert any("fan failed" in error.message for error in data.errors)


async def test_uptime_and_shares_count_on(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-nano3s")
    async with await avalon_miner(sim) as miner:
        before = await miner.get_data()
        sim.clock.advance(300)
        after = await miner.get_data()
    assert before.uptime is not None
    assert after.uptime is not None
    assert after.uptime - before.uptime >= 300
    assert (after.shares_accepted or 0) > (before.shares_accepted or 0)


async def test_garbage_and_cut_replies_fail_the_poll_precisely(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    async with await avalon_miner(sim) as miner:
        sim.set_fault(Fault.GARBAGE, protocol="rpc")
        with pytest.raises(MinerProtocolError):
            await miner.get_data()
        sim.clear_faults()
        sim.set_fault(Fault.TRUNCATED, protocol="rpc")
        with pytest.raises(MinerProtocolError):
            await miner.get_data()
        sim.clear_faults()
        assert (await miner.get_data()).hashrate is not None


async def test_silence_drop_and_absence(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    async with await avalon_miner(sim) as miner:
        miner.rpc.timeout = 0.5
        sim.set_fault(Fault.SILENCE, protocol="rpc")
        with pytest.raises(MinerTimeoutError):
            await miner.get_data()
        sim.clear_faults()
        sim.set_fault(Fault.DROP, protocol="rpc")
        with pytest.raises(MinerConnectionError):
            await miner.get_data()
        sim.clear_faults()
        await sim.go_offline()
        with pytest.raises(MinerRefusedError):
            await miner.get_data()
        await sim.come_back()
        assert (await miner.get_data()).is_mining is True


async def test_settings_follow_the_model(start_avalon: StartAvalon) -> None:
    found: dict[str, object] = {}
    for model in MODELS:
        sim: AvalonSim = await start_avalon(model)
        async with await avalon_miner(sim) as miner:
            settings = (await miner.get_data()).settings
        found[model] = (
            sorted(settings.choices),
            sorted(settings.numbers),
            settings.actions,
            settings.light is not None,
        )
    assert found == {
        "avalon-nano3s": (
            ["active_pool", "fan_mode", "work_mode"],
            ["fan_speed", "target_temperature"],
            (),
            True,
        ),
        "avalon-mini3": (
            ["active_pool", "fan_mode", "work_level", "work_mode"],
            ["fan_speed", "target_temperature"],
            ("filter_clean",),
            False,
        ),
        "avalon-q": (
            ["active_pool", "fan_mode", "work_mode"],
            ["fan_speed"],
            ("filter_clean",),
            False,
        ),
        "avalon-a1566": (["active_pool"], [], (), False),
    }


async def test_settings_carry_the_current_values(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    sim.state.work_mode, sim.state.work_level, sim.state.target_temp = 2, -1, 66
    sim.state.active_pool = 1
    async with await avalon_miner(sim) as miner:
        settings = (await miner.get_data()).settings
    assert settings.choices["work_mode"].current == "night"
    assert settings.choices["work_mode"].options == ("heating", "mining", "night")
    assert settings.choices["work_level"].current == "eco"
    assert settings.choices["active_pool"].current == "1"
    target = settings.numbers["target_temperature"]
    assert (target.value, target.minimum, target.maximum, target.unit) == (66, 50, 90, "°C")
    fan = settings.numbers["fan_speed"]
    assert (fan.value, fan.minimum, fan.maximum) == (sim.live().fan_pct, 15, 100)


async def test_the_nano3s_light_as_it_shows(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-nano3s")
    sim.state.light.effect, sim.state.light.bright, sim.state.light.rgb = 3, 40, (10, 20, 30)
    async with await avalon_miner(sim) as miner:
        light = (await miner.get_data()).settings.light
    assert light is not None
    assert (light.on, light.brightness, light.rgb, light.effect) == (
        True,
        40,
        (10, 20, 30),
        "breath",
    )
    assert light.effects == ("static", "flash", "breath", "loop")
