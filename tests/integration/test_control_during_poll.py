"""A control sent while a poll is under way: the poll's older reading never undoes what the
control's own refresh shows. Home Assistant runs one refresh of a coordinator at a time, so
the control's refresh waits for the poll and reads the miner after both (127.0.21.50)."""

from __future__ import annotations

import asyncio

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant

from tests.simulator import Fault

from .conftest import SimFactory, entry_for, setup_entry

HOST = "127.0.21.50"
LIGHT = "switch.antminer_s19_pro_fault_light"


async def test_a_poll_under_way_does_not_undo_a_control(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    sim = await start_sim("antminer-s19pro", HOST)
    entry = await setup_entry(hass, entry_for(sim, HOST))
    assert hass.states.get(LIGHT).state == STATE_OFF

    # The poll reads the light (off) at once, then waits for the miner's slow RPC answer.
    sim.set_fault(Fault.DELAY, seconds=1.0, protocol="rpc")
    poll = hass.async_create_task(entry.runtime_data.async_refresh())
    await asyncio.sleep(0.2)
    sim.clear_faults()
    await hass.services.async_call("switch", "turn_on", {"entity_id": LIGHT}, blocking=True)
    assert hass.states.get(LIGHT).state == STATE_ON

    await poll
    await hass.async_block_till_done()

    assert sim.state.fault_light is True
    assert hass.states.get(LIGHT).state == STATE_ON
