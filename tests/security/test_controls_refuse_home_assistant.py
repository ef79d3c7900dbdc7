"""Controls in Home Assistant refuse out-of-range values with a clear error, and nothing
reaches the miner: the simulator's request log (writes and configuration reads; every
request on a Whatsminer; on Braiins OS and VNish every request, SSH included: heard.py)
stays empty. Miners on 127.0.23.20-29; Braiins OS and VNish on 127.0.87.130-139."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import probatio
import pytest
from homeassistant.components.number import ATTR_VALUE, SERVICE_SET_VALUE
from homeassistant.components.select import ATTR_OPTION, SERVICE_SELECT_OPTION
from homeassistant.config_entries import SOURCE_USER, ConfigEntry
from homeassistant.const import ATTR_DEVICE_ID, ATTR_ENTITY_ID, CONF_HOST, Platform
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er

from custom_components.asic_miner.const import (
    CONF_ENTITY_GROUPS,
    CONF_SCAN_INTERVAL,
    DOMAIN,
)
from custom_components.asic_miner.helpers import async_run_miner_action
from tests.integration.conftest import SimFactory
from tests.integration.miners import Family, SetUpMiner, set_up_family

from .heard import Heard, pools_held
from .leaks import URL_PASSWORD

S19PRO = Family("antminer-s19pro", "127.0.23.20", "antminer_s19_pro")
S9 = Family("antminer-s9", "127.0.23.21", "antminer_s9")
M50S = Family("whatsminer-m50s", "127.0.23.22", "whatsminer_m50s")
M60S = Family("whatsminer-m60s", "127.0.23.23", "whatsminer_m60s")
WHATSMINERS = pytest.mark.parametrize("family", [M50S, M60S], ids=["v2", "v3"])
EVERY_FAMILY = pytest.mark.parametrize(
    "family", [S19PRO, S9, M50S, M60S], ids=["s19pro", "s9", "v2", "v3"]
)
PLATFORMS = [Platform.NUMBER, Platform.SELECT, Platform.SENSOR]  # sensors: every miner has a device

pytestmark = pytest.mark.usefixtures("enable_custom_integrations")


async def _set_up(hass: HomeAssistant, start_sim: SimFactory, family: Family) -> SetUpMiner:
    miner = await set_up_family(hass, start_sim, family, PLATFORMS)
    miner.sim.state.requests.clear()
    return miner


def _nothing_sent(miner: SetUpMiner) -> None:
    assert miner.sim.state.requests.entries == [], miner.sim.state.requests.entries


def _the_miners_own_refusal(error: HomeAssistantError, key: str) -> None:
    """A translated refusal of ours, with the driver's reason."""
    assert isinstance(error, ServiceValidationError)
    assert error.translation_domain == DOMAIN
    assert error.translation_key == key


ENTITY_CONTROLS = {
    "number 0 W": ("number", SERVICE_SET_VALUE, "power_limit", {ATTR_VALUE: 0}, "out_of_range"),
    "number 499 W": ("number", SERVICE_SET_VALUE, "power_limit", {ATTR_VALUE: 499}, "out_of_range"),
    "number 100 kW": (
        "number",
        SERVICE_SET_VALUE,
        "power_limit",
        {ATTR_VALUE: 100_000},
        "out_of_range",
    ),
    "select turbo": (
        "select",
        SERVICE_SELECT_OPTION,
        "power_mode",
        {ATTR_OPTION: "turbo"},
        "not_valid_option",
    ),
}


@WHATSMINERS
@pytest.mark.parametrize("case", list(ENTITY_CONTROLS))
async def test_entity_refuses_a_value_out_of_range(
    hass: HomeAssistant, start_sim: SimFactory, family: Family, case: str
) -> None:
    """Home Assistant's own check (the entity's range and options), before our code."""
    domain, service, key, data, error_key = ENTITY_CONTROLS[case]
    miner = await _set_up(hass, start_sim, family)
    with pytest.raises(ServiceValidationError) as caught:
        await hass.services.async_call(
            domain, service, {ATTR_ENTITY_ID: miner.entity(domain, key), **data}, blocking=True
        )
    assert caught.value.translation_key == error_key
    _nothing_sent(miner)


async def _call(hass: HomeAssistant, service: str, miner: SetUpMiner, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN, service, {ATTR_DEVICE_ID: miner.device(hass).id, **data}, blocking=True
    )


@WHATSMINERS
async def test_set_power_limit_action_out_of_range(
    hass: HomeAssistant, start_sim: SimFactory, family: Family
) -> None:
    miner = await _set_up(hass, start_sim, family)
    with pytest.raises(ServiceValidationError) as caught:
        await _call(hass, "set_power_limit", miner, watts=100_000)
    _the_miners_own_refusal(caught.value, "power_limit_out_of_range")
    for bad in (0, -5, "lots"):
        with pytest.raises(probatio.Invalid):
            await _call(hass, "set_power_limit", miner, watts=bad)
    _nothing_sent(miner)


