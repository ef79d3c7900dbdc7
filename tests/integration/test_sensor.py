"""Sensors of one miner of each family, their values, the energy total and option groups."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import (
    mock_restore_cache_with_extra_data,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import CONF_ENTITY_GROUPS, SCAN_INTERVAL
from custom_components.asic_miner.driver import url_without_credentials

from .conftest import SimFactory, setup_entry
from .miners import (
    FAMILIES,
    M50S,
    M56S,
    M60S,
    S9,
    S19PRO,
    entry_for_family,
    poll,
    set_up_family,
    start_family,
)

SENSOR = [Platform.SENSOR]


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_sensors(
    hass: HomeAssistant,
    start_sim: SimFactory,
    family: str,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    miner = await set_up_family(hass, start_sim, FAMILIES[family], SENSOR)
    await snapshot_platform(hass, entity_registry, snapshot, miner.entry.entry_id)


async def test_values_follow_the_miner(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO, SENSOR)
    state = hass.states.get(miner.entity("sensor", "hashrate"))
    assert float(state.state) == pytest.approx(miner.sim.hashrate_ths, rel=0.02)
    assert state.attributes["unit_of_measurement"] == "TH/s"
    expected = hass.states.get(miner.entity("sensor", "expected_hashrate"))
    assert float(expected.state) == pytest.approx(miner.sim.expected_hashrate_ths, rel=0.02)
    percent = hass.states.get(miner.entity("sensor", "share_of_expected_hashrate"))
    assert float(percent.state) == pytest.approx(
        100 * miner.sim.hashrate_ths / miner.sim.expected_hashrate_ths, abs=0.2
    )
    pool = hass.states.get(miner.entity("sensor", "active_pool"))
    assert pool.state == miner.sim.state.pools[0]["url"]
    errors = hass.states.get(miner.entity("sensor", "errors"))
    assert errors.state == "0"
    assert errors.attributes["errors"] == []
    # No power reading on stock Antminer firmware: no power, no energy.
    assert hass.states.get(miner.entity("sensor", "power")) is None
    assert hass.states.get(miner.entity("sensor", "energy")) is None


async def test_whatsminer_values(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, M50S, SENSOR)
    power = hass.states.get(miner.entity("sensor", "power"))
    assert power.attributes["device_class"] == "power"
    limit = hass.states.get(miner.entity("sensor", "reported_power_limit"))
    assert float(limit.state) == miner.sim.state.power_limit
    energy = hass.states.get(miner.entity("sensor", "energy"))
    assert energy.attributes["device_class"] == "energy"
    assert energy.attributes["state_class"] == "total_increasing"
    assert energy.attributes["unit_of_measurement"] == "kWh"
    assert float(energy.state) == 0


async def test_errors_are_listed(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, M50S, SENSOR)
    miner.sim.state.error_codes["2010"] = "2026-11-21 10:00:00"
    await miner.entry.runtime_data.async_refresh()
    await hass.async_block_till_done()

    errors = hass.states.get(miner.entity("sensor", "errors"))
    assert errors.state == "1"
    [error] = errors.attributes["errors"]
    assert str(error["code"]) == "2010"
    assert error["message"]


async def test_energy_accumulates_over_polls(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    miner = await set_up_family(hass, start_sim, M50S, SENSOR)
    entity_id = miner.entity("sensor", "energy")
    assert float(hass.states.get(entity_id).state) == 0

    total = 0.0
    for _ in range(4):
        watts = miner.entry.runtime_data.data.wattage
        await poll(hass, freezer)
        now_watts = miner.entry.runtime_data.data.wattage
        total += (watts + now_watts) / 2 * SCAN_INTERVAL.total_seconds() / 3600 / 1000

    assert float(hass.states.get(entity_id).state) == pytest.approx(total, rel=1e-3)
    assert total == pytest.approx(miner.sim.power_watts * 2 / 60 / 1000, rel=0.05)


async def test_energy_skips_unavailable_time(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """While the miner does not answer its use is unknown: the total does not guess it."""
    miner = await set_up_family(hass, start_sim, M50S, SENSOR)
    entity_id = miner.entity("sensor", "energy")
    await miner.sim.go_offline()
    for _ in range(3):
        await poll(hass, freezer)
    assert hass.states.get(entity_id).state == STATE_UNAVAILABLE

    await miner.sim.come_back()
    await poll(hass, freezer)
    assert float(hass.states.get(entity_id).state) == 0


async def test_energy_survives_a_restart(hass: HomeAssistant, start_sim: SimFactory) -> None:
    mock_restore_cache_with_extra_data(
        hass,
        [
            (
                State("sensor.whatsminer_m50s_energy", "12.5"),
                {"native_value": 12.5, "native_unit_of_measurement": "kWh"},
            )
        ],
    )
    miner = await set_up_family(hass, start_sim, M50S, SENSOR)
    assert float(hass.states.get(miner.entity("sensor", "energy")).state) == 12.5


async def test_noisy_sensors_disabled_by_default(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO, SENSOR)
    for key in ("uptime", "board_1_chips"):
        entity_id = miner.entity("sensor", key)
        entry = entity_registry.async_get(entity_id)
        assert entry is not None
        assert entry.disabled_by is er.RegistryEntryDisabler.INTEGRATION
        assert hass.states.get(entity_id) is None


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_chips_with_expected(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, S9, SENSOR)
    state = hass.states.get(miner.entity("sensor", "board_1_chips"))
    assert state.state == "63"
    assert state.attributes["expected_chips"] == 63


async def test_hydro_model_has_four_boards(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, M56S, SENSOR)
    assert hass.states.get(miner.entity("sensor", "board_4_hashrate")) is not None
    assert hass.states.get(miner.entity("sensor", "board_5_hashrate")) is None
    assert hass.states.get(miner.entity("sensor", "fan_1_speed")) is None  # no fans


async def test_entity_groups_switched_off(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry
) -> None:
    """Only the miner's own sensors when the options leave boards, fans and pools out."""
    miner = await set_up_family(hass, start_sim, M60S, SENSOR, options={CONF_ENTITY_GROUPS: []})
    keys = {
        entity.unique_id.removeprefix(f"{miner.entry.unique_id}_")
        for entity in er.async_entries_for_config_entry(entity_registry, miner.entry.entry_id)
    }
    assert "hashrate" in keys
    assert "energy" in keys
    assert not [key for key in keys if key.startswith(("board_", "fan_"))]
    assert not keys & {"psu_fan_speed", "active_pool", "accepted_shares", "rejected_shares"}


