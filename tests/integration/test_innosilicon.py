"""An Innosilicon A9 ZMaster in Home Assistant: found by the config flow (by address and by
a scan; its MAC read behind the web's default login admin / admin), its Equihash rates
shown in kSol/s, restarted from its button, its pools changed by the set_pools action (a
pool URL it cannot mine refused, nothing sent), no pool password in its diagnostics, and
no control entity it could not honour (no power mode select). Simulated miners on
127.0.105.200-219."""

from __future__ import annotations

import json
from collections.abc import Generator

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from tests.simulator.innosilicon import InnoSim, captures

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters
from .flows import add_by_address

HOST = "127.0.105.200"
TITLE = "Innosilicon A9"
DEFAULT_LOGIN = ("admin", "admin")
ZEC = {"url": "stratum+tcp://zec.pool.invalid:3357", "username": "me.a9", "password": "ZecPw8"}
BACKUP = {"url": "stratum+tcp://backup.pool.invalid:4444", "username": "me.b", "password": "x"}


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
    added.assert_none_of(
        hass, ("switch", "mining"), ("switch", "fault_light"), ("select", "power_mode")
    )


async def test_added_with_the_default_login_and_its_mac(hass: HomeAssistant, a9: InnoSim) -> None:
    assert_added(await add_by_address(hass, HOST), a9, TITLE, DEFAULT_LOGIN)


async def test_restart_from_its_button(hass: HomeAssistant, a9: InnoSim) -> None:
    added = await _added(hass, a9)
    await added.call(hass, "button", "press", "restart_backend")
    assert a9.state.restarts == 1


async def test_found_by_a_scan(hass: HomeAssistant, a9: InnoSim) -> None:
    await add_from_a_scan(hass, a9, TITLE, login=DEFAULT_LOGIN)


async def test_pools_from_the_set_pools_action(hass: HomeAssistant, a9: InnoSim) -> None:
    added = await _added(hass, a9)
    await added.set_pools(hass, [ZEC, BACKUP])
    assert [(p["url"], p["user"], p["pass"]) for p in a9.state.pools] == [
        (pool["url"], pool["username"], pool["password"]) for pool in (ZEC, BACKUP)
    ]
    await added.entry.runtime_data.async_refresh()
    await hass.async_block_till_done()
    assert added.state(hass, "sensor", "active_pool").state == ZEC["url"]


async def test_a_pool_url_it_cannot_mine_is_refused_and_nothing_sent(
    hass: HomeAssistant, a9: InnoSim
) -> None:
    added = await _added(hass, a9)
    a9.state.received.clear()
    with pytest.raises(ServiceValidationError) as err:
        await added.set_pools(hass, [{**ZEC, "url": "http://zec.pool.invalid:3357"}, BACKUP])
    assert err.value.translation_key == "invalid_value"
    assert "ZecPw8" not in str(err.value)
    assert "web updatePools" not in a9.state.received
    assert [p["url"] for p in a9.state.pools] == [p["URL"] for p in captures.POOLS]


async def test_diagnostics_show_the_pools_without_their_passwords(
    hass: HomeAssistant, a9: InnoSim, hass_client: ClientSessionGenerator
) -> None:
    a9.state.pools[0]["pass"] = "HeldInnoPw3Qe"
    added = await _added(hass, a9)
    diagnostics = json.dumps(await get_diagnostics_for_config_entry(hass, hass_client, added.entry))
    assert captures.POOLS[1]["URL"] in diagnostics  # the pools are there
    assert "HeldInnoPw3Qe" not in diagnostics
    assert [token for token in a9.state.tokens if token in diagnostics] == []
