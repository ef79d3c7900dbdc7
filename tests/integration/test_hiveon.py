"""A Hiveon S9 in Home Assistant: found by the config flow (by address and by a scan, beside
a stock S9 it is not mistaken for), added with Hiveon's default login, read (hashrate,
boards, fans, the watts Hiveon reports, the user's pool and not Hive's fee pools) and
controlled from its entities and actions (fault light, reboot, pools); the controls Hiveon
lacks get no entity. Simulated miners on 127.0.101.120-139."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver import NumberKey
from tests.simulator.hiveon import HiveonSim

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters
from .flows import add_by_address

HIVEON = "127.0.101.120"
STOCK = "127.0.101.121"
TITLE = "Antminer S9"
DEFAULT_LOGIN = ("root", "root")


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    """No network adapters of the test machine's in the scan form."""
    with network_adapters():
        yield


@pytest.fixture
async def hiveon(start_sim: SimFactory) -> HiveonSim:
    sim = await start_sim("hiveon-s9", HIVEON)
    assert isinstance(sim, HiveonSim)
    return sim


async def _added(hass: HomeAssistant, sim: HiveonSim) -> Added[HiveonSim]:
    return Added(sim, await add_by_address(hass, HIVEON))


async def test_added_by_address_with_hiveons_default_login(
    hass: HomeAssistant, hiveon: HiveonSim
) -> None:
    entry = await add_by_address(hass, HIVEON)
    assert_added(entry, hiveon, TITLE, DEFAULT_LOGIN)
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

    result = await add_from_a_scan(hass, hiveon, TITLE, beside=[stock], login=DEFAULT_LOGIN)

    entry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    assert Added(hiveon, entry).state(hass, "sensor", "power").state != "unknown"  # not stock's


async def test_reads_what_the_miner_reports(
    hass: HomeAssistant, hiveon: HiveonSim, entity_registry_enabled_by_default: None
) -> None:
    added = await _added(hass, hiveon)
    hashrate = added.value(hass, "sensor", "hashrate")
    assert hashrate == pytest.approx(hiveon.hashrate_ths, rel=0.01)
    assert added.value(hass, "sensor", "power") == pytest.approx(hiveon.wattage, abs=1)
    for slot, rate in enumerate(hiveon.board_hashrates_ths):
        board = added.value(hass, "sensor", f"board_{slot}_hashrate")
        assert board == pytest.approx(rate, rel=0.01)
    assert added.state(hass, "sensor", "active_pool").state == hiveon.state.pools[0]["url"]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON


async def test_fault_light_from_its_switch(hass: HomeAssistant, hiveon: HiveonSim) -> None:
    added = await _added(hass, hiveon)
    await added.switch(hass, "fault_light", lambda sim: sim.state.fault_light)


async def test_reboot_from_its_button(hass: HomeAssistant, hiveon: HiveonSim) -> None:
    added = await _added(hass, hiveon)
    # The simulator reboots shortly after answering, as a real miner does.
    await added.reboot(hass, lambda sim: sim.state.uptime)
    assert [w.name for w in hiveon.state.requests.writes] == ["reboot.cgi"]


async def test_pools_from_the_set_pools_action(hass: HomeAssistant, hiveon: HiveonSim) -> None:
    added = await _added(hass, hiveon)
    pools = [{"url": "stratum+tcp://hive.pool.invalid:3333", "username": "me.s9", "password": "x"}]

    await added.set_pools(hass, pools)

    assert hiveon.state.pools[0] == {"url": pools[0]["url"], "user": "me.s9", "pass": "x"}


async def test_no_entities_for_the_controls_hiveon_lacks(
    hass: HomeAssistant, hiveon: HiveonSim
) -> None:
    added = await _added(hass, hiveon)
    assert added.has(hass, "switch", "fault_light")
    assert added.has(hass, "button", "reboot")
    added.assert_none_of(
        hass,
        ("switch", "mining"),  # no sleep mode on the S9's firmware
        ("button", "restart_backend"),
        ("number", "power_limit"),
        ("number", NumberKey.POWER_TARGET),
    )
