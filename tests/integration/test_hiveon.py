"""A Hiveon S9 in Home Assistant: found by the config flow (by address and by a scan, beside
a stock S9 it is not mistaken for), added with Hiveon's default login, read (hashrate,
boards, fans, the watts Hiveon reports, the user's pool and not Hive's fee pools) and
controlled from its entities and actions (fault light, reboot, pools); the controls Hiveon
lacks get no entity. Simulated miners on 127.0.101.120-139."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from unittest.mock import patch

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME, STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.hiveon import HiveonSim

from .conftest import SimFactory
from .flows import add_by_address, entity_id_of, scan_for, state_of

HIVEON = "127.0.101.120"
STOCK = "127.0.101.121"


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    """No network adapters of the test machine's in the scan form."""
    with patch("homeassistant.components.network.async_get_adapters", return_value=[]):
        yield


@pytest.fixture
async def hiveon(start_sim: SimFactory) -> HiveonSim:
    sim = await start_sim("hiveon-s9", HIVEON)
    assert isinstance(sim, HiveonSim)
    return sim


async def test_added_by_address_with_hiveons_default_login(
    hass: HomeAssistant, hiveon: HiveonSim
) -> None:
    entry = await add_by_address(hass, HIVEON)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == "Antminer S9"
    assert entry.unique_id == format_mac(hiveon.mac)
    assert entry.data == {CONF_HOST: HIVEON, CONF_USERNAME: "root", CONF_PASSWORD: "root"}
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, format_mac(hiveon.mac)), entry.entry_id
    )
    assert device is not None
    assert (device.manufacturer, device.model) == ("Antminer", "S9")
    assert device.sw_version == "Wed Feb 26 17:50:21 UTC 2019"


async def test_a_scan_finds_it_beside_a_stock_s9(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    hiveon = await start_sim("hiveon-s9", HIVEON)
    stock = await start_sim("antminer-s9", STOCK)

    result = await scan_for(hass, f"{HIVEON}, {STOCK}")

    assert result["step_id"] == "pick"
    options = result["data_schema"].schema["miners"].config["options"]
    assert {option["value"] for option in options} == {
        format_mac(hiveon.mac),
        format_mac(stock.mac),
    }
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(hiveon.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Antminer S9"
    await hass.async_block_till_done()
    entry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, entry, "sensor", "power").state != "unknown"  # Hiveon's, not stock's


async def test_reads_what_the_miner_reports(
    hass: HomeAssistant, hiveon: HiveonSim, entity_registry_enabled_by_default: None
) -> None:
    entry = await add_by_address(hass, HIVEON)
    assert float(state_of(hass, entry, "sensor", "hashrate").state) == pytest.approx(
        hiveon.hashrate_ths, rel=0.01
    )
    assert float(state_of(hass, entry, "sensor", "power").state) == pytest.approx(
        hiveon.wattage, abs=1
    )
    for slot, rate in enumerate(hiveon.board_hashrates_ths):
        board = state_of(hass, entry, "sensor", f"board_{slot}_hashrate")
        assert float(board.state) == pytest.approx(rate, rel=0.01)
    assert state_of(hass, entry, "sensor", "active_pool").state == hiveon.state.pools[0]["url"]
    assert state_of(hass, entry, "binary_sensor", "mining").state == STATE_ON


async def test_fault_light_from_its_switch(hass: HomeAssistant, hiveon: HiveonSim) -> None:
    entry = await add_by_address(hass, HIVEON)
    switch = entity_id_of(hass, entry, "switch", "fault_light")

    await hass.services.async_call("switch", "turn_on", {"entity_id": switch}, blocking=True)
    assert hiveon.state.fault_light is True
    assert hass.states.get(switch).state == STATE_ON  # type: ignore[union-attr]

    await hass.services.async_call("switch", "turn_off", {"entity_id": switch}, blocking=True)
    assert hiveon.state.fault_light is False
    assert hass.states.get(switch).state == STATE_OFF  # type: ignore[union-attr]


async def test_reboot_from_its_button(hass: HomeAssistant, hiveon: HiveonSim) -> None:
    entry = await add_by_address(hass, HIVEON)
    before = hiveon.state.uptime
    button = entity_id_of(hass, entry, "button", "reboot")

    await hass.services.async_call("button", "press", {"entity_id": button}, blocking=True)

    assert [w.name for w in hiveon.state.requests.writes] == ["reboot.cgi"]
    # The simulator reboots shortly after answering, as a real miner does.
    async with asyncio.timeout(5):
        while hiveon.state.uptime >= before:  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


async def test_pools_from_the_set_pools_action(hass: HomeAssistant, hiveon: HiveonSim) -> None:
    entry = await add_by_address(hass, HIVEON)
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.unique_id or ""), entry.entry_id
    )
    assert device is not None
    pools = [{"url": "stratum+tcp://hive.pool.invalid:3333", "username": "me.s9", "password": "x"}]

    await hass.services.async_call(
        DOMAIN, "set_pools", {"device_id": device.id, "pools": pools}, blocking=True
    )

    assert hiveon.state.pools[0] == {"url": pools[0]["url"], "user": "me.s9", "pass": "x"}


async def test_no_entities_for_the_controls_hiveon_lacks(
    hass: HomeAssistant, hiveon: HiveonSim
) -> None:
    entry = await add_by_address(hass, HIVEON)
    registry = er.async_get(hass)

    def has(domain: str, key: str) -> bool:
        return registry.async_get_entity_id(domain, DOMAIN, f"{entry.unique_id}_{key}") is not None

    assert has("switch", "fault_light")
    assert has("button", "reboot")
    assert not has("switch", "mining")  # no sleep mode on the S9's firmware
    assert not has("button", "restart_backend")
    assert not has("number", "power_limit")
