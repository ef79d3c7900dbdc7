"""The config flow, against simulated miners."""

from __future__ import annotations

import pytest
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.config_flow import title_for
from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver import Miner, MinerData
from tests.simulator import Fault, SimulatedMiner

from .conftest import NOBODY_HOST, NOT_A_MINER_HOST, S19PRO_HOST, SimFactory, entry_for


async def _start_user_flow(hass: HomeAssistant, host: str) -> dict:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    assert result["step_id"] == "user"
    assert result["menu_options"] == ["manual", "scan", "fleet"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "manual"
    assert result["errors"] == {}
    return await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})


async def test_user_flow(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    """The miner accepts the firmware defaults: no credentials asked."""
    result = await _start_user_flow(hass, f" {S19PRO_HOST} ")

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Antminer S19 Pro"
    assert result["data"] == {CONF_HOST: S19PRO_HOST, CONF_USERNAME: "root", CONF_PASSWORD: "root"}
    assert result["result"].unique_id == format_mac(s19pro.mac)


async def test_user_flow_old_model(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await start_sim("antminer-s9", "127.0.4.12")
    result = await _start_user_flow(hass, "127.0.4.12")

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Antminer S9"


async def test_user_flow_cannot_connect(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Nothing answers; once the miner is on, the same form goes through."""
    result = await _start_user_flow(hass, NOBODY_HOST)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}

    await start_sim("antminer-s19pro", NOBODY_HOST)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: NOBODY_HOST}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.usefixtures("web_server")
async def test_user_flow_not_a_miner(hass: HomeAssistant) -> None:
    result = await _start_user_flow(hass, NOT_A_MINER_HOST)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "not_a_miner"}


async def test_user_flow_credentials(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The defaults are refused: ask, prefilled with them, until the right password."""
    sim = await start_sim("antminer-s19pro", S19PRO_HOST, password="secret")
    result = await _start_user_flow(hass, S19PRO_HOST)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "credentials"
    assert result["errors"] == {}
    suggested = {
        key.schema: key.description["suggested_value"] for key in result["data_schema"].schema
    }
    assert suggested == {CONF_USERNAME: "root", CONF_PASSWORD: "root"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "root", CONF_PASSWORD: "wrong"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "root", CONF_PASSWORD: "secret"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_HOST: S19PRO_HOST,
        CONF_USERNAME: "root",
        CONF_PASSWORD: "secret",
    }
    assert result["result"].unique_id == format_mac(sim.mac)


async def test_user_flow_already_configured(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    """The same miner at a new address: abort, and follow it to the new address."""
    entry = entry_for(s19pro, "127.0.4.200")
    entry.add_to_hass(hass)

    result = await _start_user_flow(hass, S19PRO_HOST)

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_HOST] == S19PRO_HOST


async def test_reauth(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_sim("antminer-s19pro", S19PRO_HOST, password="secret")
    entry = entry_for(sim, S19PRO_HOST, password="old")
    entry.add_to_hass(hass)

    result = await entry.start_reauth_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "wrong"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "secret"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_PASSWORD] == "secret"


async def test_reauth_wrong_miner(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    entry = entry_for(s19pro, S19PRO_HOST, unique_id="00:11:22:33:44:55")
    entry.add_to_hass(hass)

    result = await entry.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "root"}
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_miner"


async def test_reconfigure(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    entry = entry_for(s19pro, NOBODY_HOST)
    entry.add_to_hass(hass)

    result = await entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: "127.0.4.98"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: S19PRO_HOST}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_HOST] == S19PRO_HOST


async def test_reconfigure_wrong_miner(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    entry = entry_for(s19pro, NOBODY_HOST, unique_id="00:11:22:33:44:55")
    entry.add_to_hass(hass)

    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: S19PRO_HOST}
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_miner"
    assert entry.data[CONF_HOST] == NOBODY_HOST


async def test_user_flow_no_mac(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    """The web interface (which reports the MAC) answers garbage: no unique id, no entry."""
    s19pro.set_fault(Fault.GARBAGE, protocol="http")

    result = await _start_user_flow(hass, S19PRO_HOST)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "no_mac"}


async def test_user_flow_unreadable_miner(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    """Identified by its web interface, but its RPC answers garbage."""
    s19pro.set_fault(Fault.GARBAGE, protocol="rpc")

    result = await _start_user_flow(hass, S19PRO_HOST)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}


def test_title() -> None:
    miner = Miner("127.0.4.1")
    assert title_for(MinerData(host="h", make="Antminer", model="S19 Pro"), miner) == (
        "Antminer S19 Pro"
    )
    assert title_for(MinerData(host="h", make="Antminer", model="Antminer S9"), miner) == (
        "Antminer S9"
    )
    assert title_for(MinerData(host="h"), miner) == "Unknown"
