"""Binary sensors: mining, problem and (where it cannot be switched) the fault light."""

from __future__ import annotations

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.binary_sensor import BINARY_SENSORS, problems
from custom_components.asic_miner.driver import HashBoard, Miner, MinerData, MinerError

from .conftest import SimFactory
from .miners import FAMILIES, M60S, S9, S19PRO, poll, set_up_family

BINARY_SENSOR = [Platform.BINARY_SENSOR]


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_binary_sensors(
    hass: HomeAssistant,
    start_sim: SimFactory,
    family: str,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    miner = await set_up_family(hass, start_sim, FAMILIES[family], BINARY_SENSOR)
    await snapshot_platform(hass, entity_registry, snapshot, miner.entry.entry_id)


async def test_mining_follows_the_miner(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO, BINARY_SENSOR)
    entity_id = miner.entity("binary_sensor", "hashing")
    assert hass.states.get(entity_id).state == STATE_ON
    assert hass.states.get(entity_id).attributes["device_class"] == "running"

    miner.sim.state.mining = False
    await poll(hass, freezer)
    assert hass.states.get(entity_id).state == STATE_OFF


async def test_old_firmware_reports_mining(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """No sleep mode (no switch) on the S9, but whether it hashes is still shown."""
    miner = await set_up_family(hass, start_sim, S9, BINARY_SENSOR)
    assert hass.states.get(miner.entity("binary_sensor", "hashing")).state == STATE_ON


async def test_problem_on_miner_errors(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    miner = await set_up_family(hass, start_sim, M60S, BINARY_SENSOR)
    entity_id = miner.entity("binary_sensor", "problem")
    state = hass.states.get(entity_id)
    assert state.state == STATE_OFF
    assert state.attributes["problems"] == []

    miner.sim.state.error_codes["2010"] = "2026-11-21 10:00:00"
    await poll(hass, freezer)

    state = hass.states.get(entity_id)
    assert state.state == STATE_ON
    [problem] = state.attributes["problems"]
    assert problem.startswith("error 2010")


def test_problems_of_boards() -> None:
    data = MinerData(
        host="127.0.12.99",
        hashboards=[
            HashBoard(slot=0, chips=114, expected_chips=114),
            HashBoard(slot=1, chips=100, expected_chips=114),
            HashBoard(slot=2, missing=True),
        ],
        errors=[MinerError(code=None, message="fan lost")],
    )
    assert problems(data) == ["fan lost", "board 2: 100 of 114 chips", "board 3 missing"]


async def test_no_fault_light_sensor_where_it_can_be_switched(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """The switch shows the light already; a read-only sensor is for firmware without it."""
    miner = await set_up_family(hass, start_sim, S19PRO, BINARY_SENSOR)
    assert hass.states.get(miner.entity("binary_sensor", "fault_light")) is None


def test_read_only_fault_light() -> None:
    """A firmware that reports its light but cannot switch it gets the binary sensor."""
    [fault_light] = [d for d in BINARY_SENSORS if d.key == "fault_light"]
    data = MinerData(host="127.0.12.99", fault_light=True)
    assert fault_light.exists(Miner("127.0.12.99"), data)
    assert not fault_light.exists(Miner("127.0.12.99"), MinerData(host="127.0.12.99"))
