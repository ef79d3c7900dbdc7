"""Whatsminer API V3 against the simulator over real sockets, and the V2/V3 choice."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    Credentials,
    MinerAuthenticationError,
    MinerCommandError,
    PermissionDenied,
    PoolConfig,
    PowerMode,
    UnsupportedOperation,
    WriteApiDisabled,
    WriteApiLockedByDefaultPassword,
    find_miner,
    get_miner,
)
from custom_components.asic_miner.driver.backends.whatsminer.v2 import WhatsminerV2
from custom_components.asic_miner.driver.backends.whatsminer.v3 import WhatsminerV3
from custom_components.asic_miner.driver.config import MinerConfig, MiningMode, MiningModeConfig

from .conftest import StartMiner

TIMEOUT = 3.0
PASSWORD = "s3cret"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def _miner(sim: Any, credentials: Credentials | None = None, **options: Any) -> WhatsminerV3:
    given = credentials if credentials is not None else Credentials(password=PASSWORD)
    if options:
        found = await find_miner(sim.address, timeout=TIMEOUT, credentials=given)
        await found.close()
        return WhatsminerV3(
            sim.address, model=found.model, credentials=given, timeout=TIMEOUT, **options
        )
    miner = await get_miner(sim.address, timeout=TIMEOUT, credentials=given)
    assert isinstance(miner, WhatsminerV3)
    return miner


@pytest.mark.parametrize(
    ("model", "name", "boards", "fans"),
    [("whatsminer-m60s", "M60S", 3, 2), ("whatsminer-m66s", "M66S", 3, 0)],
)
async def test_v3_poll(start_wm: StartMiner, model: str, name: str, boards: int, fans: int) -> None:
    sim = await start_wm(model)
    sim.state.error_codes = {"2020": "2025-01-02 03:04:05", "123456": "2025-01-02 03:04:06"}
    async with await _miner(sim) as miner:
        assert (miner.make, miner.firmware, miner.model) == ("Whatsminer", "Stock", name)
        assert miner.capabilities == frozenset(Capability)
        data = await miner.get_data()
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data.expected_hashrate == sim.expected_hashrate_ths
    assert [b.hashrate for b in data.hashboards] == pytest.approx(
        sim.board_hashrates_ths, abs=0.001
    )
    assert len(data.hashboards) == boards
    assert all(b.chips == b.expected_chips for b in data.hashboards)
    assert all(b.temp is not None and b.chip_temp is not None for b in data.hashboards)
    assert all(b.serial_number for b in data.hashboards)
    assert [f.speed for f in data.fans] == sim.fan_speeds
    assert len(data.fans) == fans
    assert data.fan_psu
    assert data.wattage == sim.power_watts
    assert data.wattage_limit == sim.state.power_limit
    assert data.env_temp is not None
    assert data.mac == sim.mac.upper()
    assert data.hostname == "WhatsMiner"
    assert data.serial_number == sim.serial_number
    assert (data.fw_ver, data.api_ver) == (sim.spec.fw_ver, sim.spec.api_ver)
    assert data.is_mining is True
    assert data.fault_light is False
    assert data.power_mode is PowerMode.NORMAL
    assert data.pools[0].active
    assert {(e.code, e.message) for e in data.errors} == {
        (2020, "pool 0: connection failed"),
        (123456, "error 123456"),  # unknown to our table: the miner's own reason
    }


async def test_one_connection_is_kept(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        for _ in range(3):
            await miner.get_data()
        await miner.fault_light_on()
        await miner.fault_light_off()
        assert miner.api.connections_opened == 1
        assert sim._v3.clients == 1
    await asyncio.sleep(0.05)
    assert sim._v3.clients == 0  # closed with the miner


async def test_idle_connection_is_replaced(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s")
    idle = FakeClock()
    async with await _miner(sim, monotonic=idle) as miner:
        await miner.get_data()
        idle.advance(100)
        await miner.get_data()
        assert miner.api.connections_opened == 1
        idle.advance(250)  # past our limit, before the miner's 300 s
        await miner.get_data()
        assert miner.api.connections_opened == 2


async def test_heartbeat_keeps_the_connection(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s")
    async with await _miner(sim) as miner:
        await miner.get_data()
        await miner.api.heartbeat()
        await miner.get_data()
        assert miner.api.connections_opened == 1


async def test_reconnects_after_the_miner_dropped_the_connection(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        await miner.get_data()
        await sim.go_offline()
        await sim.come_back()
        await miner.get_data()  # the dead kept connection is replaced, the read resent
        assert miner.api.connections_opened == 2
        await sim.go_offline()
        await sim.come_back()
        await miner.fault_light_on()  # a write found the connection closed before sending
        assert sim.state.fault_light


async def test_v3_controls(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        await miner.check_credentials()
        await miner.fault_light_on()
        assert sim.state.fault_light
        assert await miner.check_light()
        await miner.fault_light_off()
        assert not sim.state.fault_light
        await miner.stop_mining()
        assert sim.state.mining is False
        assert (await miner.get_data()).is_mining is False
        await miner.resume_mining()
        assert sim.state.mining is True
        for mode in PowerMode:
            await miner.set_power_mode(mode)
            assert sim.state.power_mode == mode.value
            assert (await miner.get_data()).power_mode is mode
        with pytest.raises(ValueError, match="low, normal or high"):
            await miner.set_power_mode("turbo")  # type: ignore[arg-type]
        sim.clock.advance(60)
        started = sim.state.btminer_started_at
        await miner.restart_backend()
        assert sim.state.btminer_started_at > started
        await miner.set_hostname("rack-3")
        assert sim.state.hostname == "rack-3"
        await miner.reboot()


async def test_v3_power_limit(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        assert miner.power_limit_range() == (2200, 3800)
        with pytest.raises(ValueError, match="outside"):
            await miner.set_power_limit(3801)
        await miner.set_power_limit(3000)
        assert sim.state.power_limit == 3000
        await asyncio.sleep(0.5)  # the miner restarts to apply it
        assert (await miner.get_data()).wattage_limit == 3000


async def test_v3_pools_and_config(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        pools = [PoolConfig("stratum+tcp://v3.pool.invalid:3333", "me.v3", "pw")]
        await miner.send_config(
            MinerConfig(pools=pools, mining_mode=MiningModeConfig(MiningMode.HIGH))
        )
        assert sim.state.pools[0] == {
            "url": "stratum+tcp://v3.pool.invalid:3333",
            "user": "me.v3",
            "pass": "pw",
        }
        assert sim.state.power_mode == "high"
        config = await miner.get_config()
        assert [(p.url, p.user) for p in config.pools] == [(pools[0].url, "me.v3")]
        assert config.mining_mode.mode is MiningMode.HIGH


async def test_v3_change_password(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        await miner.change_password(PASSWORD, "n3w-one")
        assert sim.state.v3_passwords["super"] == "n3w-one"
        await miner.fault_light_on()  # signed with the new password
        with pytest.raises(ValueError, match="account"):
            await miner.change_password("a", "b", account="root")


async def test_v3_salt_change_after_reboot_is_followed(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        await miner.fault_light_on()
        sim.v3_salt = "N3wSaltX"  # what a reboot does
        await miner.fault_light_off()
        assert not sim.state.fault_light


async def test_v3_wrong_password(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim, Credentials(password="wrong")) as miner:
        with pytest.raises(MinerAuthenticationError, match="wrong password"):
            await miner.check_credentials()
        await miner.get_data()  # reads need no login


async def test_v3_write_api_off(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=False)
    async with await _miner(sim) as miner:
        with pytest.raises(WriteApiDisabled, match="API Setting"):
            await miner.check_credentials()


async def test_v3_factory_password(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True, v3_password=None)
    async with await _miner(sim, Credentials()) as miner:  # super / super as shipped
        assert miner.api.account == "super"
        with pytest.raises(WriteApiLockedByDefaultPassword, match="factory password"):
            await miner.fault_light_on()


async def test_v3_account_without_permission(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    sim.state.v3_passwords["user1"] = "us3r"
    async with await _miner(sim, Credentials("user1", "us3r")) as miner:
        assert miner.api.account == "user1"
        await miner.fault_light_on()
        with pytest.raises(PermissionDenied, match="user1"):
            await miner.change_password(PASSWORD, "x", account="super")


async def test_v3_generic_read_and_write(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        assert (await miner.read("get.fan.setting"))["fan-temp-offset"] == 0
        await miner.write("set.fan.temp_offset", -5)
        assert sim.state.temp_offset == -5
        with pytest.raises(MinerCommandError) as caught:
            await miner.write("set.no.such")
        assert caught.value.code == -2


async def test_v3_secrets_stay_out_of_logs(
    start_wm: StartMiner, caplog: pytest.LogCaptureFixture
) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    caplog.set_level(logging.DEBUG)
    async with await _miner(sim) as miner:
        await miner.fault_light_on()
        shown = repr(miner) + repr(miner.api)
    assert PASSWORD not in caplog.text
    assert PASSWORD not in shown


# -- which API -------------------------------------------------------------------------------


async def test_v2_firmware_gets_v2_and_v3_firmware_gets_v3(start_wm: StartMiner) -> None:
    v2 = await start_wm("whatsminer-m50s")
    v3 = await start_wm("whatsminer-m60s")
    first = await get_miner(v2.address, timeout=TIMEOUT)
    second = await get_miner(v3.address, timeout=TIMEOUT)
    assert isinstance(first, WhatsminerV2)
    assert isinstance(second, WhatsminerV3)
    await first.close()
    await second.close()


async def test_v3_firmware_without_port_4433_falls_back_to_v2_reads(
    start_wm: StartMiner,
) -> None:
    sim = await start_wm("whatsminer-m60s", v3_port=14433)  # 4433 closed
    miner = await get_miner(sim.address, timeout=TIMEOUT)
    assert isinstance(miner, WhatsminerV2)
    async with miner:
        data = await miner.get_data()  # the reduced V2 read API of V3 firmware
        with pytest.raises(UnsupportedOperation, match="V2 writes"):
            await miner.check_credentials()  # no V2 tokens on V3 firmware: not a success
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data.mac == sim.mac.upper()
    assert data.fw_ver == sim.spec.fw_ver
    assert data.is_mining is True


async def test_v3_answers_even_with_4028_closed(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", rpc_port=14028)
    miner = await get_miner(sim.address, timeout=TIMEOUT)
    assert isinstance(miner, WhatsminerV3)
    async with miner:
        assert miner.model == "M60S"
        assert (await miner.get_data()).hashrate


@pytest.mark.parametrize(
    ("given", "login"),
    [
        (None, ("super", "super")),
        (Credentials(), ("super", "super")),
        (Credentials(password="pw"), ("super", "pw")),
        (Credentials("admin", "admin"), ("super", "super")),  # the V2 factory login
        (Credentials("admin", "pw"), ("super", "pw")),
        (Credentials("user2", None), ("user2", "user2")),
        (Credentials("user2", "pw"), ("user2", "pw")),
    ],
)
def test_v3_login_defaults(given: Credentials | None, login: tuple[str, str]) -> None:
    miner = WhatsminerV3("127.0.7.250", credentials=given)
    assert (miner.api.account, miner.credentials.password) == login
    assert miner.credentials.username == login[0]


async def test_v3_command_errors_are_not_login_errors(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m60s", write_api=True)
    async with await _miner(sim) as miner:
        with pytest.raises(MinerCommandError, match="invalid param") as caught:
            await miner.write("set.miner.power_mode", "turbo")  # not checked: generic
        assert caught.value.code == -3
        with pytest.raises(MinerCommandError, match="old password error"):
            await miner.change_password("not-it", "n3w")
        await miner.fault_light_on()  # the login itself is fine
