"""A fleet of miners of two coins: a stock Antminer S19 Pro (SHA-256) and a KS5 Pro on MARA
firmware (kHeavyHash, kaspa). Each miner's sensors read in its coin's units; the fleet adds
up their power, never their hashrates: its Hashrate and Efficiency are the SHA-256 miners',
and a Hashrate / Efficiency pair of its own appears for the kHeavyHash miner.
Addresses: 127.0.111.x."""

from __future__ import annotations

from typing import Final

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_USER, ConfigEntry
from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.asic_miner.const import DOMAIN

from .conftest import SimFactory

S19: Final = ("antminer-s19pro", "127.0.111.10", "antminer_s19_pro")
KS5: Final = ("marathon-ks5pro", "127.0.111.11", "antminer_ks5_pro")


def _state(hass: HomeAssistant, entity_id: str) -> State:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state


async def _flow(hass: HomeAssistant, step: str, user_input: dict[str, object]) -> ConfigEntry:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": step}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], user_input)
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    return entry


async def test_a_fleet_of_two_coins_never_adds_their_hashrates(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    for model, host, _ in (S19, KS5):
        await start_sim(model, host, password="root")
        await _flow(hass, "manual", {"host": host})
    await _flow(hass, "fleet", {"name": "Fleet"})
    freezer.tick(30)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    ks5_rate = _state(hass, f"sensor.{KS5[2]}_hashrate")
    assert ks5_rate.attributes[ATTR_UNIT_OF_MEASUREMENT] == "TH/s"
    ks5_efficiency = _state(hass, f"sensor.{KS5[2]}_efficiency")
    # Kaspa miners are rated in J/GH (Bitmain's KS5 Pro: 0.15 J/GH).
    assert ks5_efficiency.attributes[ATTR_UNIT_OF_MEASUREMENT] == "J/GH"
    ks5_watts = float(_state(hass, f"sensor.{KS5[2]}_power").state)
    ks5_ths = float(ks5_rate.state)
    assert float(ks5_efficiency.state) == pytest.approx(ks5_watts / (ks5_ths * 1000), rel=0.02)

    s19_ths = float(_state(hass, f"sensor.{S19[2]}_hashrate").state)
    fleet_rate = _state(hass, "sensor.fleet_hashrate")
    assert fleet_rate.attributes[ATTR_UNIT_OF_MEASUREMENT] == "TH/s"
    assert float(fleet_rate.state) == pytest.approx(s19_ths, rel=0.01)  # SHA-256 alone
    kaspa = _state(hass, "sensor.fleet_hashrate_kheavyhash")
    assert kaspa.attributes[ATTR_UNIT_OF_MEASUREMENT] == "TH/s"
    assert float(kaspa.state) == pytest.approx(ks5_ths, rel=0.01)
    kaspa_efficiency = _state(hass, "sensor.fleet_efficiency_kheavyhash")
    assert kaspa_efficiency.attributes[ATTR_UNIT_OF_MEASUREMENT] == "J/GH"
    assert float(kaspa_efficiency.state) == pytest.approx(float(ks5_efficiency.state), rel=0.02)
    # Power adds up whatever is mined (the stock S19 Pro at its model's 3250 W).
    assert float(_state(hass, "sensor.fleet_power").state) == pytest.approx(ks5_watts + 3250, 0.01)
