"""Auradine Teraflux on a simulated AT1500, through Home Assistant: found by the config flow
(added by address, and by a scan) with the firmware's default login admin/admin, its
entities reading what the miner reports in TH/s and W, and controlled from them (mining
switch, power target within the supply's bounds, fans' speed, fault light, reboot, mining
restart) and from the set_pools action.
An AT2880 with a password of its own is asked for it. Addresses: 127.0.110.150-199."""

from __future__ import annotations

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError

from custom_components.asic_miner.driver import NumberKey, find_miner
from custom_components.asic_miner.driver.backends.auradine.backend import Auradine
from tests.simulator.auradine import AuradineSim
from tests.simulator.auradine.testing import AT1500, AT2880

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, add_with_its_login, assert_added, network_adapters
from .flows import add_by_address
from .miners import poll

HOST = "127.0.110.150"
SCANNED = "127.0.110.151"
CUSTOM = "127.0.110.153"
TITLE = "Auradine AT1500"
DEFAULT_LOGIN = ("admin", "admin")


@pytest.fixture
async def added(hass: HomeAssistant, start_sim: SimFactory) -> Added[AuradineSim]:
    sim = await start_sim(AT1500, HOST, password="admin", reboot_seconds=0.3)
    assert isinstance(sim, AuradineSim)
    return Added(sim, await add_by_address(hass, HOST))


async def test_added_by_address_with_the_default_login(
    hass: HomeAssistant, added: Added[AuradineSim]
) -> None:
    assert_added(added.entry, added.sim, TITLE, DEFAULT_LOGIN)
    assert isinstance(added.entry.runtime_data.miner, Auradine)


async def test_found_by_a_scan_and_added(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_sim(AT1500, SCANNED, password="admin")
    with network_adapters("127.0.110.1"):
        await add_from_a_scan(hass, sim, TITLE, login=DEFAULT_LOGIN)


async def test_entities_read_what_the_miner_reports(
    hass: HomeAssistant, added: Added[AuradineSim]
) -> None:
    assert added.rate(hass, "hashrate", "TH/s") == pytest.approx(20.7)  # MHS 5s of 3 boards
    assert added.value(hass, "sensor", "power") == 2000.0
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON
    for slot, expected in enumerate((6.8, 6.9, 7.0)):
        assert added.value(hass, "sensor", f"board_{slot}_hashrate") == pytest.approx(expected)
    async with await find_miner(HOST, timeout=5) as miner:  # the test's own driver Miner
        assert len((await miner.get_data()).hashboards) == 3
    added.assert_power_target(hass, 2000, (1500, 3452))
    assert added.state(hass, "switch", "fault_light").state == STATE_OFF


async def test_mining_switch_pauses_and_resumes(
    hass: HomeAssistant, added: Added[AuradineSim], freezer: FrozenDateTimeFactory
) -> None:
    await added.mining_paused(hass, lambda sim: not sim.state.sleeping, freezer)
    assert added.value(hass, "sensor", "hashrate") == 0.0
    await added.mining_resumed(hass, lambda sim: not sim.state.sleeping, freezer)


async def test_power_target_from_home_assistant(
    hass: HomeAssistant, added: Added[AuradineSim], freezer: FrozenDateTimeFactory
) -> None:
    await added.set_number(hass, NumberKey.POWER_TARGET, 2600, freezer)
    assert added.sim.state.power_target == 2600
    await added.number_refused(hass, NumberKey.POWER_TARGET, 3453, maximum=3452)
    assert added.sim.state.power_target == 2600


async def test_the_fan_speed_from_home_assistant(
    hass: HomeAssistant, added: Added[AuradineSim], freezer: FrozenDateTimeFactory
) -> None:
    fan = added.state(hass, "number", NumberKey.FAN_SPEED)
    assert float(fan.state) == 91  # fan.json: Target 7000 of Max 7700 RPM
    assert (fan.attributes["min"], fan.attributes["max"]) == (0, 100)
    assert fan.attributes["unit_of_measurement"] == "%"
    await added.set_number(hass, NumberKey.FAN_SPEED, 40, freezer)
    assert added.sim.state.fan_target_rpm == 3080  # 40 % of 7700 RPM, every fan
    with pytest.raises(ServiceValidationError, match="100"):
        await added.call(hass, "number", "set_value", NumberKey.FAN_SPEED, value=101)
    assert added.sim.state.fan_target_rpm == 3080


async def test_pools_from_the_set_pools_action(
    hass: HomeAssistant, added: Added[AuradineSim], freezer: FrozenDateTimeFactory
) -> None:
    pools = [
        {"url": "stratum+tcp://main.pool.invalid:3333", "username": "me.at1500", "password": "p1"},
        {"url": "stratum+tcp://backup.pool.invalid:3333", "username": "me.at1500", "password": ""},
    ]
    await added.set_pools(hass, pools)
    assert added.sim.state.pools == [(p["url"], p["username"]) for p in pools]
    assert added.sim.state.pool_passwords == ["p1", "x"]  # none given: "x", as asic-rs sends
    await poll(hass, freezer)
    assert added.state(hass, "sensor", "active_pool").state == pools[0]["url"]


async def test_fault_light_restart_and_reboot(
    hass: HomeAssistant, added: Added[AuradineSim]
) -> None:
    await added.switch(hass, "fault_light", lambda sim: sim.state.led_code == 3)
    assert added.sim.state.led_code == 2  # off again: the firmware's "normal" code
    await added.reboot(hass, lambda sim: sim.state.uptime)


async def test_a_password_of_its_own_is_asked(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await start_sim(AT2880, CUSTOM, password="own-pw-1")
    entry = await add_with_its_login(hass, CUSTOM, "admin", "own-pw-1")
    assert entry.title == "Auradine AT2880"
    assert isinstance(entry.runtime_data.miner, Auradine)
