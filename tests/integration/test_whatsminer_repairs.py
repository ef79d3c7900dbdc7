"""Writes switched off on a Whatsminer: a repair issue, never an error log or a traceback."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import ATTR_ENTITY_ID, CONF_PASSWORD, SERVICE_TURN_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.translation import async_get_translations
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.asic_miner.const import DOMAIN, LOGIN_RECHECK_INTERVAL, SCAN_INTERVAL
from custom_components.asic_miner.issues import write_access_issue_id
from tests.simulator import SimulatedMiner

from .conftest import (
    M50S_HOST,
    M60S_HOST,
    SimFactory,
    setup_entry,
    start_whatsminer,
    whatsminer_entry_for,
)

MINING = "switch.whatsminer_m50s_mining"


def _issue(hass: HomeAssistant, entry_id: str) -> ir.IssueEntry | None:
    entry = hass.config_entries.async_get_entry(entry_id)
    assert entry is not None
    return ir.async_get(hass).async_get_issue(DOMAIN, write_access_issue_id(entry))


async def _stop_mining(hass: HomeAssistant, entity_id: str = MINING) -> None:
    await hass.services.async_call(
        SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id}, blocking=True
    )
    await hass.async_block_till_done()


async def test_issue_comes_and_goes(
    hass: HomeAssistant, start_sim: SimFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """Write API off: the miner is read and the repair raised at setup; a refused control
    raises a translated error; once writes work, the next control deletes the issue."""
    caplog.set_level(logging.DEBUG)
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="admin", write_api=False
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="admin"))

    assert entry.state is ConfigEntryState.LOADED
    assert float(hass.states.get("sensor.whatsminer_m50s_hashrate").state) > 0
    issue = _issue(hass, entry.entry_id)
    assert issue is not None
    assert issue.translation_key == "default_password_in_use"
    assert not issue.is_fixable

    with pytest.raises(HomeAssistantError) as caught:
        await _stop_mining(hass)
    assert caught.value.translation_key == "default_password_in_use"
    assert "WhatsMinerTool" in str(caught.value)  # translated, not the driver's text
    assert sim.state.mining is True
    assert hass.states.get(MINING).state == STATE_ON
    assert _issue(hass, entry.entry_id) is not None

    # The user enables the write API and changes the password; HA learns the new one.
    sim.state.write_api_enabled = True
    sim.change_password("s3cret")  # as WhatsMinerTool does
    hass.config_entries.async_update_entry(entry, data={**entry.data, "password": "s3cret"})
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert _issue(hass, entry.entry_id) is None

    await _stop_mining(hass)
    assert sim.state.mining is False
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_refused_control_raises_the_issue(
    hass: HomeAssistant, start_sim: SimFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """Writes worked at setup and are switched off later: the control raises the issue;
    a control that goes through again deletes it."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="s3cret", write_api=True
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="s3cret"))
    assert _issue(hass, entry.entry_id) is None

    sim.state.write_api_enabled = False
    with pytest.raises(HomeAssistantError) as caught:
        await _stop_mining(hass)
    assert caught.value.translation_key == "write_api_disabled"
    assert _issue(hass, entry.entry_id) is not None

    sim.state.write_api_enabled = True
    await _stop_mining(hass)
    assert sim.state.mining is False
    assert _issue(hass, entry.entry_id) is None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_default_password_control(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="admin", write_api=True
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="admin"))
    assert _issue(hass, entry.entry_id).translation_key == "default_password_in_use"

    with pytest.raises(HomeAssistantError) as caught:
        await _stop_mining(hass)
    assert caught.value.translation_key == "default_password_in_use"
    assert sim.state.mining is True


