"""Every entity of the simulated Canaan Avalons (Nano 3S, Mini 3, Avalon Q, A1566), as
snapshots per platform, and the readings that follow the miner.

The Avalon tests use the loopback addresses 127.0.55.x and 127.0.56.x. This module also
holds what the other ``test_avalon_*`` modules share: the models, and setting one up as the
config flow adds it (only the address is stored: reads need no login, and ``setpool``
takes the web login the firmware ships with).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import pytest
from homeassistant.const import CONF_HOST, Platform
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac
from pytest_homeassistant_custom_component.common import (  # type: ignore[import-untyped]
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.avalon import AvalonSim

from .conftest import UPTIME, SimFactory, setup_entry


@dataclass(frozen=True)
class AvalonModel:
    """A simulated Avalon and what Home Assistant makes of it."""

    model: str  # simulator model key
    host: str
    title: str  # the entry's title as the config flow gives it
    prefix: str  # object id prefix of its entities
    # The platforms that have entities for this model (the firmware's controls decide).
    platforms: tuple[Platform, ...]

    def entity(self, domain: str, key: str) -> str:
        return f"{domain}.{self.prefix}_{key}"


_COMMON = (Platform.BINARY_SENSOR, Platform.BUTTON, Platform.SELECT, Platform.SENSOR)
NANO3S: Final = AvalonModel(
    "avalon-nano3s",
    "127.0.55.10",
    "Avalon Nano 3S",
    "avalon_nano_3s",
    (*_COMMON, Platform.LIGHT, Platform.NUMBER),  # no soft off: no Mining switch
)
MINI3: Final = AvalonModel(
    "avalon-mini3",
    "127.0.55.11",
    "Avalon Mini 3",
    "avalon_mini_3",
    (*_COMMON, Platform.NUMBER, Platform.SWITCH),
)
AVALON_Q: Final = AvalonModel(
    "avalon-q", "127.0.55.12", "Avalon Q", "avalon_q", (*_COMMON, Platform.NUMBER, Platform.SWITCH)
)
A1566: Final = AvalonModel(
    "avalon-a1566",
    "127.0.55.13",
    "Avalon A1566",
    "avalon_a1566",
    (*_COMMON, Platform.SWITCH),  # no fan-spd or target-temp on the A-series: no number
)
AVALONS: Final = {"nano3s": NANO3S, "mini3": MINI3, "q": AVALON_Q, "a1566": A1566}


@dataclass
class SetUpAvalon:
    model: AvalonModel
    sim: AvalonSim
    entry: MockConfigEntry

    def entity(self, domain: str, key: str) -> str:
        return self.model.entity(domain, key)

    def state(self, hass: HomeAssistant, domain: str, key: str) -> State:
        state = hass.states.get(self.entity(domain, key))
        assert state is not None, self.entity(domain, key)
        return state


async def start_avalon(start_sim: SimFactory, model: AvalonModel, **options: Any) -> AvalonSim:
    """The simulated Avalon with the web login it ships with, up for UPTIME seconds."""
    options.setdefault("password", None)  # None: the firmware's own (admin/admin, root/root)
    sim = await start_sim(model.model, model.host, **options)
    assert isinstance(sim, AvalonSim)
    # Its uptime is on its own (unix) clock; a whole number of seconds for half a second.
    sim.state.booted_at = sim.clock.time() - UPTIME - 0.5
    return sim


def avalon_entry(sim: AvalonSim, model: AvalonModel) -> MockConfigEntry:
    """The entry the config flow makes for an Avalon: its address only."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=model.title,
        unique_id=format_mac(sim.mac),
        data={CONF_HOST: model.host},
    )


async def set_up_avalon(
    hass: HomeAssistant,
    start_sim: SimFactory,
    model: AvalonModel,
    platforms: list[Platform] | None = None,
    **options: Any,
) -> SetUpAvalon:
    sim = await start_avalon(start_sim, model, **options)
    entry = await setup_entry(hass, avalon_entry(sim, model), platforms)
    return SetUpAvalon(model, sim, entry)


SNAPSHOTS = pytest.mark.parametrize(
    ("avalon", "platform"),
    [
        pytest.param(key, platform, id=f"{key}-{platform}")
        for key, model in AVALONS.items()
        for platform in model.platforms
    ],
)


@SNAPSHOTS
# Frozen time: the miner's uptime (its own clock follows time.time) reads the same always.
@pytest.mark.usefixtures("entity_registry_enabled_by_default", "freezer")
async def test_entities(
    hass: HomeAssistant,
    start_sim: SimFactory,
    avalon: str,
    platform: Platform,
    snapshot: SnapshotAssertion,
) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon], [platform])
    await snapshot_platform(hass, er.async_get(hass), snapshot, miner.entry.entry_id)


