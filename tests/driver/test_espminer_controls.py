"""ESP-Miner controls over real sockets: restart, pause/resume, the settings of each build,
pools, and what is refused before anything is sent. Simulated miners on 127.0.42.x.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest

from custom_components.asic_miner.driver import (
    ActionKey,
    Capability,
    ChoiceKey,
    FanChoice,
    FanConfig,
    FanMode,
    Miner,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    NumberKey,
    PoolConfig,
    PowerMode,
    TextKey,
    UnsupportedOperation,
)
from tests.driver.request_counting import Counts, trace_config
from tests.simulator.espminer import EspMinerSim
from tests.simulator.espminer.testing import StartEsp, addresses, esp_fixture

from .test_espminer_identify import identify

start_esp = esp_fixture(addresses(42, 10, 250))
GAMMA, GAMMA_212, SUPRA, NERDQAXE = (
    "espminer-bitaxe-gamma",
    "espminer-bitaxe-gamma-2.12",
    "espminer-bitaxe-supra-2.4",
    "espminer-nerdqaxe-pp",
)
SECRET = "pool-s3cret"
POOL = PoolConfig("stratum+tcp://pool.example.org:4444", "me.rig", SECRET)
FALLBACK = PoolConfig("stratum+tcp://backup.example.org:3333", "me.rig2", SECRET)

Connect = Callable[..., Awaitable[tuple[EspMinerSim, Miner, Counts]]]


@pytest.fixture
async def connect(start_esp: StartEsp) -> AsyncIterator[Connect]:
    """connect(model, **options) -> (simulator, driver after one poll, request counts)."""
    opened: list[tuple[Miner, aiohttp.ClientSession]] = []

    async def start(model: str, **options: object) -> tuple[EspMinerSim, Miner, Counts]:
        options.setdefault("reboot_seconds", 0.2)
        sim = await start_esp(model, **options)
        counts = Counts()
        session = aiohttp.ClientSession(trace_configs=[trace_config(counts)])
        miner = await identify(sim.address, session)
        opened.append((miner, session))
        await miner.get_data()
        counts.clear()
        return sim, miner, counts

    yield start
    for miner, session in opened:
        await miner.close()
        await session.close()


async def until(condition: Callable[[], bool], seconds: float = 3.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not so within {seconds} s")


@pytest.mark.parametrize("model", [GAMMA, GAMMA_212, SUPRA, NERDQAXE])
async def test_reboot_restarts_the_device(connect: Connect, model: str) -> None:
    sim, miner, _ = await connect(model)
    await miner.reboot()
    await until(lambda: sim.state.restarts == 1 and sim.online)
    data = await miner.get_data()
    assert data.uptime is not None
    assert data.uptime < 5
    assert data.shares_accepted == 0


async def test_stop_and_resume_mining_on_v2_15(connect: Connect) -> None:
    sim, miner, _ = await connect(GAMMA)
    await miner.stop_mining()
    assert sim.state.paused
    assert (await miner.get_data()).is_mining is False
    assert await miner.is_mining() is False
    await miner.resume_mining()
    assert not sim.state.paused
    assert (await miner.get_data()).hashrate


@pytest.mark.parametrize("model", [GAMMA_212, SUPRA, NERDQAXE])
async def test_builds_without_pause_refuse_it_without_sending(connect: Connect, model: str) -> None:
    sim, miner, counts = await connect(model)
    assert Capability.STOP_MINING not in miner.capabilities
    for control in (miner.stop_mining, miner.resume_mining):
        with pytest.raises(UnsupportedOperation, match=miner.firmware):
            await control()
    with pytest.raises(UnsupportedOperation):
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
    assert counts.sent == {}
    assert not sim.state.paused


async def test_frequency_and_core_voltage_from_the_firmware_options(connect: Connect) -> None:
    sim, miner, counts = await connect(GAMMA)
    await miner.set_choice(ChoiceKey.FREQUENCY, "600")
    await miner.set_choice(ChoiceKey.CORE_VOLTAGE, "1200")
    assert (sim.state.frequency, sim.state.core_voltage) == (600, 1200)
    data = await miner.get_data()
    assert data.settings.choices[ChoiceKey.FREQUENCY].current == "600"
    assert data.expected_hashrate == pytest.approx(600 * 2040 / 1e6, abs=0.001)
    counts.clear()
    for key, option in ((ChoiceKey.FREQUENCY, "601"), (ChoiceKey.CORE_VOLTAGE, "1300")):
        with pytest.raises(ValueError, match="must be one of"):
            await miner.set_choice(key, option)
    with pytest.raises(UnsupportedOperation):
        await miner.set_choice(ChoiceKey.WORK_MODE, "eco")
    assert counts.sent == {}


async def test_nerdos_takes_the_frequency_it_runs_at_and_its_own_options(
    connect: Connect,
) -> None:
    sim, miner, counts = await connect(NERDQAXE)
    await miner.set_choice(ChoiceKey.FREQUENCY, "575")
    assert sim.state.frequency == 575
    with pytest.raises(ValueError, match="must be one of"):
        await miner.set_choice(ChoiceKey.FREQUENCY, "700")
    assert counts.requests["PATCH /api/system"] == 1


async def test_old_firmware_options_come_from_its_web_ui(connect: Connect) -> None:
    sim, miner, _ = await connect(SUPRA)
    await miner.set_choice(ChoiceKey.FREQUENCY, "525")
    assert sim.state.frequency == 525
    with pytest.raises(ValueError, match="must be one of"):
        await miner.set_choice(ChoiceKey.FREQUENCY, "600")


@pytest.mark.parametrize(("model", "auto"), [(GAMMA, 1), (SUPRA, 1), (NERDQAXE, 2)])
async def test_fan_mode_and_speed(connect: Connect, model: str, auto: int) -> None:
    sim, miner, counts = await connect(model)
    await miner.set_choice(ChoiceKey.FAN_MODE, FanChoice.MANUAL)
    assert sim.state.auto_fan == 0
    await miner.set_choice(ChoiceKey.FAN_MODE, FanChoice.AUTO)
    assert sim.state.auto_fan == auto  # NerdOS: 2, its PID control
    await miner.set_number(NumberKey.FAN_SPEED, 70)
    assert (sim.state.auto_fan, sim.state.manual_fan) == (0, 70)  # a duty holds in manual
    data = await miner.get_data()
    assert data.fan_percent == 70
    assert data.settings.choices[ChoiceKey.FAN_MODE].current == FanChoice.MANUAL
    counts.clear()
    for bad in (101, -1, math.nan, math.inf):
        with pytest.raises(ValueError, match="fan_speed"):
            await miner.set_number(NumberKey.FAN_SPEED, bad)
    with pytest.raises(ValueError, match="number"):
        await miner.set_number(NumberKey.FAN_SPEED, True)
    with pytest.raises(ValueError, match="must be one of"):
        await miner.set_choice(ChoiceKey.FAN_MODE, "turbo")
    assert counts.sent == {}


@pytest.mark.parametrize(("model", "low", "high"), [(GAMMA, 35, 66), (NERDQAXE, 30, 80)])
async def test_target_temperature_within_the_firmware_bounds(
    connect: Connect, model: str, low: int, high: int
) -> None:
    sim, miner, counts = await connect(model)
    await miner.set_number(NumberKey.TARGET_TEMPERATURE, 55)
    assert sim.state.temp_target == 55
    counts.clear()
    for bad in (low - 1, high + 1):
        with pytest.raises(ValueError, match=f"between {low} and {high}"):
            await miner.set_number(NumberKey.TARGET_TEMPERATURE, bad)
    assert counts.sent == {}


async def test_no_target_temperature_before_v2_7(connect: Connect) -> None:
    _, miner, counts = await connect(SUPRA)
    with pytest.raises(UnsupportedOperation, match="target_temperature"):
        await miner.set_number(NumberKey.TARGET_TEMPERATURE, 55)
    assert counts.sent == {}


@pytest.mark.parametrize("model", [GAMMA, SUPRA, NERDQAXE])
async def test_hostname(connect: Connect, model: str) -> None:
    sim, miner, counts = await connect(model)
    await miner.set_text(TextKey.HOSTNAME, "attic-miner")
    assert sim.state.hostname == "attic-miner"
    assert (await miner.get_data()).hostname == "attic-miner"
    counts.clear()
    for bad in ("", "a" * 33, "two words", "dot.ted", "-leading"):
        with pytest.raises(ValueError, match="hostname"):
            await miner.set_text(TextKey.HOSTNAME, bad)
    assert counts.sent == {}


async def test_identify_where_the_build_has_it(connect: Connect) -> None:
    sim, miner, _ = await connect(GAMMA_212)
    await miner.press(ActionKey.IDENTIFY)
    assert sim.state.identify_until > 0
    for model in (SUPRA, NERDQAXE):
        _, other, counts = await connect(model)
        with pytest.raises(UnsupportedOperation, match="identify"):
            await other.press(ActionKey.IDENTIFY)
        assert counts.sent == {}
    with pytest.raises(UnsupportedOperation):
        await miner.press(ActionKey.FILTER_CLEAN)


async def test_pools_on_v2_15_go_to_the_slots_and_restart_the_miner(connect: Connect) -> None:
    sim, miner, counts = await connect(GAMMA)
    await miner.send_config(MinerConfig(pools=[POOL, FALLBACK]))
    assert counts.requests["PATCH /api/system"] == 1
    assert counts.requests["POST /api/system/restart"] == 1
    saved = sim.state.pools
    assert (saved[0].url, saved[0].port, saved[0].user, saved[0].password) == (
        "pool.example.org",
        4444,
        "me.rig",
        SECRET,
    )
    assert (saved[1].url, saved[1].port) == ("backup.example.org", 3333)
    await until(lambda: sim.state.restarts == 1 and sim.online)
    running = sim.state.running[0]
    assert running is not None
    assert (running.url, running.password) == ("pool.example.org", SECRET)
    config = await miner.get_config()
    assert [(p.url, p.user) for p in config.pools] == [
        (POOL.url, POOL.user),
        (FALLBACK.url, FALLBACK.user),
    ]


async def test_pools_on_older_builds_use_the_two_pool_fields(connect: Connect) -> None:
    sim, miner, _ = await connect(GAMMA_212)
    await miner.send_config(MinerConfig(pools=[POOL]))
    assert (sim.state.pools[0].url, sim.state.pools[0].port) == ("pool.example.org", 4444)
    assert sim.state.pools[1].url == "solo.ckpool.org"  # a fallback not given is kept
    await until(lambda: sim.state.restarts == 1)


async def test_nerdos_takes_pools_without_a_restart(connect: Connect) -> None:
    sim, miner, counts = await connect(NERDQAXE)
    await miner.send_config(MinerConfig(pools=[POOL, FALLBACK]))
    running = sim.state.running[0]
    assert running is not None
    assert running.url == "pool.example.org"
    assert counts.requests["POST /api/system/restart"] == 0
    assert sim.state.restarts == 0


async def test_a_fan_change_through_update_config_leaves_the_pools(connect: Connect) -> None:
    sim, miner, counts = await connect(GAMMA)

    def manual(config: MinerConfig) -> MinerConfig:
        config.fan = FanConfig(FanMode.MANUAL, 60)
        return config

    await miner.update_config(manual)
    assert (sim.state.auto_fan, sim.state.manual_fan) == (0, 60)
    assert counts.requests["POST /api/system/restart"] == 0
    assert sim.state.pools[0].url == "public-pool.io"
    assert sim.state.pools[0].password == "x"  # untouched


async def test_sleep_through_send_config_on_v2_15(connect: Connect) -> None:
    sim, miner, _ = await connect(GAMMA)
    current = await miner.get_config()
    current.mining_mode = MiningModeConfig(MiningMode.SLEEP)
    await miner.send_config(current)
    assert sim.state.paused
    assert (await miner.get_config()).mining_mode.mode is MiningMode.SLEEP


BAD_POOLS = {
    "no port": (PoolConfig("stratum+tcp://pool.invalid", "w"), "port"),
    "http": (PoolConfig("http://pool.invalid:3333", "w"), "stratum"),
    "a path": (PoolConfig("stratum+tcp://pool.invalid:3333/x", "w"), "end with its port"),
    "a login": (PoolConfig(f"stratum+tcp://u:{SECRET}@pool.invalid:3333", "w"), "login"),
    "no user": (PoolConfig("stratum+tcp://pool.invalid:3333", " "), "user"),
    "tls on v2.4": (PoolConfig("stratum+ssl://pool.invalid:3333", "w"), "TLS"),
}


@pytest.mark.parametrize("case", list(BAD_POOLS))
async def test_bad_pools_are_refused_before_anything_is_sent(connect: Connect, case: str) -> None:
    _, miner, counts = await connect(SUPRA)
    pool, message = BAD_POOLS[case]
    with pytest.raises(ValueError, match=message) as caught:
        await miner.send_config(MinerConfig(pools=[pool]))
    assert SECRET not in str(caught.value)
    assert counts.sent == {}


async def test_what_the_firmware_cannot_do_is_refused_before_sending(connect: Connect) -> None:
    _, miner, counts = await connect(GAMMA)
    with pytest.raises(UnsupportedOperation, match="pools"):
        await miner.send_config(MinerConfig(pools=[POOL, FALLBACK, POOL]))
    with pytest.raises(UnsupportedOperation, match="immersion"):
        await miner.send_config(MinerConfig(fan=FanConfig(FanMode.IMMERSION)))
    with pytest.raises(UnsupportedOperation, match="low"):
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.LOW)))
    with pytest.raises(ValueError, match="fan speed"):
        await miner.send_config(MinerConfig(fan=FanConfig(FanMode.MANUAL, 130)))
    for refused in (miner.set_power_limit(20), miner.fault_light_on()):
        with pytest.raises(UnsupportedOperation):
            await refused
    assert counts.sent == {}


async def test_a_tls_pool_where_the_firmware_has_tls(connect: Connect) -> None:
    sim, miner, _ = await connect(GAMMA)
    await miner.send_config(
        MinerConfig(pools=[PoolConfig("stratum+ssl://pool.example.org:4333", "w")])
    )
    assert sim.state.pools[0].tls == 1
    assert (await miner.get_config()).pools[0].url == "stratum+ssl://pool.example.org:4333"


async def test_a_setting_the_firmware_refuses_is_a_command_error_without_the_password(
    connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _, miner, _ = await connect(GAMMA)
    long_user = PoolConfig("stratum+tcp://pool.example.org:3333", "u" * 300, SECRET)
    with pytest.raises(MinerCommandError, match="Wrong API input") as caught:
        await miner.send_config(MinerConfig(pools=[long_user]))
    assert caught.value.code == 400
    assert SECRET not in str(caught.value)
    assert SECRET not in caplog.text


async def test_a_client_outside_private_networks_gets_no_login_error(connect: Connect) -> None:
    sim, miner, _ = await connect(GAMMA)
    sim.lan = ipaddress.IPv4Network("127.0.99.0/24")  # the test client now counts as public
    with pytest.raises(MinerCommandError, match="private") as caught:
        await miner.get_data()
    assert not isinstance(caught.value, MinerAuthenticationError)
    assert caught.value.code == 401


CALLS: dict[Capability, list[Callable[[Miner], Awaitable[object]]]] = {
    Capability.RESTART_BACKEND: [lambda m: m.restart_backend()],
    Capability.STOP_MINING: [lambda m: m.stop_mining()],
    Capability.RESUME_MINING: [lambda m: m.resume_mining()],
    Capability.FAULT_LIGHT: [
        lambda m: m.fault_light_on(),
        lambda m: m.fault_light_off(),
        lambda m: m.check_light(),
    ],
    Capability.POWER_LIMIT: [lambda m: m.set_power_limit(30)],
    Capability.POWER_MODE: [lambda m: m.set_power_mode(PowerMode.LOW)],
}


@pytest.mark.parametrize("model", [GAMMA, GAMMA_212, SUPRA, NERDQAXE])
async def test_controls_outside_the_capabilities_are_refused_and_send_nothing(
    connect: Connect, model: str
) -> None:
    _, miner, counts = await connect(model)
    assert {Capability.REBOOT, Capability.GET_CONFIG, Capability.SEND_CONFIG} <= (
        miner.capabilities
    )
    for capability, calls in CALLS.items():
        if capability in miner.capabilities:
            continue
        for call in calls:
            with pytest.raises(UnsupportedOperation, match=miner.firmware):
                await call(miner)
    assert counts.sent == {}
