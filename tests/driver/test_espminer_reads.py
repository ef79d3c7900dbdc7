"""ESP-Miner polls over real sockets: every figure, per build, and what a poll costs.

Simulated BitAxe Gamma (AxeOS v2.15.0, v2.12.2), Supra (v2.4.5) and NerdQAxe++ (NerdOS
v1.1.0-beta1) on 127.0.41.x.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest

from custom_components.asic_miner.driver import (
    ActionKey,
    Capability,
    ChoiceKey,
    FanChoice,
    Miner,
    MinerData,
    NumberKey,
    TextKey,
)
from tests.driver.request_counting import Counts, trace_config
from tests.simulator.espminer import EspMinerSim
from tests.simulator.espminer.testing import StartEsp, addresses, esp_fixture

from .test_espminer_identify import identify

start_esp = esp_fixture(addresses(41, 10, 250))
INFO, ASIC = "GET /api/system/info", "GET /api/system/asic"

Connect = Callable[..., Awaitable[tuple[EspMinerSim, Miner, Counts]]]


@pytest.fixture
async def connect(start_esp: StartEsp) -> AsyncIterator[Connect]:
    """connect(model, **options) -> (simulator, driver, request counts of the driver)."""
    opened: list[tuple[Miner, aiohttp.ClientSession]] = []

    async def start(model: str, **options: object) -> tuple[EspMinerSim, Miner, Counts]:
        sim = await start_esp(model, **options)
        counts = Counts()
        session = aiohttp.ClientSession(trace_configs=[trace_config(counts)])
        miner = await identify(sim.address, session)
        opened.append((miner, session))
        return sim, miner, counts

    yield start
    for miner, session in opened:
        await miner.close()
        await session.close()


def ths(ghs: float) -> float:
    return round(ghs / 1000, 6)


def nominal(mhz: float, cores: int, asics: int = 1) -> float:
    """The firmware's expected hashrate, TH/s: MHz x small cores x ASICs is MH/s."""
    return round(mhz * cores * asics / 1e6, 6)


async def test_a_gamma_on_v2_15_reports_every_figure(connect: Connect) -> None:
    sim, miner, _ = await connect("espminer-bitaxe-gamma")
    sim.state.rejections = {"Stale": 13, "Above target": 2}
    data = await miner.get_data()
    snap = sim.snapshot()
    assert (data.make, data.model, data.firmware, data.fw_ver) == (
        "Bitaxe",
        "Gamma",
        "AxeOS",
        "v2.15.0",
    )
    assert (data.mac, data.hostname, data.board_version) == (sim.mac, "bitaxe", "601")
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)
    assert data.expected_hashrate == pytest.approx(nominal(525, 2040))
    assert data.hashrate_averages == {w: ths(v) for w, v in snap.averages.items()}
    assert set(data.hashrate_averages) == {"1m", "10m", "1h"}
    assert data.wattage == pytest.approx(sim.power_watts, abs=0.01)
    assert data.hashrate is not None
    assert data.efficiency == pytest.approx(sim.power_watts / data.hashrate, abs=0.05)
    board = data.hashboards[0]
    assert (board.slot, board.chips, board.expected_chips) == (0, 1, 1)
    assert board.chip_temp == pytest.approx(snap.asic_temp, abs=0.01)
    assert board.temp is None  # temp2 -1: no second sensor on a Gamma
    assert data.vr_temp == pytest.approx(snap.vr_temp, abs=0.01)
    assert [f.speed for f in data.fans] == [snap.fan_rpm]  # fan2rpm 0: no second fan
    assert data.fan_percent == round(snap.fan_percent)
    assert (data.frequency, data.core_voltage, data.core_voltage_actual) == (525, 1150, 1144)
    assert data.input_voltage == pytest.approx(snap.input_mv / 1000, abs=0.001)
    # A Gamma's "current" is its core regulator's output (TPS546), not the input's.
    assert data.input_current is None
    assert data.shares_accepted == sim.state.accepted()
    assert data.shares_rejected == 13
    assert data.share_rejections == {"Stale": 13, "Above target": 2}
    assert data.best_difficulty == 49224525
    assert data.best_session_difficulty == 2038368
    assert data.wifi_rssi == -44
    assert data.uptime == pytest.approx(sim.state.uptime(), abs=1)
    assert data.is_mining is True
    assert data.errors == []


