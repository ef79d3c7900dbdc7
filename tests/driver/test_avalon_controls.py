"""Every Avalon control against the simulated firmware over real sockets (127.0.52.x): what
the miner does afterwards, what it refuses, and bad input refused before a byte is sent."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from custom_components.asic_miner.driver.config import (
    FanConfig,
    FanMode,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
)
from custom_components.asic_miner.driver.credentials import Credentials
from custom_components.asic_miner.driver.errors import (
    MinerAuthenticationError,
    MinerCommandError,
    UnsupportedOperation,
)
from custom_components.asic_miner.driver.miner import Capability
from custom_components.asic_miner.driver.settings import LightChange
from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon.testing import StartAvalon, addresses, avalon_fixture

from .request_counting import count_connections
from .test_avalon_identify import avalon_miner

start_avalon = avalon_fixture(addresses(52))
SOFT_DELAY = 5


async def wait_back(sim: AvalonSim, limit: float = 5.0) -> None:
    """Until the simulated miner has gone away and come back."""
    deadline = time.monotonic() + limit
    while sim.state.boots == 0 or not sim.online:
        assert time.monotonic() < deadline, "the miner did not reboot and come back"
        await asyncio.sleep(0.05)


async def test_capabilities_follow_the_model(start_avalon: StartAvalon) -> None:
    base = {Capability.REBOOT, Capability.SEND_CONFIG}
    soft = base | {Capability.STOP_MINING, Capability.RESUME_MINING}
    expected = {
        "avalon-nano3s": base,
        "avalon-mini3": soft,
        "avalon-q": soft,
        "avalon-a1566": soft | {Capability.FAULT_LIGHT, Capability.RESTART_BACKEND},
    }
    for model, capabilities in expected.items():
        async with await avalon_miner(await start_avalon(model)) as miner:
            assert miner.capabilities == capabilities


@pytest.mark.parametrize("model", ["avalon-nano3s", "avalon-q", "avalon-a1566"])
async def test_reboot(start_avalon: StartAvalon, model: str) -> None:
    sim = await start_avalon(model)
    sim.clock.advance(500)
    async with await avalon_miner(sim) as miner:
        await miner.reboot()
        await wait_back(sim)
        assert (await miner.get_data()).uptime is not None
        assert sim.uptime < 5


@pytest.mark.parametrize("model", ["avalon-mini3", "avalon-q", "avalon-a1566"])
async def test_stop_and_resume_take_effect_a_few_seconds_later(
    start_avalon: StartAvalon, model: str
) -> None:
    sim = await start_avalon(model)
    async with await avalon_miner(sim) as miner:
        await miner.get_data()
        await miner.stop_mining()
        assert (await miner.get_data()).is_mining is True  # not before its time
        sim.clock.advance(SOFT_DELAY + 1)
        stopped = await miner.get_data()
        assert (stopped.is_mining, stopped.hashrate) == (False, 0)
        assert await miner.is_mining() is False
        await miner.resume_mining()  # the Q answers softon by closing the connection
        sim.clock.advance(SOFT_DELAY + 1)
        resumed = await miner.get_data()
    assert resumed.is_mining is True
    assert resumed.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)


async def test_soft_off_time_follows_the_miners_clock(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    sim.clock.advance(3600)  # the miner's clock runs an hour ahead of ours
    async with await avalon_miner(sim) as miner:
        await miner.get_data()
        await miner.stop_mining()
        assert (await miner.get_data()).is_mining is True  # five seconds on ITS clock
        sim.clock.advance(SOFT_DELAY + 1)
        assert (await miner.get_data()).is_mining is False


async def test_the_nano3s_cannot_stop_and_sends_nothing(
    start_avalon: StartAvalon, monkeypatch: pytest.MonkeyPatch
) -> None:
    sim = await start_avalon("avalon-nano3s")
    async with await avalon_miner(sim) as miner:
        counts = count_connections(monkeypatch)
        for control in (miner.stop_mining, miner.resume_mining, miner.fault_light_on):
            with pytest.raises(UnsupportedOperation):
                await control()
        with pytest.raises(UnsupportedOperation):
            await miner.check_light()
    assert not counts.requests


async def test_a_series_fault_light(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    async with await avalon_miner(sim) as miner:
        assert (await miner.get_data()).fault_light is False
        await miner.fault_light_on()
        assert sim.state.fault_light is True
        assert await miner.check_light() is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert await miner.check_light() is False


async def test_a_series_restarts_cgminer(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    async with await avalon_miner(sim) as miner:
        await miner.restart_backend()
        await wait_back(sim)
        assert (await miner.get_data()).hashrate is not None


@pytest.mark.parametrize(
    ("model", "option", "number"),
    [("avalon-nano3s", "low", 0), ("avalon-mini3", "night", 2), ("avalon-q", "super", 2)],
)
async def test_work_mode(start_avalon: StartAvalon, model: str, option: str, number: int) -> None:
    sim = await start_avalon(model)
    async with await avalon_miner(sim) as miner:
        before = await miner.get_data()
        await miner.set_choice("work_mode", option)
        after = await miner.get_data()
    assert sim.state.work_mode == number
    assert after.settings.choices["work_mode"].current == option
    assert after.hashrate != before.hashrate
    assert after.wattage != before.wattage


async def test_work_level_of_the_mini3(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    async with await avalon_miner(sim) as miner:
        full = (await miner.get_data()).hashrate or 0
        await miner.set_choice("work_level", "eco")
        eco = await miner.get_data()
    assert sim.state.work_level == -1
    assert eco.settings.choices["work_level"].current == "eco"
    assert (eco.hashrate or 0) < full


async def test_fan_speed_and_mode(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    async with await avalon_miner(sim) as miner:
        await miner.set_number("fan_speed", 60)
        assert sim.state.fan_manual == 60
        assert (await miner.get_data()).fan_percent == 60
        await miner.set_choice("fan_mode", "auto")
        assert sim.state.fan_manual is None
        auto = (await miner.get_data()).fan_percent
        await miner.set_choice("fan_mode", "manual")  # held at what it runs at now
        assert sim.state.fan_manual == auto


@pytest.mark.parametrize("model", ["avalon-mini3", "avalon-nano3s"])
async def test_target_temperature(start_avalon: StartAvalon, model: str) -> None:
    sim = await start_avalon(model)
    async with await avalon_miner(sim) as miner:
        await miner.set_number("target_temperature", 70)
        data = await miner.get_data()
    assert sim.state.target_temp == 70
    assert data.settings.numbers["target_temperature"].value == 70
    # What the firmware holds there is a hash board or chip temperature, not the room's:
    # the Mini 3's board (HBTemp), the Nano 3S's chips (TAvg); the intake stays as it was.
    assert data.hashboards[0].temp == 70
    assert data.env_temp == (None if sim.spec.temps.inlet == -273 else sim.spec.temps.inlet)


@pytest.mark.parametrize("model", ["avalon-mini3", "avalon-q"])
async def test_filter_clean(start_avalon: StartAvalon, model: str) -> None:
    sim = await start_avalon(model)
    async with await avalon_miner(sim) as miner:
        await miner.press("filter_clean")
    assert sim.state.filter_minutes == 0


async def test_active_pool_switches_at_run_time(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-mini3")
    async with await avalon_miner(sim) as miner:
        await miner.set_choice("active_pool", "2")
        data = await miner.get_data()
    assert sim.state.active_pool == 2
    assert [p.index for p in data.pools if p.active] == [2]
    assert data.settings.choices["active_pool"].current == "2"
    assert sim.state.boots == 0  # no reboot


async def test_a_pool_the_miner_lacks_is_refused(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    sim.state.pools[2].url = ""  # two pools configured
    async with await avalon_miner(sim) as miner:
        await miner.get_data()
        with pytest.raises(ValueError, match="active_pool must be one of 0, 1, not '2'"):
            await miner.set_choice("active_pool", "2")
        sim.state.pools[2].url = "stratum+tcp://third.pool.invalid:3333"  # added meanwhile
        # The miner's own refusal of a pool it no longer has is a command error.
        sim.state.pools[1].url = ""
        with pytest.raises(MinerCommandError, match="Invalid pool id 1"):
            await miner.set_choice("active_pool", "1")


async def test_the_nano3s_rgb_light(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-nano3s")
    async with await avalon_miner(sim) as miner:
        await miner.set_light(LightChange(on=True, rgb=(255, 0, 0), brightness=60, effect="flash"))
        light = (await miner.get_data()).settings.light
        assert light is not None
        assert (light.on, light.effect, light.rgb, light.brightness) == (
            True,
            "flash",
            (255, 0, 0),
            60,
        )
        await miner.set_light(LightChange(brightness=20))  # the rest as it shows
        assert (sim.state.light.effect, sim.state.light.bright) == (2, 20)
        assert sim.state.light.rgb == (255, 0, 0)
        await miner.set_light(LightChange(on=False))
        off = (await miner.get_data()).settings.light
        assert off is not None
        assert off.on is False
        await miner.set_light(LightChange(on=True))  # back on: one colour
        assert sim.state.light.effect == 1
        sim.state.led_mode = 1  # night mode: the firmware answers with an info and does nothing
        with pytest.raises(MinerCommandError, match="not in \\(day\\)mode now"):
            await miner.set_light(LightChange(rgb=(0, 0, 255)))
    assert sim.state.light.rgb == (255, 0, 0)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda m: m.set_choice("work_mode", "turbo"), ValueError),
        (lambda m: m.set_choice("work_level", "eco"), UnsupportedOperation),  # Nano 3S: none
        (lambda m: m.set_choice("active_pool", "7"), ValueError),
        (lambda m: m.set_number("fan_speed", 10), ValueError),
        (lambda m: m.set_number("fan_speed", 101), ValueError),
        (lambda m: m.set_number("fan_speed", 55.5), ValueError),
        (lambda m: m.set_number("target_temperature", 95), ValueError),
        (lambda m: m.set_number("target_temperature", float("nan")), ValueError),
        (lambda m: m.press("filter_clean"), UnsupportedOperation),
        (lambda m: m.press("identify"), UnsupportedOperation),
        (lambda m: m.set_light(LightChange(rgb=(256, 0, 0))), ValueError),
        (lambda m: m.set_light(LightChange(brightness=-1)), ValueError),
        (lambda m: m.set_light(LightChange(effect="disco")), ValueError),
        (lambda m: m.send_config(MinerConfig(pools=[PoolConfig("http://x", "w")])), ValueError),
        (
            lambda m: m.send_config(MinerConfig(pools=[PoolConfig("stratum+tcp://p:1", "a,b")])),
            ValueError,
        ),
        (
            lambda m: m.send_config(
                MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 100))
            ),
            UnsupportedOperation,
        ),
        (
            lambda m: m.send_config(MinerConfig(fan=FanConfig(FanMode.MANUAL, speed=5))),
            ValueError,
        ),
        (
            lambda m: m.send_config(MinerConfig(pools=[PoolConfig("stratum+tcp://p:1", "w")] * 4)),
            UnsupportedOperation,
        ),
        (
            lambda m: m.send_config(MinerConfig(fan=FanConfig(FanMode.IMMERSION))),
            UnsupportedOperation,
        ),
        (
            lambda m: m.send_config(
                MinerConfig(pools=[PoolConfig("stratum+tcp://" + "p" * 400 + ":1", "w")])
            ),
            ValueError,
        ),
    ],
)
async def test_bad_input_is_refused_before_anything_is_sent(
    start_avalon: StartAvalon, monkeypatch: pytest.MonkeyPatch, call: object, error: type
) -> None:
    sim = await start_avalon("avalon-nano3s")
    async with await avalon_miner(sim) as miner:
        counts = count_connections(monkeypatch)
        with pytest.raises(error):
            await call(miner)  # type: ignore[operator]
    assert not counts.requests


async def test_settings_other_models_lack_are_unsupported(start_avalon: StartAvalon) -> None:
    q = await start_avalon("avalon-q")
    a_series = await start_avalon("avalon-a1566")
    async with await avalon_miner(q) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.set_number("target_temperature", 70)
        with pytest.raises(UnsupportedOperation):
            await miner.set_light(LightChange(on=True))
    async with await avalon_miner(a_series) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.set_choice("work_mode", "eco")
        with pytest.raises(UnsupportedOperation):
            await miner.set_number("fan_speed", 50)


NEW_POOLS = [
    PoolConfig("stratum+tcp://eu.pool.example:3333", "me.rig1", "poolsecret1"),
    PoolConfig("stratum+tcp://us.pool.example:3333", "me.rig1", "poolsecret2"),
]


async def test_pools_are_set_then_the_miner_reboots(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    async with await avalon_miner(sim) as miner:  # the shipped login: admin / admin
        await miner.send_config(MinerConfig(pools=NEW_POOLS))
        await wait_back(sim)
        data = await miner.get_data()
    assert [(p.url, p.user) for p in data.pools[:2]] == [(p.url, p.user) for p in NEW_POOLS]
    assert [p.password for p in sim.state.pools[:2]] == ["poolsecret1", "poolsecret2"]
    assert data.pools[2].url == "stratum+tcp://backup.pool.invalid:443"  # left as it was


async def test_the_nano3s_reboots_after_each_pool_and_gets_them_all(
    start_avalon: StartAvalon, caplog: pytest.LogCaptureFixture
) -> None:
    sim = await start_avalon("avalon-nano3s", password="webpass")
    caplog.set_level(logging.DEBUG)
    credentials = Credentials(password="webpass")
    async with await avalon_miner(sim, credentials) as miner:
        # It takes no connection once it has a pool: the second is sent again when it is back.
        await miner.send_config(MinerConfig(pools=NEW_POOLS))
    assert "rebooting after setpool" in caplog.text
    wanted = [p.url for p in NEW_POOLS]
    for _ in range(100):  # the second setpool's own reboot
        if [p.url for p in sim.state.pools[:2]] == wanted:
            break
        await asyncio.sleep(0.05)
    assert [p.url for p in sim.state.pools[:2]] == wanted
    assert sim.state.boots == 2


async def test_the_a_series_takes_one_pool(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    async with await avalon_miner(sim) as miner:  # root / root, as the A10 manual
        await miner.send_config(MinerConfig(pools=NEW_POOLS[:1]))
        await wait_back(sim)
        data = await miner.get_data()
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(pools=NEW_POOLS))
    assert (data.pools[0].url, data.pools[0].user) == (NEW_POOLS[0].url, NEW_POOLS[0].user)


async def test_a_wrong_web_password_is_an_authentication_error_without_secrets(
    start_avalon: StartAvalon, caplog: pytest.LogCaptureFixture
) -> None:
    sim = await start_avalon("avalon-mini3", password="right-one")
    caplog.set_level(logging.DEBUG)
    secret = "WrongWebPass42"
    async with await avalon_miner(sim, Credentials("admin", secret)) as miner:
        with pytest.raises(MinerAuthenticationError) as caught:
            await miner.send_config(MinerConfig(pools=NEW_POOLS))
    text = str(caught.value) + repr(caught.value) + caplog.text
    for hidden in (secret, "poolsecret1", "poolsecret2"):
        assert hidden not in text
    assert "userpass err" in str(caught.value)
    assert sim.state.pending_pools == {}
    assert sim.state.boots == 0  # nothing taken, nothing rebooted


async def test_a_wrong_web_user_is_an_authentication_error(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    async with await avalon_miner(sim, Credentials("root", "admin")) as miner:
        with pytest.raises(MinerAuthenticationError, match="username err"):
            await miner.send_config(MinerConfig(pools=NEW_POOLS[:1]))


async def test_setpool_never_logs_the_pool_password(
    start_avalon: StartAvalon, caplog: pytest.LogCaptureFixture
) -> None:
    sim = await start_avalon("avalon-q")
    caplog.set_level(logging.DEBUG)
    async with await avalon_miner(sim) as miner:
        await miner.send_config(MinerConfig(pools=NEW_POOLS))
    assert "poolsecret" not in caplog.text
    assert "admin" not in caplog.text.replace("avalon", "")


async def test_a_manual_fan_in_the_configuration(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    async with await avalon_miner(sim) as miner:
        await miner.send_config(MinerConfig(fan=FanConfig(FanMode.MANUAL, speed=70)))
        assert sim.state.fan_manual == 70
        await miner.send_config(MinerConfig())  # the default leaves the fan alone
    assert sim.state.fan_manual == 70
    assert sim.state.boots == 0  # no pools: no reboot


async def test_an_empty_web_password_is_refused_before_anything_is_sent(
    start_avalon: StartAvalon, monkeypatch: pytest.MonkeyPatch
) -> None:
    sim = await start_avalon("avalon-mini3")
    async with await avalon_miner(sim, Credentials(password="")) as miner:
        counts = count_connections(monkeypatch)
        with pytest.raises(ValueError, match="web login"):
            await miner.send_config(MinerConfig(pools=NEW_POOLS))
    assert not counts.requests


async def test_a_series_has_no_fan_control(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566")
    async with await avalon_miner(sim) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(fan=FanConfig(FanMode.MANUAL, speed=50)))
