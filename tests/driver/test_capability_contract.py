"""Every backend keeps the Miner contract: a control it does not list raises
UnsupportedOperation (and sends nothing), and the convenience reads agree with a full poll.

Simulated miners over real sockets, on 127.0.14.100-149.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    Credentials,
    Miner,
    MinerConfig,
    PowerMode,
    UnsupportedOperation,
    get_miner,
)
from tests.simulator import SimulatedMiner

TIMEOUT = 3.0
_ADDRESSES = (f"127.0.14.{n}" for n in itertools.cycle(range(100, 150)))

# What a caller runs for each capability (a fault light has three faces).
CALLS: dict[Capability, list[Callable[[Miner], Awaitable[Any]]]] = {
    Capability.REBOOT: [lambda m: m.reboot()],
    Capability.RESTART_BACKEND: [lambda m: m.restart_backend()],
    Capability.STOP_MINING: [lambda m: m.stop_mining()],
    Capability.RESUME_MINING: [lambda m: m.resume_mining()],
    Capability.FAULT_LIGHT: [
        lambda m: m.fault_light_on(),
        lambda m: m.fault_light_off(),
        lambda m: m.check_light(),
    ],
    Capability.POWER_LIMIT: [lambda m: m.set_power_limit(3000)],
    Capability.POWER_MODE: [lambda m: m.set_power_mode(PowerMode.LOW)],
    Capability.GET_CONFIG: [lambda m: m.get_config()],
    Capability.SEND_CONFIG: [lambda m: m.send_config(MinerConfig())],
}

# (simulated model, options, credentials) for each backend the driver has.
BACKENDS = {
    "antminer-s19pro": ({"password": "root"}, Credentials()),
    "antminer-s9": ({"password": "root"}, Credentials()),
    "whatsminer-m50s": ({"password": "s3cret", "write_api": True}, Credentials(password="s3cret")),
    "whatsminer-m60s": ({"password": "s3cret", "write_api": True}, Credentials(password="s3cret")),
}


@pytest.fixture
async def miner_for() -> AsyncIterator[Callable[[str], Awaitable[tuple[SimulatedMiner, Miner]]]]:
    opened: list[tuple[SimulatedMiner, Miner]] = []

    async def start(model: str) -> tuple[SimulatedMiner, Miner]:
        options, credentials = BACKENDS[model]
        sim = SimulatedMiner(model, next(_ADDRESSES), reboot_seconds=0.3, **options)  # type: ignore[arg-type]
        if "whatsminer" in model:
            sim.state.v3_passwords["super"] = "s3cret"  # type: ignore[attr-defined]
        await sim.start()
        miner = await get_miner(sim.address, credentials=credentials, timeout=TIMEOUT)
        opened.append((sim, miner))
        return sim, miner

    yield start
    for sim, miner in opened:
        await miner.close()
        await sim.stop()


@pytest.mark.parametrize("model", list(BACKENDS))
async def test_controls_outside_the_capabilities_are_refused_without_effect(
    miner_for: Callable[[str], Awaitable[tuple[SimulatedMiner, Miner]]], model: str
) -> None:
    sim, miner = await miner_for(model)
    before = await miner.get_data()
    missing = [cap for cap in Capability if cap not in miner.capabilities]
    for capability in missing:
        for call in CALLS[capability]:
            with pytest.raises(UnsupportedOperation) as caught:
                await call(miner)
            assert miner.firmware in str(caught.value)
    after = await miner.get_data()
    # Nothing was changed on the miner by the refused controls.
    assert (after.is_mining, after.fault_light, after.wattage_limit) == (
        before.is_mining,
        before.fault_light,
        before.wattage_limit,
    )
    assert sim.mac == after.mac


async def test_old_antminer_lacks_sleep_and_power_controls(
    miner_for: Callable[[str], Awaitable[tuple[SimulatedMiner, Miner]]],
) -> None:
    _sim, miner = await miner_for("antminer-s9")
    assert Capability.STOP_MINING not in miner.capabilities
    with pytest.raises(UnsupportedOperation, match="resume_mining"):
        await miner.resume_mining()
    with pytest.raises(UnsupportedOperation, match="power_mode"):
        await miner.set_power_mode(PowerMode.HIGH)


@pytest.mark.parametrize("model", ["antminer-s19pro", "antminer-s9"])
async def test_convenience_reads_agree_with_a_full_poll(
    miner_for: Callable[[str], Awaitable[tuple[SimulatedMiner, Miner]]], model: str
) -> None:
    sim, miner = await miner_for(model)
    data = await miner.get_data()
    assert await miner.get_model() == miner.model == data.model
    assert await miner.get_hostname() == data.hostname
    assert await miner.is_mining() is True
    assert [e.code for e in await miner.get_errors()] == [e.code for e in data.errors]
    if Capability.STOP_MINING in miner.capabilities:
        await miner.stop_mining()
        assert await miner.is_mining() is False
        assert sim.state.mining is False


async def test_a_bare_miner_supports_nothing() -> None:
    # The base class is what an unknown firmware would get: every call says so plainly.
    async with Miner("127.0.14.9", model="X1") as miner:
        assert miner.capabilities == frozenset()
        with pytest.raises(UnsupportedOperation, match="get_data"):
            await miner.get_data()
        for calls in CALLS.values():
            for call in calls:
                with pytest.raises(UnsupportedOperation):
                    await call(miner)
        assert "X1" in repr(miner)