@WHATSMINERS
async def test_set_power_mode_action_refuses_an_unknown_mode(
    hass: HomeAssistant, start_sim: SimFactory, family: Family
) -> None:
    miner = await _set_up(hass, start_sim, family)
    with pytest.raises(probatio.Invalid, match=r"low.*normal.*high"):
        await _call(hass, "set_power_mode", miner, mode="turbo")
    _nothing_sent(miner)


BAD_POOLS = {
    "no port": ("stratum+tcp://pool.invalid", "needs a port"),
    "port 0": ("stratum+tcp://pool.invalid:0", "65535"),
    "port too high": ("pool.invalid:65536", "65535"),
    "web address": ("https://pool.invalid:443", "stratum"),
    "space": ("stratum+tcp://pool.invalid :3333", "spaces"),
}


@EVERY_FAMILY
@pytest.mark.parametrize("case", list(BAD_POOLS))
async def test_set_pools_action_refuses_a_bad_url(
    hass: HomeAssistant, start_sim: SimFactory, family: Family, case: str
) -> None:
    """Refused before the configuration is read to be changed (update_config)."""
    miner = await _set_up(hass, start_sim, family)
    pools_before = list(miner.sim.state.pools)
    url, reason = BAD_POOLS[case]
    pools = [{"url": "stratum+tcp://good.invalid:3333", "username": "w.1"}]
    pools.append({"url": url, "username": "w.2"})
    with pytest.raises(ServiceValidationError) as caught:
        await _call(hass, "set_pools", miner, pools=pools)
    _the_miners_own_refusal(caught.value, "invalid_value")
    assert reason in caught.value.translation_placeholders["error"]
    assert "pool 2" in caught.value.translation_placeholders["error"]
    assert miner.sim.state.pools == pools_before
    _nothing_sent(miner)


async def test_set_pools_error_message_is_translated(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """What the user reads: the English text with the driver's reason filled in."""
    miner = await _set_up(hass, start_sim, S19PRO)
    pools = [{"url": f"stratum+tcp://w.1:{URL_PASSWORD}@pool.invalid:0", "username": "w.1"}]
    with pytest.raises(ServiceValidationError) as caught:
        await _call(hass, "set_pools", miner, pools=pools)
    text = str(caught.value)
    assert text.startswith(f"The miner at {S19PRO.host} cannot take this value: pool 1 port")
    assert "pool.invalid:0" in text
    assert URL_PASSWORD not in text
    _nothing_sent(miner)


@WHATSMINERS
async def test_a_driver_value_error_becomes_a_translated_validation_error(
    hass: HomeAssistant, start_sim: SimFactory, family: Family
) -> None:
    """Whatever control the driver refuses a value of, the action's user gets our text."""
    miner = await _set_up(hass, start_sim, family)
    coordinator = miner.entry.runtime_data
    with pytest.raises(ServiceValidationError) as caught:
        await async_run_miner_action(coordinator, lambda: coordinator.miner.set_power_limit(10**6))
    _the_miners_own_refusal(caught.value, "invalid_value")
    assert "power limit 1000000 W is outside" in str(caught.value)
    _nothing_sent(miner)


@pytest.mark.parametrize("seconds", [0, 9, 9.5, 601, 86_400, -30])
async def test_options_flow_refuses_a_poll_interval_out_of_range(
    hass: HomeAssistant, start_sim: SimFactory, seconds: float
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO, [Platform.SENSOR])
    interval = miner.entry.runtime_data.update_interval
    result = await hass.config_entries.options.async_init(miner.entry.entry_id)
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_SCAN_INTERVAL: seconds, CONF_ENTITY_GROUPS: []}
        )
    assert CONF_SCAN_INTERVAL not in miner.entry.options
    assert miner.entry.runtime_data.update_interval == interval


# -- Braiins OS and VNish, added by address with their default login (127.0.87.130-139) ----

AFTERMARKET = {
    "bosminer": ("braiins-s9-bosminer", "127.0.87.130", ""),  # configuration over SSH
    "bosplus": ("braiins-s19-bosplus", "127.0.87.131", ""),  # GraphQL
    "bos_rest": ("braiins-s21-bos", "127.0.87.132", ""),  # REST
    "vnish": ("vnish-s19pro", "127.0.87.133", "admin"),
}
EVERY_AFTERMARKET = pytest.mark.parametrize("firmware", list(AFTERMARKET))
# Selects each one offers: BOS+ 24.09 performance and cooling mode, BOS REST performance
# mode (its captures have no cooling mode), VNish the preset, BOSminer none.
SELECTS = {"bosminer": 0, "bosplus": 2, "bos_rest": 1, "vnish": 1}


