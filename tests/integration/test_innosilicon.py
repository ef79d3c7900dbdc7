"""An Innosilicon A9 ZMaster in Home Assistant: found by the config flow (by address and by
a scan; its MAC read behind the web's default login admin / admin), its Equihash rates
shown in kSol/s, restarted from its button, and no control entity it could not honour.
Simulated miners on 127.0.105.200-219."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant

from tests.simulator.innosilicon import InnoSim, captures

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters
from .flows import add_by_address

HOST = "127.0.105.200"
TITLE = "Innosilicon A9"
DEFAULT_LOGIN = ("admin", "admin")


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with network_adapters():
        yield


@pytest.fixture
async def a9(start_sim: SimFactory) -> InnoSim:
    sim = await start_sim("innosilicon-a9", HOST, password="admin")
    assert isinstance(sim, InnoSim)
    return sim


async def _added(hass: HomeAssistant, sim: InnoSim) -> Added[InnoSim]:
    return Added(sim, await add_by_address(hass, HOST))


async def test_added_by_address(hass: HomeAssistant, a9: InnoSim) -> None:
    entry = await add_by_address(hass, HOST)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == TITLE


async def test_rates_in_ksol_per_second(
    hass: HomeAssistant, a9: InnoSim, entity_registry_enabled_by_default: None
) -> None:
    added = await _added(hass, a9)
    hashrate = added.rate(hass, "hashrate", "kSol/s")
    assert hashrate == pytest.approx(captures.SUMMARY["MHS 1m"] / 1000, rel=1e-3)
    assert added.state(hass, "sensor", "active_pool").state == captures.POOLS[0]["URL"]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON
    added.assert_none_of(hass, ("switch", "mining"), ("switch", "fault_light"))


async def test_added_with_the_default_login_and_its_mac(hass: HomeAssistant, a9: InnoSim) -> None:
    assert_added(await add_by_address(hass, HOST), a9, TITLE, DEFAULT_LOGIN)


async def test_restart_from_its_button(hass: HomeAssistant, a9: InnoSim) -> None:
    added = await _added(hass, a9)
    await added.call(hass, "button", "press", "restart_backend")
    assert a9.state.restarts == 1


async def test_found_by_a_scan(hass: HomeAssistant, a9: InnoSim) -> None:
    await add_from_a_scan(hass, a9, TITLE, login=DEFAULT_LOGIN)
