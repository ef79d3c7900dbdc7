"""A miner that changes under its entry: reflashed with other firmware (the entry takes the
new firmware's backend by itself), or offering another SSH host key (refused until the
user confirms it in re-authentication).

Addresses: 127.0.80.x.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import CONF_SSH_HOST_KEY, DOMAIN, REIDENTIFY_INTERVAL
from tests.simulator.families import make_miner
from tests.simulator.ssh_server import new_host_key, public_key_text

from .conftest import SimFactory, entry_for, setup_entry
from .miners import poll

STOCK_HOST = "127.0.80.10"
BOSMINER_HOST = "127.0.80.11"


async def test_a_reflashed_miner_gets_its_new_firmware(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """A stock S19 Pro reflashed with VNish (same MAC, same address): within the hour the
    entry is set up again with VNish's backend and entities; the stock login it stored
    (the stock default) gives way to VNish's own default."""
    stock = await start_sim("antminer-s19pro", STOCK_HOST)
    entry = await setup_entry(hass, entry_for(stock, STOCK_HOST))
    assert entry.runtime_data.miner.firmware == "Stock"
    registry = er.async_get(hass)
    assert registry.async_get_entity_id("select", DOMAIN, f"{entry.unique_id}_preset") is None

    await stock.stop()
    vnish = make_miner("vnish-s19pro", STOCK_HOST, mac=stock.mac, reboot_seconds=0.5)
    await vnish.start()
    try:
        await poll(hass, freezer, REIDENTIFY_INTERVAL + timedelta(seconds=1))
        await hass.async_block_till_done(wait_background_tasks=True)

        assert entry.state is ConfigEntryState.LOADED
        assert entry.runtime_data.miner.firmware == "VNish"
        assert CONF_PASSWORD not in entry.data
        assert CONF_USERNAME not in entry.data
        preset = registry.async_get_entity_id("select", DOMAIN, f"{entry.unique_id}_preset")
        assert preset is not None
        state = hass.states.get(preset)
        assert state is not None
        assert state.state != STATE_UNAVAILABLE
    finally:
        await hass.config_entries.async_unload(entry.entry_id)
        await vnish.stop()


async def test_a_changed_ssh_host_key_is_refused_until_confirmed(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """BOSminer's host key is recorded when the miner is added. Another key later (a
    reinstall, or another machine at the address): the control fails before the password
    is sent, and re-authentication shows the new key's fingerprint; confirmed, the new key
    is recorded and the controls work again."""
    first = await start_sim("braiins-s9-bosminer", BOSMINER_HOST, password="")
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Antminer S9",
        unique_id=format_mac(first.mac),
        data={CONF_HOST: BOSMINER_HOST, CONF_USERNAME: "root", CONF_PASSWORD: ""},
    )
    await setup_entry(hass, entry)
    pinned = entry.data[CONF_SSH_HOST_KEY]
    assert pinned.startswith("ssh-rsa ")
    light = er.async_get(hass).async_get_entity_id(
        "switch", DOMAIN, f"{entry.unique_id}_fault_light"
    )
    assert light is not None

    await first.stop()
    key = new_host_key()
    second = make_miner("braiins-s9-bosminer", BOSMINER_HOST, password="", host_key=key)
    await second.start()
    try:
        with pytest.raises(HomeAssistantError, match="another SSH host key") as raised:
            await hass.services.async_call("switch", "turn_on", {"entity_id": light}, blocking=True)
        assert "SHA256:" in str(raised.value)
        heard = second.ssh.heard  # type: ignore[attr-defined]
        assert heard.logins == []  # no password sent
        assert heard.failed_logins == []
        await hass.async_block_till_done()
        flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        reauth = [flow for flow in flows if flow["context"]["source"] == SOURCE_REAUTH]
        assert len(reauth) == 1
        assert reauth[0]["step_id"] == "host_key_confirm"
        shown = await hass.config_entries.flow.async_configure(reauth[0]["flow_id"])
        assert shown["description_placeholders"]["fingerprint"] in str(raised.value)
        assert entry.data[CONF_SSH_HOST_KEY] == pinned

        result = await hass.config_entries.flow.async_configure(reauth[0]["flow_id"], {})
        await hass.async_block_till_done()

        assert result["type"] is FlowResultType.ABORT
        assert result["reason"] == "host_key_accepted"
        assert entry.data[CONF_SSH_HOST_KEY] == public_key_text(key)
        await hass.services.async_call("switch", "turn_on", {"entity_id": light}, blocking=True)
    finally:
        await hass.config_entries.async_unload(entry.entry_id)
        await second.stop()