@dataclass
class Added:
    sim: Any
    entry: ConfigEntry
    heard: Heard

    def entities(self, hass: HomeAssistant, domain: str) -> list[str]:
        """The entry's entities of ``domain`` that have a state (enabled ones)."""
        return [
            item.entity_id
            for item in er.async_entries_for_config_entry(er.async_get(hass), self.entry.entry_id)
            if item.domain == domain and hass.states.get(item.entity_id) is not None
        ]

    def device_id(self, hass: HomeAssistant) -> str:
        devices = dr.async_entries_for_config_entry(dr.async_get(hass), self.entry.entry_id)
        assert len(devices) == 1, devices
        return devices[0].id

    def nothing_heard(self) -> None:
        assert self.heard.of(self.sim) == []


async def _add(hass: HomeAssistant, start_sim: SimFactory, heard: Heard, firmware: str) -> Added:
    """Through the config flow, as a user adds it; what it hears is counted from then."""
    model, host, password = AFTERMARKET[firmware]
    sim = await start_sim(model, host, password=password)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    heard.clear(sim)
    return Added(sim, entry, heard)


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> Heard:
    return Heard(monkeypatch)


@EVERY_AFTERMARKET
async def test_aftermarket_entities_refuse_values_outside_the_miners_bounds(
    hass: HomeAssistant, start_sim: SimFactory, heard: Heard, firmware: str
) -> None:
    """Every number (power and hashrate targets, throttle) above or below the bounds the
    miner reports, every select (performance mode, preset, cooling mode) with an option it
    does not offer: Home Assistant's own refusal, and the miner hears nothing."""
    added = await _add(hass, start_sim, heard, firmware)
    numbers, selects = added.entities(hass, "number"), added.entities(hass, "select")
    assert any(n.endswith("_power_target") for n in numbers), numbers
    assert len(selects) == SELECTS[firmware], selects
    for entity_id in numbers:
        state = hass.states.get(entity_id)
        assert state is not None
        low, high = state.attributes["min"], state.attributes["max"]
        for value in (low - 1, high + 1, high * 10):
            with pytest.raises(ServiceValidationError) as caught:
                await hass.services.async_call(
                    "number",
                    SERVICE_SET_VALUE,
                    {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: value},
                    blocking=True,
                )
            assert caught.value.translation_key == "out_of_range", (entity_id, value)
    for entity_id in selects:
        with pytest.raises(ServiceValidationError) as caught:
            await hass.services.async_call(
                "select",
                SERVICE_SELECT_OPTION,
                {ATTR_ENTITY_ID: entity_id, ATTR_OPTION: "turbo"},
                blocking=True,
            )
        assert caught.value.translation_key == "not_valid_option", entity_id
    added.nothing_heard()


@EVERY_AFTERMARKET
async def test_aftermarket_power_actions_outside_the_bounds_are_refused(
    hass: HomeAssistant, start_sim: SimFactory, heard: Heard, firmware: str
) -> None:
    """set_power_limit sets the power target here: outside its bounds it is refused with
    them in the message; set_power_mode is no control of these firmwares."""
    added = await _add(hass, start_sim, heard, firmware)
    device = added.device_id(hass)
    for watts in (1, 100_000):
        with pytest.raises(ServiceValidationError) as caught:
            await hass.services.async_call(
                DOMAIN, "set_power_limit", {ATTR_DEVICE_ID: device, "watts": watts}, blocking=True
            )
        _the_miners_own_refusal(caught.value, "power_limit_out_of_range")
    with pytest.raises(ServiceValidationError) as caught:
        await hass.services.async_call(
            DOMAIN, "set_power_mode", {ATTR_DEVICE_ID: device, "mode": "low"}, blocking=True
        )
    _the_miners_own_refusal(caught.value, "action_not_supported")
    added.nothing_heard()


@EVERY_AFTERMARKET
@pytest.mark.parametrize("case", list(BAD_POOLS))
async def test_aftermarket_set_pools_action_refuses_a_bad_url(
    hass: HomeAssistant, start_sim: SimFactory, heard: Heard, firmware: str, case: str
) -> None:
    """Refused before the configuration is read (BOSminer: no SSH login at all)."""
    added = await _add(hass, start_sim, heard, firmware)
    pools_before = pools_held(added.sim)
    url, reason = BAD_POOLS[case]
    pools = [{"url": "stratum+tcp://good.invalid:3333", "username": "w.1"}]
    pools.append({"url": url, "username": "w.2"})
    with pytest.raises(ServiceValidationError) as caught:
        await hass.services.async_call(
            DOMAIN,
            "set_pools",
            {ATTR_DEVICE_ID: added.device_id(hass), "pools": pools},
            blocking=True,
        )
    _the_miners_own_refusal(caught.value, "invalid_value")
    placeholders = caught.value.translation_placeholders or {}
    assert reason in placeholders["error"]
    assert pools_held(added.sim) == pools_before
    added.nothing_heard()
