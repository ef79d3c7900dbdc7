"""Setting up, unloading, and a miner that goes away and comes back."""

from __future__ import annotations

import logging

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.asic_miner.const import DOMAIN, SCAN_INTERVAL
from tests.simulator import Fault, SimulatedMiner

from .conftest import NOBODY_HOST, NOT_A_MINER_HOST, S19PRO_HOST, SimFactory, entry_for, setup_entry

HASHRATE = "sensor.antminer_s19_pro_hashrate"


async def test_setup_and_unload(hass: HomeAssistant, s19pro_entry: MockConfigEntry) -> None:
    assert s19pro_entry.state is ConfigEntryState.LOADED
    assert hass.states.get(HASHRATE) is not None

    assert await hass.config_entries.async_unload(s19pro_entry.entry_id)
    await hass.async_block_till_done()

    assert s19pro_entry.state is ConfigEntryState.NOT_LOADED
    assert hass.states.get(HASHRATE).state == STATE_UNAVAILABLE


async def test_setup_retry_when_unreachable(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    entry = await setup_entry(hass, entry_for(s19pro, NOBODY_HOST))

    assert entry.state is ConfigEntryState.SETUP_RETRY


@pytest.mark.usefixtures("web_server")
async def test_setup_retry_when_no_longer_a_miner(
    hass: HomeAssistant, s19pro: SimulatedMiner
) -> None:
    entry = await setup_entry(hass, entry_for(s19pro, NOT_A_MINER_HOST))

    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert "not a miner" in str(entry.reason)


@pytest.mark.usefixtures("web_server")
async def test_unsupported_firmware_repair_until_the_miner_is_recognised(
    hass: HomeAssistant, issue_registry: ir.IssueRegistry, s19pro: SimulatedMiner
) -> None:
    """A device no driver backend fits raises a repair issue; the miner found again clears it."""
    entry = await setup_entry(hass, entry_for(s19pro, NOT_A_MINER_HOST))
    issue = issue_registry.async_get_issue(DOMAIN, f"unsupported_{entry.entry_id}")
    assert issue is not None
    assert issue.translation_key == "unsupported_firmware"
    assert issue.translation_placeholders == {"name": entry.title, "host": NOT_A_MINER_HOST}

    hass.config_entries.async_update_entry(entry, data={**entry.data, "host": s19pro.address})
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert issue_registry.async_get_issue(DOMAIN, f"unsupported_{entry.entry_id}") is None


async def test_setup_retry_when_another_miner_answers(
    hass: HomeAssistant, s19pro: SimulatedMiner
) -> None:
    """DHCP gave the address to another miner: not its values under our name."""
    entry = await setup_entry(hass, entry_for(s19pro, S19PRO_HOST, unique_id="00:11:22:33:44:55"))

    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert "00:11:22:33:44:55" in str(entry.reason)


async def test_setup_auth_failed_starts_reauth(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_sim("antminer-s19pro", S19PRO_HOST, password="secret")
    entry = await setup_entry(hass, entry_for(sim, S19PRO_HOST, password="root"))

    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]


async def test_unavailable_and_back(
    hass: HomeAssistant,
    s19pro: SimulatedMiner,
    s19pro_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Off the network: unavailable (never stale values), logged once; back: values again."""
    assert float(hass.states.get(HASHRATE).state) > 0
    caplog.set_level(logging.INFO)

    await s19pro.go_offline()
    for _ in range(3):
        freezer.tick(SCAN_INTERVAL)
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)
        assert hass.states.get(HASHRATE).state == STATE_UNAVAILABLE
    assert sum("Error fetching" in r.message for r in caplog.records) == 1

    await s19pro.come_back()
    freezer.tick(SCAN_INTERVAL)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert float(hass.states.get(HASHRATE).state) > 0
    assert sum("recovered" in r.message for r in caplog.records) == 1


async def test_unreadable_replies_make_entities_unavailable(
    hass: HomeAssistant,
    s19pro: SimulatedMiner,
    s19pro_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    s19pro.set_fault(Fault.GARBAGE, protocol="rpc")

    freezer.tick(SCAN_INTERVAL)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert hass.states.get(HASHRATE).state == STATE_UNAVAILABLE
    error = s19pro_entry.runtime_data.last_exception
    assert error.translation_key == "invalid_response"