async def test_pools_and_the_one_in_use(connect: Connect) -> None:
    sim, miner, _ = await connect("espminer-bitaxe-gamma")
    user = f"sim.{sim.address.replace('.', 'x')}"
    first = await miner.get_data()
    assert [(p.index, p.url, p.user, p.active, p.alive) for p in first.pools] == [
        (0, "stratum+tcp://public-pool.io:21496", user, True, True),
        (1, "stratum+tcp://solo.ckpool.org:3333", user, False, False),
    ]
    assert first.pools[0].accepted == first.shares_accepted
    sim.state.using_fallback = True
    second = await miner.get_data()
    assert [p.active for p in second.pools] == [False, True]


async def test_figures_follow_the_miner(connect: Connect) -> None:
    sim, miner, _ = await connect("espminer-bitaxe-gamma")
    before = await miner.get_data()
    sim.state.frequency = 600
    sim.state.core_voltage = 1200
    after = await miner.get_data()
    assert after.frequency == 600
    assert after.expected_hashrate == pytest.approx(nominal(600, 2040))
    assert after.hashrate is not None
    assert before.hashrate is not None
    assert after.hashrate > before.hashrate
    assert after.wattage is not None
    assert before.wattage is not None
    assert after.wattage > before.wattage
    await asyncio.sleep(1.1)
    later = await miner.get_data()
    assert later.uptime is not None
    assert after.uptime is not None
    assert later.uptime > after.uptime


async def test_a_paused_miner_is_not_mining(connect: Connect) -> None:
    sim, miner, _ = await connect("espminer-bitaxe-gamma")
    sim.state.pause()
    data = await miner.get_data()
    assert data.is_mining is False
    assert data.hashrate == 0
    assert data.hashrate_averages == {"1m": 0, "10m": 0, "1h": 0}


async def test_a_second_asic_sensor_is_the_board_temperature(connect: Connect) -> None:
    sim, miner, _ = await connect("espminer-bitaxe-gamma")
    # A board with a second sensor (a GammaTurbo 801 writes temp2 from its second ASIC).
    sim.spec = dataclasses.replace(sim.spec, info={**sim.spec.info, "temp2": 59.5})
    board = (await miner.get_data()).hashboards[0]
    assert board.temp is not None
    assert board.chip_temp is not None
    assert board.temp == pytest.approx(board.chip_temp - 1.0, abs=0.01)


async def test_settings_of_a_gamma_on_v2_15(connect: Connect) -> None:
    _, miner, _ = await connect("espminer-bitaxe-gamma")
    settings = (await miner.get_data()).settings
    frequency = settings.choices[ChoiceKey.FREQUENCY]
    assert (frequency.current, frequency.options) == (
        "525",
        ("400", "490", "525", "550", "600", "625"),
    )
    assert frequency.restarts_mining is False  # applied at once (power_management_task)
    voltage = settings.choices[ChoiceKey.CORE_VOLTAGE]
    assert (voltage.current, voltage.options[0], voltage.options[-1]) == ("1150", "1000", "1250")
    assert settings.choices[ChoiceKey.FAN_MODE].current == FanChoice.AUTO
    fan = settings.numbers[NumberKey.FAN_SPEED]
    assert (fan.value, fan.minimum, fan.maximum, fan.unit) == (100, 0, 100, "%")
    target = settings.numbers[NumberKey.TARGET_TEMPERATURE]
    assert (target.value, target.minimum, target.maximum) == (60, 35, 66)
    assert settings.texts[TextKey.HOSTNAME].value == "bitaxe"
    assert settings.actions == (ActionKey.IDENTIFY,)
    assert {Capability.STOP_MINING, Capability.RESUME_MINING} <= miner.capabilities


async def test_an_old_supra_on_v2_4(connect: Connect) -> None:
    sim, miner, counts = await connect("espminer-bitaxe-supra-2.4")
    data = await miner.get_data()
    assert data.model == "Supra"
    assert data.best_difficulty == 483_000  # "483k"
    assert data.best_session_difficulty == 0  # "0"
    # No expectedHashrate before v2.9: frequency x small cores x ASICs.
    assert data.expected_hashrate == pytest.approx(nominal(490, 1276))
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)
    assert data.hashrate_averages == {}
    assert data.wifi_rssi is None
    settings = data.settings
    assert NumberKey.TARGET_TEMPERATURE not in settings.numbers
    assert settings.actions == ()
    # No /api/system/asic: the options v2.4.5's web UI offers for its BM1368.
    assert settings.choices[ChoiceKey.FREQUENCY].options == (
        "400", "425", "450", "475", "490", "500", "525", "550", "575",
    )  # fmt: skip
    assert settings.numbers[NumberKey.FAN_SPEED].value == 35  # the duty ("fanspeed")
    assert Capability.STOP_MINING not in miner.capabilities
    assert counts.requests[ASIC] == 0


