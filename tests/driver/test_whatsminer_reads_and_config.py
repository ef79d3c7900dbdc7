"""Whatsminer (API V2 and V3): the single reads, configuration changes across mining modes,
and arguments refused before anything is sent. Simulated miners over real sockets, on
127.0.14.150-199.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
    UnsupportedOperation,
    get_miner,
)
from custom_components.asic_miner.driver.backends.whatsminer.v2 import WhatsminerV2
from custom_components.asic_miner.driver.backends.whatsminer.v3 import WhatsminerV3
from tests.simulator import SimulatedMiner

TIMEOUT = 3.0
PASSWORD = "s3cret"
_ADDRESSES = (f"127.0.14.{n}" for n in itertools.cycle(range(150, 200)))

Start = Callable[..., Awaitable[tuple[Any, Any]]]


@pytest.fixture
async def whatsminer() -> AsyncIterator[Start]:
    """``sim, miner = await whatsminer("whatsminer-m50s")``: write API on, password s3cret."""
    opened: list[tuple[Any, Any]] = []

    async def start(model: str, **options: Any) -> tuple[Any, Any]:
        options.setdefault("write_api", True)
        sim: Any = SimulatedMiner(
            model, next(_ADDRESSES), password=PASSWORD, reboot_seconds=0.3, **options
        )
        sim.state.v3_passwords["super"] = PASSWORD
        await sim.start()
        miner = await get_miner(
            sim.address, credentials=Credentials(password=PASSWORD), timeout=TIMEOUT
        )
        opened.append((sim, miner))
        return sim, miner

    yield start
    for sim, miner in opened:
        await miner.close()
        await sim.stop()


MODELS = ["whatsminer-m50s", "whatsminer-m60s"]


@pytest.mark.parametrize("model", MODELS)
async def test_single_reads_match_the_miner(whatsminer: Start, model: str) -> None:
    sim, miner = await whatsminer(model)
    sim.state.error_codes = {"2010": "2025-01-02 03:04:05", "110": "2025-01-02 03:04:06"}
    sim.state.hostname = "rack4-slot7"
    errors = await miner.get_errors()
    assert sorted(e.code for e in errors) == [110, 2010]
    assert all(e.message for e in errors)
    assert await miner.get_hostname() == "rack4-slot7"
    assert await miner.is_mining() is True
    assert await miner.check_light() is False
    await miner.fault_light_on()
    assert await miner.check_light() is True
    await miner.stop_mining()
    assert await miner.is_mining() is False


@pytest.mark.parametrize("model", MODELS)
async def test_from_sleep_to_a_power_target_resumes_and_sets_the_limit(
    whatsminer: Start, model: str
) -> None:
    sim, miner = await whatsminer(model)
    await miner.stop_mining()
    assert sim.state.mining is False
    await miner.send_config(
        MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, power_target=3000))
    )
    assert sim.state.mining is True
    assert sim.state.power_limit == 3000


@pytest.mark.parametrize("model", MODELS)
async def test_send_config_changes_only_what_differs(whatsminer: Start, model: str) -> None:
    sim, miner = await whatsminer(model)
    current = await miner.get_config()
    await miner.send_config(current)  # the same: nothing to do
    assert (sim.state.mining, sim.state.power_mode) == (True, "normal")

    await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
    assert sim.state.mining is False
    assert (await miner.get_config()).mining_mode.mode is MiningMode.SLEEP

    await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.HIGH)))
    assert (sim.state.mining, sim.state.power_mode) == (True, "high")
    assert (await miner.get_config()).mining_mode.mode is MiningMode.HIGH


@pytest.mark.parametrize("model", MODELS)
async def test_config_the_firmware_cannot_hold_is_refused_before_sending(
    whatsminer: Start, model: str
) -> None:
    sim, miner = await whatsminer(model)
    pools_before = [dict(p) for p in sim.state.pools]
    four = [PoolConfig(f"stratum+tcp://p{n}.pool.invalid:3333", f"w.{n}") for n in range(4)]
    with pytest.raises(UnsupportedOperation, match="4 pools"):
        await miner.send_config(MinerConfig(pools=four))
    with pytest.raises(ValueError, match="power_target"):
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET)))
    assert sim.state.pools == pools_before


async def test_v2_every_plain_read(whatsminer: Start) -> None:
    sim, miner = await whatsminer("whatsminer-m50s")
    assert isinstance(miner, WhatsminerV2)
    api = miner.api
    summary = (await api.summary())["SUMMARY"][0]
    assert summary["MHS 1m"] > 0
    assert (await api.pools())["POOLS"][0]["URL"] == sim.state.pools[0]["url"]
    assert len((await api.edevs())["DEVS"]) == 3
    assert (await api.devdetails())["DEVDETAILS"][0]["Model"].startswith("M50S")
    assert "fan_speed" in (await api.get_psu())["Msg"]
    assert (await api.get_version())["Msg"]["api_ver"]
    info = (await api.get_miner_info(["mac", "hostname"]))["Msg"]
    assert info["mac"] == sim.mac
    assert "error_code" in (await api.get_error_code())["Msg"]
    assert api.port == 4028
    assert repr(api).endswith(":4028>")


async def test_v2_arguments_refused_before_sending(whatsminer: Start) -> None:
    sim, miner = await whatsminer("whatsminer-m50s")
    with pytest.raises(ValueError, match="old password"):
        await miner.api.update_pwd("", "n3wpass")
    with pytest.raises(ValueError, match="dns"):
        await miner.api.net_config(
            ip="192.0.2.10", mask="255.255.255.0", gate="192.0.2.1", dns="", host="wm"
        )
    assert sim.state.password == PASSWORD
    assert sim.state.net == {"proto": "dhcp"}


async def test_v3_change_password_needs_both_passwords(whatsminer: Start) -> None:
    sim, miner = await whatsminer("whatsminer-m60s")
    assert isinstance(miner, WhatsminerV3)
    with pytest.raises(ValueError, match="must not be empty"):
        await miner.change_password(PASSWORD, "")
    with pytest.raises(ValueError, match="account must be one of"):
        await miner.change_password(PASSWORD, "n3w", account="root")
    assert sim.state.v3_passwords["super"] == PASSWORD


async def test_v3_reboot_comes_back_with_a_new_connection(whatsminer: Start) -> None:
    sim, miner = await whatsminer("whatsminer-m60s")
    await miner.fault_light_on()
    await miner.reboot()
    for _ in range(30):  # down for reboot_seconds, then back
        await asyncio.sleep(0.1)
        with contextlib.suppress(AsicMinerError):
            data = await miner.get_data()  # a fresh connection after the restart
            if data.fault_light is False:
                break
    else:
        pytest.fail("the miner did not come back from the reboot")
    assert data.mac == sim.mac
    assert sim.state.fault_light is False  # a reboot resets the LED