@pytest.mark.parametrize("avalon", sorted(AVALONS))
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_platforms_with_entities(
    hass: HomeAssistant, start_sim: SimFactory, avalon: str, entity_registry: er.EntityRegistry
) -> None:
    """All platforms set up: entities on exactly the model's platforms (no climate, no
    text; a light only on the Nano 3S, no Mining switch on it)."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entities = er.async_entries_for_config_entry(entity_registry, miner.entry.entry_id)
    assert {entity.domain for entity in entities} == set(miner.model.platforms)
    assert all(hass.states.get(entity.entity_id) is not None for entity in entities)


def _number(state: State) -> float:
    return float(state.state)


@pytest.mark.parametrize("avalon", sorted(AVALONS))
async def test_hashrate_is_the_current_rate(
    hass: HomeAssistant, start_sim: SimFactory, avalon: str
) -> None:
    """The Hashrate sensor shows GHSspd in TH/s, not GHSavg (the average since boot)."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon], [Platform.SENSOR])
    state = miner.state(hass, "sensor", "hashrate")
    assert state.attributes["unit_of_measurement"] == "TH/s"
    assert _number(state) == pytest.approx(miner.sim.hashrate_ths, rel=1e-3)
    assert _number(state) != pytest.approx(miner.sim.average_hashrate_ths, rel=1e-3)
    expected = miner.state(hass, "sensor", "expected_hashrate")
    assert _number(expected) == pytest.approx(miner.sim.expected_hashrate_ths, rel=1e-3)
    boards = [
        _number(miner.state(hass, "sensor", f"board_{slot + 1}_hashrate"))
        for slot in range(len(miner.sim.board_hashrates_ths))
    ]
    # Each board's share of the current rate, split as the miner's MGHS (averages) split.
    assert sum(boards) == pytest.approx(miner.sim.hashrate_ths, rel=1e-3)
    averages = miner.sim.board_hashrates_ths
    assert [b / sum(boards) for b in boards] == pytest.approx(
        [a / sum(averages) for a in averages], abs=1e-3
    )


@pytest.mark.parametrize("avalon", sorted(AVALONS))
async def test_power_and_fans(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon], [Platform.SENSOR])
    power = miner.state(hass, "sensor", "power")
    assert _number(power) == miner.sim.power_watts
    assert power.attributes["unit_of_measurement"] == "W"
    assert power.attributes["state_class"] == "measurement"  # the Energy dashboard takes it
    efficiency = _number(miner.state(hass, "sensor", "efficiency"))
    assert efficiency == pytest.approx(miner.sim.power_watts / miner.sim.hashrate_ths, rel=1e-2)
    fans = [
        _number(miner.state(hass, "sensor", f"fan_{n + 1}_speed"))
        for n in range(len(miner.sim.fan_speeds))
    ]
    assert fans == miner.sim.fan_speeds
    assert hass.states.get(miner.entity("sensor", f"fan_{len(fans) + 1}_speed")) is None
    duty = miner.state(hass, "sensor", "fan_duty")
    assert _number(duty) == miner.sim.live().fan_pct
    assert duty.attributes["unit_of_measurement"] == "%"


@pytest.mark.parametrize("avalon", sorted(AVALONS))
async def test_temperatures(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    """Intake and outlet air where the model has the sensor (the firmware's -273 is none);
    the boards' chip temperatures."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon], [Platform.SENSOR])
    live = miner.sim.live()
    for key, reading in (
        ("environment_temperature", live.inlet),
        ("outlet_temperature", live.outlet),
    ):
        state = hass.states.get(miner.entity("sensor", key))
        if reading == -273:
            assert state is None, f"{key}: no sensor on the {miner.model.title}"
        else:
            assert state is not None, key
            assert _number(state) == reading
            assert state.attributes["unit_of_measurement"] == "°C"
    for slot in range(miner.sim.spec.boards):
        chip = _number(miner.state(hass, "sensor", f"board_{slot + 1}_chip_temperature"))
        assert live.chip_avg < chip <= live.chip_max
    highest = _number(miner.state(hass, "sensor", "highest_temperature"))
    assert highest == max(live.chip_max, live.outlet, live.inlet)


@pytest.mark.parametrize("avalon", sorted(AVALONS))
async def test_errors_follow_the_miner(
    hass: HomeAssistant, start_sim: SimFactory, avalon: str
) -> None:
    """A power supply fault (PS[0] error bits) shows as errors and a problem."""
    miner = await set_up_avalon(
        hass, start_sim, AVALONS[avalon], [Platform.SENSOR, Platform.BINARY_SENSOR]
    )
    assert miner.state(hass, "sensor", "errors").state == "0"
    assert miner.state(hass, "binary_sensor", "problem").state == "off"

    miner.sim.state.psu_error = 2048 | 1  # fan failed, input voltage low (A10 manual)
    await miner.entry.runtime_data.async_refresh()
    await hass.async_block_till_done()

    errors = miner.state(hass, "sensor", "errors")
    assert errors.state == "2"
    messages = {error["message"] for error in errors.attributes["errors"]}
    assert messages == {"Power supply fan failed", "Power supply input voltage low"}
    problem = miner.state(hass, "binary_sensor", "problem")
    assert problem.state == "on"
    assert len(problem.attributes["problems"]) == 2


async def test_device(
    hass: HomeAssistant, start_sim: SimFactory, device_registry: dr.DeviceRegistry
) -> None:
    miner = await set_up_avalon(hass, start_sim, MINI3, [Platform.SENSOR])
    device = device_registry.async_get_device_by_connection(
        (dr.CONNECTION_NETWORK_MAC, format_mac(miner.sim.mac)), miner.entry.entry_id
    )
    assert device is not None
    # Named as Canaan sells it: make Avalon, model Mini 3.
    assert (device.manufacturer, device.model) == ("Avalon", "Mini 3")
    assert device.name == miner.model.title
    assert device.serial_number == miner.sim.dna  # the controller's DNA