async def test_an_old_build_names_its_pool_connected_once_the_pool_set_a_difficulty(
    connect: Connect,
) -> None:
    sim, miner, _ = await connect("espminer-bitaxe-supra-2.4")
    assert (await miner.get_data()).pools[0].alive is False  # stratumDiff 0 at 4 s
    sim.state.uptime_offset = 60
    assert (await miner.get_data()).pools[0].alive is True


async def test_a_nerdqaxe_on_nerdos(connect: Connect) -> None:
    sim, miner, _ = await connect("espminer-nerdqaxe-pp")
    data = await miner.get_data()
    assert (data.make, data.model, data.firmware) == ("NerdAxe", "NerdQAxe++", "NerdOS")
    assert data.board_version is None
    assert set(data.hashrate_averages) == {"1m", "10m", "1h", "1d"}
    assert data.expected_hashrate == pytest.approx(nominal(680, 2040, 4))  # none reported
    board = data.hashboards[0]
    assert (board.chips, board.expected_chips) == (4, 4)
    assert board.chip_temp == pytest.approx(sim.snapshot().asic_temp, abs=0.01)
    assert len(data.fans) == 2
    assert data.input_voltage == 12.25
    frequency = data.settings.choices[ChoiceKey.FREQUENCY]
    # It runs at 680 MHz, above its own options: that value is offered too.
    assert frequency.current == "680"
    assert frequency.options[-2:] == ("600", "680")
    target = data.settings.numbers[NumberKey.TARGET_TEMPERATURE]
    assert (target.value, target.minimum, target.maximum) == (60, 30, 80)
    assert data.settings.actions == ()
    assert data.pools[0].alive is True


async def test_a_poll_is_one_request_and_the_options_are_read_once(connect: Connect) -> None:
    _, miner, counts = await connect("espminer-bitaxe-gamma")
    await miner.get_data()
    assert dict(counts.requests) == {INFO: 1, ASIC: 1}
    assert counts.tcp[80] == 1
    counts.clear()
    for _ in range(3):
        await miner.get_data()
    assert dict(counts.requests) == {INFO: 3}
    assert counts.tcp[80] == 0  # the first poll's connection is kept alive


async def test_the_options_are_read_again_after_a_restart(connect: Connect) -> None:
    sim, miner, counts = await connect("espminer-bitaxe-gamma", reboot_seconds=0.2)
    await miner.get_data()
    await sim.reboot()
    counts.clear()
    await miner.get_data()
    assert dict(counts.requests) == {INFO: 1, ASIC: 1}


async def test_the_options_are_read_again_after_a_firmware_change(connect: Connect) -> None:
    sim, miner, counts = await connect("espminer-bitaxe-gamma")
    await miner.get_data()
    build = dataclasses.replace(sim.spec.firmware, version="v2.15.1")
    info = {**sim.spec.info, "version": "v2.15.1"}
    sim.spec = dataclasses.replace(sim.spec, firmware=build, info=info)
    counts.clear()
    data = await miner.get_data()
    assert data.fw_ver == "v2.15.1"
    assert dict(counts.requests) == {INFO: 1, ASIC: 1}


async def test_nerdos_closes_each_connection_and_the_driver_reconnects(connect: Connect) -> None:
    _, miner, counts = await connect("espminer-nerdqaxe-pp")
    for _ in range(3):
        data: MinerData = await miner.get_data()
        assert data.hashrate
    assert counts.requests[INFO] == 3
    assert counts.tcp[80] >= 3  # "Connection: close" on every answer


async def test_the_mac_and_hostname_cost_one_request(connect: Connect) -> None:
    sim, miner, counts = await connect("espminer-bitaxe-gamma")
    assert await miner.get_mac() == sim.mac
    assert await miner.get_hostname() == "bitaxe"
    assert dict(counts.requests) == {INFO: 2}


async def test_power_faults_are_reported(connect: Connect) -> None:
    sim, miner, _ = await connect("espminer-bitaxe-gamma")
    info = {**sim.spec.info, "power_fault": "VIN undervoltage", "overheat_mode": 1}
    sim.spec = dataclasses.replace(sim.spec, info=info)
    errors = (await miner.get_data()).errors
    assert [(e.code, e.message) for e in errors] == [
        ("power_fault", "VIN undervoltage"),
        ("overheat_mode", "overheat protection: throttled"),
    ]
