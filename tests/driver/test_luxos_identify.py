"""A LuxOS Antminer is found as LuxOS, never as the stock firmware its spoofed fields
imitate ("Type": "Antminer S19k Pro"); a session that expired or was lost is renewed
once, and a refused renewal fails precisely. Simulated miners on 127.0.95.61-90."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Firmware,
    MinerCommandError,
    SwitchKey,
    get_miner,
    scan,
)
from custom_components.asic_miner.driver.backends.luxos.backend import Luxos
from tests.simulator.luxos import captures
from tests.simulator.luxos.testing import StartLuxos, addresses, connect, luxos_fixture

start_luxos = luxos_fixture(addresses(95, 61, 90))


async def test_a_luxos_antminer_is_luxos_not_stock(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    miner = await get_miner(sim.address, timeout=3.0)
    assert isinstance(miner, Luxos)
    assert miner is not None
    assert miner.family is Firmware.LUXOS
    assert miner.model == "S19k Pro"
    assert captures.VERSION["VERSION"][0]["Type"].startswith("Antminer")  # what stock says too
    await miner.close()


async def test_a_scan_finds_it_as_luxos(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    found = [result async for result in scan(sim.address, timeout=3.0)]
    assert [(r.host, r.miner.firmware) for r in found] == [(sim.address, "LuxOS")]
    assert found[0].data is not None
    assert found[0].data.mac == sim.mac
    assert found[0].data.model == "S19k Pro"


async def test_a_session_is_reused_while_it_lives(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.set_switch(SwitchKey.ATM, False)
        await miner.set_switch(SwitchKey.ATM, True)
        assert miner.api.logons == 1  # type: ignore[attr-defined]
    assert sim.state.sessions_opened == 1


async def test_an_expired_session_is_renewed_and_the_control_sent_again(
    start_luxos: StartLuxos,
) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.set_switch(SwitchKey.ATM, False)
        sim.state.expire_session()  # a minute unused, or LUXminer restarted
        await miner.set_switch(SwitchKey.ATM, True)
        assert miner.api.logons == 2  # type: ignore[attr-defined]
    assert sim.state.atm
    assert sim.state.sessions_opened == 2
    assert sim.state.received.count("atmset") == 3  # refused once, then sent again


async def test_a_session_expiring_by_time_is_renewed(start_luxos: StartLuxos) -> None:
    sim = await start_luxos(session_seconds=0.05)
    async with await connect(sim) as miner:
        await miner.stop_mining()
        await asyncio.sleep(0.1)
        await miner.resume_mining()
    assert not sim.state.curtailed
    assert sim.state.sessions_opened == 2


async def test_a_session_held_by_someone_else_is_used_as_luxos_allows(
    start_luxos: StartLuxos,
) -> None:
    """``session`` answers the open session (anyone's: LUXminer's sessions coordinate,
    they are no login; docs api/sessions)."""
    sim = await start_luxos()
    held = sim.state.logon()
    async with await connect(sim) as miner:
        await miner.stop_mining()
    assert sim.state.curtailed
    assert sim.state.session_id == held


async def test_a_refused_renewal_fails_precisely(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.use_session = lambda given: False  # type: ignore[method-assign]
        with pytest.raises(MinerCommandError, match="Invalid session_id"):
            await miner.stop_mining()
    assert not sim.state.curtailed
