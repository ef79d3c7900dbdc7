"""An IceRiver KS3M in Home Assistant: found by the config flow (by address and by a scan),
added with its default panel login (admin / 12345678), its kHeavyHash rates shown in TH/s
(no efficiency: the panel reports no power), the locate light switched from its switch,
its pools written by the set_pools action (its three slots; the fan settings sent back as
read), its reboot button (the login the reboot ended taken again), and a changed password
asked for. Simulated miners on 127.0.105.100-119."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant

from tests.simulator.iceriver import IceRiverSim

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters, wait_until
from .flows import add_by_address

HOST = "127.0.105.100"
TITLE = "IceRiver KS3M"
DEFAULT_LOGIN = ("admin", "12345678")
SOLO = "stratum+tcp://kas.solo.invalid:5555"


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with network_adapters():
        yield


@pytest.fixture
async def ks3m(start_sim: SimFactory) -> IceRiverSim:
    sim = await start_sim("iceriver-ks3m", HOST, password="12345678")
    assert isinstance(sim, IceRiverSim)
    return sim


async def _added(hass: HomeAssistant, sim: IceRiverSim) -> Added[IceRiverSim]:
    return Added(sim, await add_by_address(hass, HOST))


async def test_added_by_address_with_the_default_login(
    hass: HomeAssistant, ks3m: IceRiverSim
) -> None:
    assert_added(await add_by_address(hass, HOST), ks3m, TITLE, DEFAULT_LOGIN)


async def test_found_by_a_scan(hass: HomeAssistant, ks3m: IceRiverSim) -> None:
    await add_from_a_scan(hass, ks3m, TITLE, login=DEFAULT_LOGIN)


async def test_rates_in_terahash_of_kheavyhash(
    hass: HomeAssistant, ks3m: IceRiverSim, entity_registry_enabled_by_default: None
) -> None:
    added = await _added(hass, ks3m)
    assert added.rate(hass, "hashrate", "TH/s") == pytest.approx(6.226)  # the panel's "6226G"
    board = added.rate(hass, "board_0_hashrate", "TH/s")
    assert board == pytest.approx(2.15, abs=0.01)  # "2151.38G"
    # The panel reports no power (pyasic's IceRiver reads none): no J/GH efficiency.
    added.assert_none_of(hass, ("sensor", "efficiency"))
    pool = added.state(hass, "sensor", "active_pool").state
    assert pool == "stratum+tcp://asia-kas.2miners.com:2323"  # the connected one of three
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON


async def test_the_locate_light_from_its_switch(hass: HomeAssistant, ks3m: IceRiverSim) -> None:
    added = await _added(hass, ks3m)
    await added.switch(hass, "fault_light", lambda sim: sim.state.locate)


async def test_no_mining_switch_nor_power_number(hass: HomeAssistant, ks3m: IceRiverSim) -> None:
    """The firmware is not known to stop mining or take a power limit: no entity pretends
    it can (its reboot button and pools: test_iceriver_controls.py)."""
    added = await _added(hass, ks3m)
    added.assert_none_of(hass, ("switch", "mining"), ("number", "power_limit"))


async def test_pools_from_the_set_pools_action(hass: HomeAssistant, ks3m: IceRiverSim) -> None:
    added = await _added(hass, ks3m)
    await added.set_pools(hass, [{"url": SOLO, "username": "kaspa:me.ks3m", "password": "p"}])
    assert [(p["addr"], p["user"], p["pass"]) for p in ks3m.state.pools] == [
        (SOLO, "kaspa:me.ks3m", "p"),
        ("", "", ""),
        ("", "", ""),
    ]
    assert ks3m.state.pool_forms[-1]["fanmode"] == "normal"  # the fan left as it was


async def test_reboot_from_its_button(hass: HomeAssistant, ks3m: IceRiverSim) -> None:
    added = await _added(hass, ks3m)
    await added.reboot(hass, lambda sim: sim.state.uptime())
    assert ks3m.state.restarts == 1
    logins = ks3m.state.logins
    await wait_until(lambda: ks3m.online)
    coordinator = added.entry.runtime_data
    await coordinator.async_refresh()
    assert coordinator.last_update_success
    assert ks3m.state.logins == logins + 1  # the login the reboot ended, taken again