async def test_v3_write_api_off(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_whatsminer(
        start_sim, "whatsminer-m60s", M60S_HOST, password="s3cret", write_api=False
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M60S_HOST, password="s3cret"))

    assert entry.state is ConfigEntryState.LOADED
    assert _issue(hass, entry.entry_id).translation_key == "write_api_disabled"
    with pytest.raises(HomeAssistantError) as caught:
        await _stop_mining(hass, "switch.whatsminer_m60s_mining")
    assert caught.value.translation_key == "write_api_disabled"


async def test_issue_removed_with_the_entry(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="admin", write_api=False
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="admin"))
    assert _issue(hass, entry.entry_id) is not None

    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()

    assert not ir.async_get(hass).issues


async def test_issues_are_translated(hass: HomeAssistant) -> None:
    translations = await async_get_translations(hass, "en", "issues", {DOMAIN})
    for key in ("write_api_disabled", "default_password_in_use"):
        title = translations[f"component.{DOMAIN}.issues.{key}.title"]
        description = translations[f"component.{DOMAIN}.issues.{key}.description"]
        assert "{name}" in title
        assert "WhatsMinerTool" in description


def _exhaust_client_slots(sim: SimulatedMiner) -> None:
    """Sixteen other clients hold tokens: the miner gives a seventeenth client none."""
    for client in range(16):
        assert sim.tokens.issue(f"192.0.2.{client}", "key", sim.clock.time()) is not None


async def test_token_limit_at_setup(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The login cannot be checked now: the miner is read all the same, no issue."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="s3cret", write_api=True
    )
    _exhaust_client_slots(sim)
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="s3cret"))

    assert entry.state is ConfigEntryState.LOADED
    assert _issue(hass, entry.entry_id) is None


async def test_token_limit_on_control(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Other tools hold every token slot once ours expired: a translated error, no issue."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="s3cret", write_api=True
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="s3cret"))
    sim.clock.advance(31 * 60)  # our token from the login check expires
    _exhaust_client_slots(sim)

    with pytest.raises(HomeAssistantError) as caught:
        await _stop_mining(hass)

    assert caught.value.translation_key == "token_limit_reached"
    assert sim.state.mining is True
    assert _issue(hass, entry.entry_id) is None


async def test_password_changed_later_starts_reauth(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """The password is changed on the miner after setup: the next control asks for it."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="s3cret", write_api=True
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="s3cret"))
    sim.change_password("other")

    with pytest.raises(HomeAssistantError) as caught:
        await _stop_mining(hass)

    assert caught.value.translation_key == "action_authentication_failed"
    assert sim.state.mining is True
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]
    assert _issue(hass, entry.entry_id) is None


async def _poll(hass: HomeAssistant, freezer: FrozenDateTimeFactory, after: timedelta) -> None:
    freezer.tick(after)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_issue_goes_once_fixed_on_the_miner(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """While the issue is open the login is checked again now and then: no control needed."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="s3cret", write_api=False
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="s3cret"))
    assert _issue(hass, entry.entry_id).translation_key == "write_api_disabled"

    sim.state.write_api_enabled = True
    await _poll(hass, freezer, SCAN_INTERVAL)
    assert _issue(hass, entry.entry_id) is not None  # not checked at every poll

    await _poll(hass, freezer, LOGIN_RECHECK_INTERVAL)
    assert _issue(hass, entry.entry_id) is None


async def test_recheck_asks_for_the_changed_password(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """The repair asks for a new password; once set on the miner, Home Assistant asks for
    it (reauthentication) and keeps reading the miner meanwhile."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="admin", write_api=False
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="admin"))
    assert _issue(hass, entry.entry_id).translation_key == "default_password_in_use"

    sim.state.write_api_enabled = True
    sim.change_password("s3cret")
    await _poll(hass, freezer, LOGIN_RECHECK_INTERVAL)

    assert float(hass.states.get("sensor.whatsminer_m50s_hashrate").state) > 0
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]
    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"], {CONF_PASSWORD: "s3cret"}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert _issue(hass, entry.entry_id) is None
    await _stop_mining(hass)
    assert sim.state.mining is False
