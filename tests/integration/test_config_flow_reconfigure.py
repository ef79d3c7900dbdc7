"""Reconfiguration of the address and the login (127.0.11.x)."""

from __future__ import annotations

from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import DOMAIN

from .conftest import WHATSMINER_PASSWORD, SimFactory, entry_for, start_whatsminer

HOST = "127.0.11.80"
OLD_HOST = "127.0.11.88"


def _suggested(result: dict) -> dict:
    return {
        key.schema: (key.description or {}).get("suggested_value")
        for key in result["data_schema"].schema
    }


async def test_new_address_and_password(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The miner moved and its password changed: both are changed in one go."""
    sim = await start_sim("antminer-s19pro", HOST, password="secret")
    entry = entry_for(sim, OLD_HOST, password="old")
    entry.add_to_hass(hass)

    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    assert _suggested(result) == {CONF_HOST: OLD_HOST, CONF_USERNAME: "root", CONF_PASSWORD: None}

    # An empty password keeps the stored one, which the miner refuses.
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: HOST})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert _suggested(result)[CONF_HOST] == HOST

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: HOST, CONF_USERNAME: "root", CONF_PASSWORD: "secret"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data == {CONF_HOST: HOST, CONF_USERNAME: "root", CONF_PASSWORD: "secret"}


async def test_login_stored_where_needed(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """An entry without a login, for a firmware that has one: what worked is stored."""
    sim = await start_sim("antminer-s19pro", HOST)
    entry = MockConfigEntry(
        domain=DOMAIN, unique_id=entry_for(sim, HOST).unique_id, data={CONF_HOST: OLD_HOST}
    )
    entry.add_to_hass(hass)

    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: f" {HOST} "}
    )

    assert result["reason"] == "reconfigure_successful"
    assert entry.data == {CONF_HOST: HOST, CONF_USERNAME: "root", CONF_PASSWORD: "root"}


async def test_whatsminer_password(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """A Whatsminer V2: reads need no login, the new password is still stored."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", HOST, password=WHATSMINER_PASSWORD, write_api=True
    )
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id=entry_for(sim, HOST).unique_id,
        data={CONF_HOST: HOST, CONF_USERNAME: "admin", CONF_PASSWORD: "admin"},
    )
    entry.add_to_hass(hass)

    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: HOST, CONF_PASSWORD: "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: HOST, CONF_PASSWORD: WHATSMINER_PASSWORD}
    )
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_PASSWORD] == WHATSMINER_PASSWORD
