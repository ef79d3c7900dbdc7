"""Controlling Whatsminers from their entities: a V2 M50S and a V3 M60S, writes enabled."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN
from homeassistant.components.button import SERVICE_PRESS
from homeassistant.components.number import ATTR_VALUE, SERVICE_SET_VALUE
from homeassistant.components.number import DOMAIN as NUMBER_DOMAIN
from homeassistant.components.select import ATTR_OPTION, SERVICE_SELECT_OPTION
from homeassistant.components.select import DOMAIN as SELECT_DOMAIN
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.driver.models import lookup
from custom_components.asic_miner.power.levers import power_limit_range
from tests.simulator import SimulatedMiner

from .conftest import (
    M50S_HOST,
    M60S_HOST,
    WHATSMINER_PASSWORD,
    SimFactory,
    setup_entry,
    start_whatsminer,
    whatsminer_entry_for,
)


@dataclass
class Whatsminer:
    sim: SimulatedMiner
    entry: MockConfigEntry
    prefix: str  # object id prefix: "whatsminer_m50s"

    def entity(self, domain: str, key: str) -> str:
        return f"{domain}.{self.prefix}_{key}"


@pytest.fixture(params=["m50s", "m60s"])
async def whatsminer(
    request: pytest.FixtureRequest, hass: HomeAssistant, start_sim: SimFactory
) -> Whatsminer:
    """Each test runs against the V2 M50S and the V3 M60S, writes enabled."""
    model = request.param
    host = M50S_HOST if model == "m50s" else M60S_HOST
    sim = await start_whatsminer(
        start_sim, f"whatsminer-{model}", host, password=WHATSMINER_PASSWORD, write_api=True
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, host))
    return Whatsminer(sim, entry, f"whatsminer_{model}")


async def _call(hass: HomeAssistant, domain: str, service: str, data: dict[str, object]) -> None:
    await hass.services.async_call(domain, service, data, blocking=True)
    await hass.async_block_till_done()


async def test_entities(
    hass: HomeAssistant, whatsminer: Whatsminer, entity_registry: er.EntityRegistry
) -> None:
    """Every control the issue asks for is there."""
    for domain, key in (
        ("number", "power_limit"),
        ("select", "power_mode"),
        ("switch", "mining"),
        ("switch", "fault_light"),
        ("button", "reboot"),
        ("button", "restart_mining_software"),
        ("sensor", "power"),
        ("sensor", "efficiency"),
        ("sensor", "hashrate"),
    ):
        entity_id = whatsminer.entity(domain, key)
        assert entity_registry.async_get(entity_id) is not None, entity_id


async def test_power_limit(hass: HomeAssistant, whatsminer: Whatsminer) -> None:
    entity_id = whatsminer.entity("number", "power_limit")
    state = hass.states.get(entity_id)
    assert float(state.state) == whatsminer.sim.state.power_limit
    assert state.attributes["unit_of_measurement"] == "W"
    assert state.attributes["device_class"] == "power"
    assert state.attributes["mode"] == "box"
    low, high = state.attributes["min"], state.attributes["max"]
    model = lookup(whatsminer.entry.runtime_data.data.model, "Whatsminer")
    assert model is not None, "the driver's model table knows this Whatsminer"
    # The range the firmware takes, which the driver checks too.
    assert (low, high) == power_limit_range(model.name, model.make)
    assert (low, high) == (model.power_min_w, model.power_max_w)

    await _call(
        hass, NUMBER_DOMAIN, SERVICE_SET_VALUE, {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: 2800}
    )
    assert whatsminer.sim.state.power_limit == 2800
    assert float(hass.states.get(entity_id).state) == 2800

    for outside in (low - 10, high + 10):
        with pytest.raises(ServiceValidationError):
            await _call(
                hass,
                NUMBER_DOMAIN,
                SERVICE_SET_VALUE,
                {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: outside},
            )
    assert whatsminer.sim.state.power_limit == 2800


async def test_power_mode(hass: HomeAssistant, whatsminer: Whatsminer) -> None:
    entity_id = whatsminer.entity("select", "power_mode")
    state = hass.states.get(entity_id)
    assert state.state == "normal"
    assert state.attributes["options"] == ["low", "normal", "high"]

    for mode in ("low", "high", "normal"):
        await _call(
            hass,
            SELECT_DOMAIN,
            SERVICE_SELECT_OPTION,
            {ATTR_ENTITY_ID: entity_id, ATTR_OPTION: mode},
        )
        assert whatsminer.sim.state.power_mode == mode
        assert hass.states.get(entity_id).state == mode

    with pytest.raises(ServiceValidationError):
        await _call(
            hass,
            SELECT_DOMAIN,
            SERVICE_SELECT_OPTION,
            {ATTR_ENTITY_ID: entity_id, ATTR_OPTION: "turbo"},
        )


async def test_stop_and_resume(hass: HomeAssistant, whatsminer: Whatsminer) -> None:
    entity_id = whatsminer.entity("switch", "mining")
    assert hass.states.get(entity_id).state == STATE_ON

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id})
    assert whatsminer.sim.state.mining is False
    assert hass.states.get(entity_id).state == STATE_OFF

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id})
    assert whatsminer.sim.state.mining is True
    assert hass.states.get(entity_id).state == STATE_ON


async def test_fault_light(hass: HomeAssistant, whatsminer: Whatsminer) -> None:
    entity_id = whatsminer.entity("switch", "fault_light")
    assert hass.states.get(entity_id).state == STATE_OFF

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id})
    assert whatsminer.sim.state.fault_light is True
    assert hass.states.get(entity_id).state == STATE_ON

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id})
    assert whatsminer.sim.state.fault_light is False
    assert hass.states.get(entity_id).state == STATE_OFF


async def _wait_until(condition: Callable[[], bool]) -> None:
    """The simulator reboots or restarts shortly after answering, as a real miner does."""
    async with asyncio.timeout(5):
        while not condition():  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


async def test_reboot(hass: HomeAssistant, whatsminer: Whatsminer) -> None:
    booted_at = whatsminer.sim.state.booted_at
    entity_id = whatsminer.entity("button", "reboot")
    assert hass.states.get(entity_id).attributes["device_class"] == "restart"

    await _call(hass, BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: entity_id})

    await _wait_until(lambda: whatsminer.sim.state.booted_at > booted_at)


async def test_restart_mining_software(hass: HomeAssistant, whatsminer: Whatsminer) -> None:
    state = whatsminer.sim.state
    booted_at, started_at = state.booted_at, state.btminer_started_at
    entity_id = whatsminer.entity("button", "restart_mining_software")

    await _call(hass, BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: entity_id})

    await _wait_until(lambda: whatsminer.sim.state.btminer_started_at > started_at)
    assert whatsminer.sim.state.booted_at == booted_at  # the software only, not the miner
