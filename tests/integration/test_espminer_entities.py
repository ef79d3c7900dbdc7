"""ESP-Miner devices in Home Assistant: every entity as a snapshot, the hashrate in GH/s,
every figure as the simulated device reports it, and the device going away and back.
Simulated miners on 127.0.47.1x."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.espminer import EspMinerSim

from .conftest import SimFactory
from .miners import poll
from .test_espminer_common import (
    GAMMA,
    GAMMA_212,
    NERDQAXE,
    SUPRA,
    EspModel,
    SetUpEsp,
    set_up_esp,
)

HOSTS = {
    GAMMA: "127.0.47.10",
    GAMMA_212: "127.0.47.11",
    SUPRA: "127.0.47.12",
    NERDQAXE: "127.0.47.13",
}
IDS = {GAMMA: "gamma-2.15", GAMMA_212: "gamma-2.12", SUPRA: "supra-2.4", NERDQAXE: "nerdqaxe++"}
MODELS = pytest.mark.parametrize("model", [GAMMA, NERDQAXE, SUPRA], ids=IDS.get)

# The platforms that make entities for each build: no light on any; the Mining switch
# only where the firmware pauses (AxeOS v2.14 on).
COMMON = {
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.TEXT,
}
PLATFORMS_OF = {
    GAMMA: COMMON | {Platform.SWITCH},
    GAMMA_212: COMMON,
    SUPRA: COMMON,
    NERDQAXE: COMMON,
}
SNAPSHOTS = [
    pytest.param(model, platform, id=f"{IDS[model]}-{platform}")
    for model in (GAMMA, NERDQAXE, SUPRA)
    for platform in sorted(PLATFORMS_OF[model])
]
HASHRATE_KEYS = (
    "hashrate",
    "expected_hashrate",
    "board_0_hashrate",
    "hashrate_1m",
    "hashrate_10m",
    "hashrate_1h",
    "hashrate_1d",
)


async def _set_up(
    hass: HomeAssistant,
    start_sim: SimFactory,
    model: EspModel,
    platforms: list[Platform] | None = None,
) -> SetUpEsp:
    return await set_up_esp(hass, start_sim, model, HOSTS[model], platforms)


def _sensor_states(hass: HomeAssistant, miner: SetUpEsp) -> dict[str, Any]:
    """Each sensor of the miner by its description key ("board_0_hashrate")."""
    registry = er.async_get(hass)
    prefix = f"{miner.entry.unique_id}_"
    states = {}
    for entity in er.async_entries_for_config_entry(registry, miner.entry.entry_id):
        if entity.domain == Platform.SENSOR:
            state = hass.states.get(entity.entity_id)
            assert state is not None, entity.entity_id
            states[entity.unique_id.removeprefix(prefix)] = state
    return states


@pytest.mark.parametrize(("model", "platform"), SNAPSHOTS)
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_entities(
    hass: HomeAssistant,
    start_sim: SimFactory,
    snapshot: SnapshotAssertion,
    model: EspModel,
    platform: Platform,
) -> None:
    miner = await _set_up(hass, start_sim, model, [platform])
    await snapshot_platform(hass, er.async_get(hass), snapshot, miner.entry.entry_id)


@pytest.mark.parametrize("model", [GAMMA, GAMMA_212, NERDQAXE, SUPRA], ids=IDS.get)
async def test_platforms_with_entities(
    hass: HomeAssistant,
    start_sim: SimFactory,
    entity_registry: er.EntityRegistry,
    model: EspModel,
) -> None:
    """No light on any build; a Mining switch on v2.15 only (v2.12 and NerdOS cannot pause)."""
    miner = await _set_up(hass, start_sim, model)
    entries = er.async_entries_for_config_entry(entity_registry, miner.entry.entry_id)
    assert {entity.domain for entity in entries} == PLATFORMS_OF[model]
    assert (entity_registry.async_get(miner.entity("switch", "mining")) is not None) == (
        model is GAMMA
    )


@MODELS
async def test_device(
    hass: HomeAssistant,
    start_sim: SimFactory,
    device_registry: dr.DeviceRegistry,
    model: EspModel,
) -> None:
    miner = await _set_up(hass, start_sim, model)
    device = device_registry.async_get_device_by_connection(
        (dr.CONNECTION_NETWORK_MAC, dr.format_mac(miner.sim.mac)), miner.entry.entry_id
    )
    assert device is not None
    assert device.identifiers == {(DOMAIN, dr.format_mac(miner.sim.mac))}
    assert f"{device.manufacturer} {device.model}" == model.title
    assert device.sw_version == miner.sim.spec.firmware.version
    assert device.configuration_url == f"http://{miner.sim.address}"


@MODELS
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_hashrate_in_gigahash(
    hass: HomeAssistant, start_sim: SimFactory, model: EspModel
) -> None:
    """Every hashrate in GH/s, as the firmware reports it (a Gamma makes about 1 TH/s)."""
    miner = await _set_up(hass, start_sim, model)
    reply = miner.sim.system_info()
    states = _sensor_states(hass, miner)
    shown = {key: states[key] for key in HASHRATE_KEYS if key in states}
    assert {state.attributes["unit_of_measurement"] for state in shown.values()} == {"GH/s"}
    # The driver keeps whole GH/s (three decimals of TH/s): see the precision test below.
    assert float(shown["hashrate"].state) == pytest.approx(reply["hashRate"], abs=0.5)
    assert float(shown["expected_hashrate"].state) == pytest.approx(
        miner.sim.expected_hashrate_ths * 1000, abs=0.5
    )


@MODELS
async def test_hashrate_as_precise_as_shown(
    hass: HomeAssistant, start_sim: SimFactory, model: EspModel
) -> None:
    """The hashrate sensors show two decimals of GH/s (suggested_display_precision)."""
    miner = await _set_up(hass, start_sim, model)
    reply = miner.sim.system_info()
    state = hass.states.get(miner.entity("sensor", "hashrate"))
    assert state is not None
    assert float(state.state) == pytest.approx(reply["hashRate"], abs=0.005)


def expected_figures(sim: EspMinerSim, reply: dict[str, Any]) -> dict[str, Any]:
    """What each sensor should read, by description key, from the simulated device's own
    reply and state: only the figures this build reports."""
    ghs = reply["hashRate"]
    expected_ghs = sim.expected_hashrate_ths * 1000
    figures: dict[str, Any] = {
        "hashrate": ghs,
        "board_0_hashrate": ghs,
        "expected_hashrate": expected_ghs,
        "percent_expected_hashrate": ghs / expected_ghs * 100,
        "power": reply["power"],
        "efficiency": reply["power"] / (ghs / 1000),  # J/TH
        "temperature_max": reply["temp"],
        "board_0_chip_temperature": reply["temp"],
        "board_0_chips": sim.spec.asic_count,
        "vr_temperature": reply["vrTemp"],
        "fan_duty": reply["fanspeed"],
        "fan_0_speed": reply["fanrpm"],
        "frequency": reply["frequency"],
        "core_voltage": reply["coreVoltage"],
        "core_voltage_actual": reply["coreVoltageActual"],
        "input_voltage": reply["voltage"] / 1000,
        "best_difficulty": sim.state.best_diff,
        "best_session_difficulty": sim.state.session_best,
        "accepted_shares": reply["sharesAccepted"],
        "rejected_shares": reply["sharesRejected"],
        "uptime": reply["uptimeSeconds"] / 3600,  # shown in hours
        "active_pool": f"stratum+tcp://{reply['stratumURL']}:{reply['stratumPort']}",
        "errors": 0,
        "energy": 0.0,  # the first reading: nothing integrated yet
    }
    if sim.spec.firmware.version.startswith("v1.") or sim.spec.board_version in ("400", "401"):
        # NerdOS and the INA260 boards report the input current; a Gamma's "current" is
        # its core regulator's output (ESP-Miner power.c), not shown as input current.
        figures["input_current"] = reply["current"] / 1000
    for window in ("1m", "10m", "1h", "1d"):
        if f"hashRate_{window}" in reply:
            figures[f"hashrate_{window}"] = reply[f"hashRate_{window}"]
    if sim.spec.fans > 1:
        figures["fan_1_speed"] = reply["fanrpm2"]
    for key, field in (
        ("blocks_found", "blockFound"),
        ("blocks_found", "totalFoundBlocks"),
        ("wifi_signal", "wifiRSSI"),
        ("board_version", "boardVersion"),
    ):
        if field in reply:
            figures[key] = reply[field]
    return figures


# Rounding the driver does (hashrates: see the precision test), and figures read a moment
# apart (uptime).
TOLERANCE = dict.fromkeys(HASHRATE_KEYS, 0.5) | {
    "percent_expected_hashrate": 0.1,
    "efficiency": 0.05,
    "uptime": 2 / 3600,
}


@MODELS
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_every_figure_as_the_device_reports_it(
    hass: HomeAssistant, start_sim: SimFactory, model: EspModel
) -> None:
    miner = await _set_up(hass, start_sim, model)
    expected = expected_figures(miner.sim, miner.sim.system_info())
    states = _sensor_states(hass, miner)

    assert set(states) == set(expected)
    for key, value in expected.items():
        state = states[key].state
        if isinstance(value, str):
            assert state == value, key
        else:
            tolerance = TOLERANCE.get(key, 0.01)
            assert float(state) == pytest.approx(value, abs=tolerance), key


@pytest.mark.parametrize("model", [GAMMA, NERDQAXE], ids=IDS.get)
async def test_settings_as_the_device_has_them(
    hass: HomeAssistant, start_sim: SimFactory, model: EspModel
) -> None:
    """The controls show the device's settings (the NerdQAxe runs above its own options)."""
    miner = await _set_up(hass, start_sim, model)
    state = miner.sim.state

    def shown(domain: str, key: str) -> str:
        entity = hass.states.get(miner.entity(domain, key))
        assert entity is not None, key
        return entity.state

    assert float(shown("select", "asic_frequency")) == state.frequency
    assert int(shown("select", "core_voltage")) == state.core_voltage
    assert shown("select", "fan_mode") == ("manual" if state.auto_fan == 0 else "auto")
    assert float(shown("number", "fan_speed")) == state.manual_fan
    assert float(shown("number", "target_temperature")) == state.temp_target
    assert shown("text", "host_name") == state.hostname


@pytest.mark.parametrize("model", [GAMMA, NERDQAXE], ids=IDS.get)
async def test_offline_and_back(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory, model: EspModel
) -> None:
    """Every entity goes unavailable while the device is away, and comes back with it."""
    miner = await _set_up(hass, start_sim, model)
    entity_ids = [
        entity.entity_id
        for entity in er.async_entries_for_config_entry(er.async_get(hass), miner.entry.entry_id)
        if not entity.disabled
    ]
    assert entity_ids

    await miner.sim.go_offline()
    await poll(hass, freezer)
    for entity_id in entity_ids:
        state = hass.states.get(entity_id)
        assert state is not None
        assert state.state == STATE_UNAVAILABLE, entity_id

    await miner.sim.come_back()
    await poll(hass, freezer, timedelta(seconds=30))
    for entity_id in entity_ids:
        state = hass.states.get(entity_id)
        assert state is not None
        assert state.state != STATE_UNAVAILABLE, entity_id
    hashrate = hass.states.get(miner.entity("sensor", "hashrate"))
    assert hashrate is not None
    assert math.isclose(float(hashrate.state), miner.sim.hashrate_ths * 1000, abs_tol=0.5)