async def test_switched_off_group_is_removed(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO, SENSOR)
    fan = miner.entity("sensor", "fan_1_speed")
    assert entity_registry.async_get(fan) is not None

    hass.config_entries.async_update_entry(
        miner.entry, options={CONF_ENTITY_GROUPS: ["boards", "pools"]}
    )
    await hass.config_entries.async_reload(miner.entry.entry_id)
    await hass.async_block_till_done()

    assert entity_registry.async_get(fan) is None
    assert entity_registry.async_get(miner.entity("sensor", "board_1_hashrate")) is not None


async def test_boards_found_later_are_added(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """A miner still booting reports fewer boards; the others appear when they do."""
    sim = await start_family(start_sim, S19PRO)
    sim.spec = replace(sim.spec, boards=2)
    entry = await setup_entry(hass, entry_for_family(sim, S19PRO), SENSOR)
    assert hass.states.get("sensor.antminer_s19_pro_board_2_hashrate") is not None
    assert hass.states.get("sensor.antminer_s19_pro_board_3_hashrate") is None

    sim.spec = replace(sim.spec, boards=3)
    await poll(hass, freezer)

    assert entry.runtime_data.last_update_success
    assert hass.states.get("sensor.antminer_s19_pro_board_3_hashrate") is not None
    assert hass.states.get("sensor.antminer_s19_pro_board_3_temperature") is not None


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("stratum+tcp://pool.example.com:3333", "stratum+tcp://pool.example.com:3333"),
        (
            "stratum+tcp://worker:secret@pool.example.com:3333",
            "stratum+tcp://pool.example.com:3333",
        ),
        ("worker:secret@pool.example.com:3333/path", "pool.example.com:3333/path"),
        ("pool.example.com:3333", "pool.example.com:3333"),
    ],
)
def test_url_without_credentials(url: str, shown: str) -> None:
    assert url_without_credentials(url) == shown


async def test_unavailable_when_the_miner_goes_away(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO, SENSOR)
    await miner.sim.go_offline()
    await poll(hass, freezer)
    assert hass.states.get(miner.entity("sensor", "hashrate")).state == STATE_UNAVAILABLE


async def test_energy_ignores_a_long_gap(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """Polls held up for long (the event loop stalled): that time is not guessed either."""
    miner = await set_up_family(hass, start_sim, M50S, SENSOR)
    await poll(hass, freezer, timedelta(hours=2))
    assert float(hass.states.get(miner.entity("sensor", "energy")).state) == 0
