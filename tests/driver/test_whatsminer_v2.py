"""Whatsminer API V2 against the simulator over real sockets: reads, every write, tokens."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    Credentials,
    DefaultPasswordInUse,
    MinerAuthenticationError,
    MinerCommandError,
    PoolConfig,
    PowerMode,
    TokenLimitReached,
    WriteAccessDenied,
    WriteApiDisabled,
    WriteApiLockedByDefaultPassword,
    get_miner,
)
from custom_components.asic_miner.driver.backends.whatsminer.v2 import WhatsminerV2
from custom_components.asic_miner.driver.config import MinerConfig, MiningMode, MiningModeConfig
from custom_components.asic_miner.driver.credentials import Firmware
from custom_components.asic_miner.driver.transport.btminer_v2_commands import BtminerV2Api

from .conftest import StartMiner

TIMEOUT = 3.0
PASSWORD = "s3cret"


class FakeClock:
    """The driver's token clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def _miner(
    sim: Any, password: str = PASSWORD, clock: FakeClock | None = None
) -> WhatsminerV2:
    miner = await get_miner(
        sim.address, timeout=TIMEOUT, credentials=Credentials(password=password)
    )
    assert isinstance(miner, WhatsminerV2)
    if clock is not None:  # the same miner with an injected token clock
        await miner.close()
        miner = WhatsminerV2(
            sim.address,
            model=miner.model,
            credentials=Credentials(password=password),
            timeout=TIMEOUT,
            clock=clock,
        )
    return miner


# -- identity and reads ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "name", "boards", "fans"),
    [
        ("whatsminer-m50s", "M50S", 3, 2),
        ("whatsminer-m30s+", "M30S+", 3, 2),
        ("whatsminer-m56s", "M56S", 4, 0),  # hydro: four boards, no fans of its own
    ],
)
async def test_poll_reports_what_the_miner_does(
    start_wm: StartMiner, model: str, name: str, boards: int, fans: int
) -> None:
    sim = await start_wm(model)
    sim.state.error_codes = {"110": "2025-01-02 03:04:05", "530": "2025-01-02 03:04:06"}
    miner = await _miner(sim)
    async with miner:
        assert (miner.make, miner.firmware, miner.model) == ("Whatsminer", "Stock", name)
        assert miner.family is Firmware.WHATSMINER
        assert miner.requires_credentials
        data = await miner.get_data()
    assert data.model == name
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data.expected_hashrate == sim.expected_hashrate_ths
    assert len(data.hashboards) == boards
    assert [b.hashrate for b in data.hashboards] == pytest.approx(
        sim.board_hashrates_ths, abs=0.001
    )
    assert all(b.chips == b.expected_chips and not b.missing for b in data.hashboards)
    assert [f.speed for f in data.fans] == sim.fan_speeds
    assert len(data.fans) == fans
    assert data.fan_psu
    assert data.fan_psu > 0
    assert data.wattage == sim.power_watts
    assert data.wattage_limit == sim.state.power_limit
    assert data.env_temp is not None
    assert data.mac == sim.mac.upper()
    assert data.hostname == "WhatsMiner"
    assert data.serial_number == sim.serial_number
    assert data.fw_ver == sim.spec.fw_ver
    assert data.api_ver == sim.spec.api_ver
    assert data.is_mining is True
    assert data.fault_light is False
    assert data.power_mode is PowerMode.NORMAL
    assert {(e.code, e.message) for e in data.errors} == {
        (110, "intake fan speed error"),
        (530, "board 0: not found"),
    }


@pytest.mark.parametrize("quirk", ["trailing-comma", "newline", "temp0-missing-comma"])
async def test_poll_survives_each_firmware_quirk(start_wm: StartMiner, quirk: str) -> None:
    sim = await start_wm("whatsminer-m50s", quirks=(quirk,))
    async with await _miner(sim) as miner:
        data = await miner.get_data()
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert len(data.hashboards) == 3
    assert data.fw_ver == sim.spec.fw_ver  # the newline quirk is stripped


async def test_stopped_miner_reports_zero_not_a_failure(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s")
    async with await _miner(sim) as miner:
        sim.state.mining = False  # btminer down: only the API daemon answers
        data = await miner.get_data()
    assert data.is_mining is False
    assert data.hashrate == 0.0
    assert [b.hashrate for b in data.hashboards] == [0.0, 0.0, 0.0]
    assert data.mac == sim.mac.upper()


async def test_stopped_miner_is_still_identified(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s")
    sim.state.mining = False  # devdetails fails: "btminer is not running"
    async with await _miner(sim) as miner:
        assert miner.model is None  # learnt once btminer runs again
        assert (await miner.get_data()).is_mining is False
        sim.state.mining = True
        assert (await miner.get_data()).model == "M50S"
        assert miner.model == "M50S"


async def test_reads_join_where_allowed_and_split_where_not(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s")
    async with await _miner(sim) as miner:
        replies = await miner.api.reads("summary", "pools", "get_version", "status")
        assert set(replies) == {"summary", "pools", "get_version", "status"}
        # joining a get_* is refused by the firmware; our reads never send that
        with pytest.raises(MinerCommandError, match="join"):
            await miner.read("summary+get_version")
        assert (await miner.read("get_miner_info", info="mac"))["Msg"] == {"mac": sim.mac}
        with pytest.raises(MinerCommandError) as caught:
            await miner.read("no_such_command")
        assert caught.value.code == 14


# -- credentials and refusals ---------------------------------------------------------------


async def test_check_credentials_accepts_the_right_password(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        await miner.check_credentials()


async def test_wrong_password_is_an_authentication_error_after_one_retry(
    start_wm: StartMiner,
) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim, password="wrong") as miner:
        with pytest.raises(MinerAuthenticationError, match="password"):
            await miner.check_credentials()
        assert miner.api.tokens_fetched == 2  # the first token, and exactly one fresh one


async def test_write_api_off_says_how_to_enable_it(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=False)
    async with await _miner(sim) as miner:
        with pytest.raises(WriteApiDisabled) as caught:
            await miner.check_credentials()
    assert not isinstance(caught.value, DefaultPasswordInUse)
    message = str(caught.value)
    for step in ("WhatsMinerTool", "select the miner", "API Setting", "write API", "password"):
        assert step in message


async def test_factory_password_is_refused_as_default_password(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", password="admin", write_api=True)
    async with await _miner(sim, password="admin") as miner:
        with pytest.raises(DefaultPasswordInUse) as caught:
            await miner.fault_light_on()
    assert isinstance(caught.value, WriteApiLockedByDefaultPassword)
    assert isinstance(caught.value, WriteApiDisabled)  # both apply: either handler fits
    assert isinstance(caught.value, WriteAccessDenied)
    assert "change the admin password" in str(caught.value)
    assert sim.state.fault_light is False


async def test_token_limit(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        for _ in range(32):  # a miner keeps 32 tokens per client
            miner.api.forget_token()
            await miner.api.token()
        miner.api.forget_token()
        with pytest.raises(TokenLimitReached, match="over max connect"):
            await miner.reboot()


async def test_no_secret_in_logs_errors_or_reprs(
    start_wm: StartMiner, caplog: pytest.LogCaptureFixture
) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    caplog.set_level(logging.DEBUG)
    async with await _miner(sim) as miner:
        await miner.set_power_mode(PowerMode.HIGH)
        token = await miner.api.token()
        shown = [repr(miner), repr(miner.api), repr(token), repr(miner.credentials)]
        miner.api.password = "wrong1"
        with pytest.raises(MinerAuthenticationError) as caught:
            await miner.set_power_mode(PowerMode.LOW)
    shown.append(str(caught.value))
    secrets = [PASSWORD, "wrong1", token.sign, token.key.hex(), sim.v2_key]
    for text in [caplog.text, *shown]:
        for secret in secrets:
            assert secret not in text


# -- token lifecycle -------------------------------------------------------------------------


async def test_token_is_reused_until_it_expires(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    clock = FakeClock()
    async with await _miner(sim, clock=clock) as miner:
        await miner.fault_light_on()
        clock.advance(20 * 60)
        sim.clock.advance(20 * 60)
        await miner.fault_light_off()
        assert miner.api.tokens_fetched == 1
        # our own clock renews it shortly before the miner's 30 minutes are up
        clock.advance(9.5 * 60)
        sim.clock.advance(9.5 * 60)
        await miner.fault_light_on()
        assert miner.api.tokens_fetched == 2
    assert sim.state.fault_light is True


async def test_first_write_after_30_minutes_works(start_wm: StartMiner) -> None:
    # whatsminer-api (the seed library) fails here with a TypeError.
    sim = await start_wm("whatsminer-m50s", write_api=True)
    clock = FakeClock()
    async with await _miner(sim, clock=clock) as miner:
        await miner.set_power_mode(PowerMode.LOW)
        clock.advance(31 * 60)
        sim.clock.advance(31 * 60)
        await miner.set_power_mode(PowerMode.HIGH)
        assert miner.api.tokens_fetched == 2
    assert sim.state.power_mode == "high"


async def test_token_rejected_by_the_miner_is_renewed_once(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    clock = FakeClock()
    async with await _miner(sim, clock=clock) as miner:
        await miner.stop_mining()
        sim.clock.advance(31 * 60)  # the miner's clock runs ahead: it drops our token (135)
        await miner.resume_mining()
        assert miner.api.tokens_fetched == 2
    assert sim.state.mining is True


async def test_password_change_elsewhere_drops_tokens_and_we_recover(
    start_wm: StartMiner,
) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        await miner.fault_light_on()
        sim.tokens.clear()  # e.g. the miner rebooted
        await miner.fault_light_off()
        assert miner.api.tokens_fetched == 2


# -- controls --------------------------------------------------------------------------------


async def test_capabilities_are_exact(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s")
    async with await _miner(sim) as miner:
        assert miner.capabilities == frozenset(Capability)


async def test_controls_change_the_miner(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        await miner.fault_light_on()
        assert sim.state.fault_light
        assert await miner.check_light()
        await miner.fault_light_off()
        assert not sim.state.fault_light
        assert not await miner.check_light()
        await miner.stop_mining()
        assert sim.state.mining is False
        assert not await miner.is_mining()
        await miner.resume_mining()
        assert sim.state.mining is True
        for mode in PowerMode:
            await miner.set_power_mode(mode)
            assert sim.state.power_mode == mode.value
            assert (await miner.get_data()).power_mode is mode
        started = sim.state.btminer_started_at
        sim.clock.advance(60)
        await miner.restart_backend()
        assert sim.state.btminer_started_at > started
        await miner.reboot()


async def test_power_limit_within_the_model_range(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        assert miner.power_limit_range() == (2000, 3600)
        for bad in (1999, 3601, 0, -5):
            with pytest.raises(ValueError, match="outside"):
                await miner.set_power_limit(bad)
        with pytest.raises(ValueError, match="whole watts"):
            await miner.set_power_limit(3000.5)  # type: ignore[arg-type]
        assert miner.api.tokens_fetched == 0  # refused before anything was sent
        await miner.set_power_limit(3000)
    assert sim.state.power_limit == 3000


async def test_config_round_trip(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        config = await miner.get_config()
        assert config.pools[0].url == "stratum+tcp://btc.pool.invalid:3333"
        assert config.mining_mode.mode is MiningMode.NORMAL
        pools = [
            PoolConfig("stratum+tcp://a.pool.invalid:3333", "me.1", "x"),
            PoolConfig("stratum+tcp://b.pool.invalid:3333", "me.2", "y"),
        ]
        await miner.send_config(
            MinerConfig(pools=pools, mining_mode=MiningModeConfig(MiningMode.LOW))
        )
        assert [p["url"] for p in sim.state.pools] == [p.url for p in pools] + [""]
        assert sim.state.pools[1]["pass"] == "y"
        assert sim.state.power_mode == "low"
        fetched = miner.api.tokens_fetched
        await miner.send_config(await miner.get_config())  # nothing differs: nothing sent
        assert miner.api.tokens_fetched == fetched
        await miner.send_config(
            MinerConfig(pools=pools, mining_mode=MiningModeConfig(MiningMode.SLEEP))
        )
        assert sim.state.mining is False
        with pytest.raises(ValueError, match="outside"):
            await miner.send_config(
                MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 100))
            )


# -- every V2 write, typed ------------------------------------------------------------------

Write = Callable[[BtminerV2Api], Awaitable[Any]]

WRITES: list[tuple[str, Write, Callable[[Any], object], object]] = [
    (
        "update_pools",
        lambda a: a.update_pools([PoolConfig("stratum+tcp://n.invalid:1", "u", "p")]),
        lambda s: s.state.pools[0]["url"],
        "stratum+tcp://n.invalid:1",
    ),
    ("power_off", lambda a: a.power_off(respbefore=False), lambda s: s.state.mining, False),
    (
        "set_led",
        lambda a: a.set_led("green", period=2000, duration=100, start=50),
        lambda s: s.state.led,
        {"color": "green", "period": 2000, "duration": 100, "start": 50},
    ),
    ("set_led_auto", lambda a: a.set_led_auto(), lambda s: s.state.led, "auto"),
    ("set_low_power", lambda a: a.set_low_power(), lambda s: s.state.power_mode, "low"),
    ("set_high_power", lambda a: a.set_high_power(), lambda s: s.state.power_mode, "high"),
    ("set_normal_power", lambda a: a.set_normal_power(), lambda s: s.state.power_mode, "normal"),
    ("set_target_freq", lambda a: a.set_target_freq(-10), lambda s: s.state.target_freq, -10),
    ("fast_boot_off", lambda a: a.set_fast_boot(False), lambda s: s.state.fast_boot, False),
    ("web_pools_off", lambda a: a.set_web_pools(False), lambda s: s.state.web_pools, False),
    ("set_hostname", lambda a: a.set_hostname("rack-7"), lambda s: s.state.hostname, "rack-7"),
    (
        "set_zone",
        lambda a: a.set_zone("CET-1", "Europe/Berlin"),
        lambda s: s.state.zone,
        ("CET-1", "Europe/Berlin"),
    ),
    ("set_power_pct", lambda a: a.set_power_pct(80), lambda s: s.state.power_pct, 80),
    ("set_power_pct_v2", lambda a: a.set_power_pct_v2(0), lambda s: s.state.power_pct, 0),
    ("set_temp_offset", lambda a: a.set_temp_offset(-30), lambda s: s.state.temp_offset, -30),
    ("adjust_upfreq_speed", lambda a: a.adjust_upfreq_speed(9), lambda s: s.state.upfreq_speed, 9),
    (
        "set_poweroff_cool",
        lambda a: a.set_poweroff_cool(True),
        lambda s: s.state.poweroff_cool,
        True,
    ),
    (
        "set_fan_zero_speed",
        lambda a: a.set_fan_zero_speed(True),
        lambda s: s.state.fan_zero_speed,
        True,
    ),
    (
        "net_config",
        lambda a: a.net_config(
            ip="10.0.0.9",
            mask="255.255.255.0",
            gate="10.0.0.1",
            dns="1.1.1.1 9.9.9.9",
            host="rack-9",
        ),
        lambda s: s.state.net["proto"],
        "static",
    ),
    ("net_config_dhcp", lambda a: a.net_config_dhcp(), lambda s: s.state.net, {"proto": "dhcp"}),
    (
        "pre_power_on",
        lambda a: a.pre_power_on(complete=True, msg="adjust complete"),
        lambda s: True,
        True,
    ),
    (
        "update_pwd",
        lambda a: a.update_pwd(PASSWORD, "n3wpass"),
        lambda s: s.state.password,
        "n3wpass",
    ),
]


@pytest.mark.parametrize(("name", "write", "read", "expected"), WRITES, ids=[w[0] for w in WRITES])
async def test_every_write(
    start_wm: StartMiner,
    name: str,
    write: Write,
    read: Callable[[Any], object],
    expected: object,
) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        reply = await write(miner.api)
        assert reply["STATUS"] == "S"
        assert read(sim) == expected
        # a further write still works (update_pwd: with the new password)
        await miner.api.set_led_auto()


async def test_power_on_restart_reboot_factory_reset(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        await miner.api.power_off()
        await miner.api.power_on()
        assert sim.state.mining
        await miner.api.restart_btminer()
        await miner.api.adjust_power_limit(99999)  # clears the limit
        assert sim.state.power_limit == 3600
    sim2 = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim2) as miner:
        await miner.api.factory_reset()
    assert sim2.state.password == "admin"
    sim3 = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim3) as miner:
        await miner.api.reboot()


async def test_generic_read_and_write(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        assert (await miner.read("get_version"))["Msg"]["api_ver"] == "2.0.5"
        await miner.write("set_led", color="red", period=500, duration=250, start=0)
        assert sim.state.fault_light
        with pytest.raises(MinerCommandError) as caught:
            await miner.write("no_such_write")
        assert caught.value.code == 14


INVALID: list[tuple[str, Write]] = [
    ("update_pwd too long", lambda a: a.update_pwd(PASSWORD, "ninechars")),
    ("update_pwd multibyte", lambda a: a.update_pwd(PASSWORD, "pässwört")),
    ("update_pwd empty", lambda a: a.update_pwd(PASSWORD, "")),
    ("target_freq low", lambda a: a.set_target_freq(-11)),
    ("target_freq high", lambda a: a.set_target_freq(101)),
    ("power_pct", lambda a: a.set_power_pct(101)),
    ("power_pct_v2", lambda a: a.set_power_pct_v2(-1)),
    ("temp_offset high", lambda a: a.set_temp_offset(1)),
    ("temp_offset low", lambda a: a.set_temp_offset(-31)),
    ("upfreq", lambda a: a.adjust_upfreq_speed(10)),
    ("upfreq bool", lambda a: a.adjust_upfreq_speed(True)),  # type: ignore[arg-type]
    ("led color", lambda a: a.set_led("blue")),
    ("led period", lambda a: a.set_led("red", period=0)),
    ("led duration", lambda a: a.set_led("red", period=100, duration=200)),
    ("led start", lambda a: a.set_led("red", period=100, start=-1)),
    ("pools none", lambda a: a.update_pools([])),
    ("pools four", lambda a: a.update_pools([PoolConfig("u", "w")] * 4)),
    ("pool without url", lambda a: a.update_pools([PoolConfig(" ", "w")])),
    ("hostname", lambda a: a.set_hostname("bad name!")),
    (
        "net ip",
        lambda a: a.net_config(
            ip="10.0.0", mask="255.0.0.0", gate="10.0.0.1", dns="1.1.1.1", host="x"
        ),
    ),
    ("zone", lambda a: a.set_zone("", "Europe/Berlin")),
    ("power limit", lambda a: a.adjust_power_limit(0)),
    ("power mode", lambda a: a.set_power_mode("turbo")),
    ("pre power on", lambda a: a.pre_power_on(complete=True, msg="go")),  # type: ignore[arg-type]
    ("fast boot", lambda a: a.set_fast_boot("yes")),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("name", "write"), INVALID, ids=[i[0] for i in INVALID])
async def test_bad_arguments_are_refused_before_sending(
    start_wm: StartMiner, name: str, write: Write
) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        with pytest.raises(ValueError, match=r"must|needs|takes|has no"):
            await write(miner.api)
        assert miner.api.tokens_fetched == 0
    assert sim.tokens.count() == 0


async def test_update_pwd_with_a_wrong_old_password_is_a_command_error(
    start_wm: StartMiner,
) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True)
    async with await _miner(sim) as miner:
        with pytest.raises(MinerCommandError, match="old password error"):
            await miner.api.update_pwd("not-it", "n3wpass")
        assert miner.api.password == PASSWORD  # still logged in with the old one
        await miner.fault_light_on()
