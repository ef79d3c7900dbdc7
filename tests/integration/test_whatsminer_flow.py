"""Adding Whatsminers: read without a login, controlled with the admin password."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER, ConfigEntryState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    CONF_HOST,
    CONF_PASSWORD,
    CONF_USERNAME,
    SERVICE_TURN_OFF,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.issues import write_access_issue_id
from tests.simulator import SimulatedMiner

from .conftest import (
    M50S_HOST,
    M60S_HOST,
    WHATSMINER_PASSWORD,
    SimFactory,
    setup_entry,
    start_whatsminer,
    whatsminer_entry_for,
)


async def _start_user_flow(hass: HomeAssistant, host: str) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    return await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})


def _suggested(result: dict[str, Any]) -> dict[str, Any]:
    return {key.schema: key.description["suggested_value"] for key in result["data_schema"].schema}


async def test_v2_password(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """API V2: the default password is refused; only the password is asked for."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password=WHATSMINER_PASSWORD, write_api=True
    )
    result = await _start_user_flow(hass, M50S_HOST)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "whatsminer"
    assert result["errors"] == {}
    assert _suggested(result) == {CONF_PASSWORD: "admin"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "wrong"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: WHATSMINER_PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Whatsminer M50S"
    assert result["data"][CONF_HOST] == M50S_HOST
    assert result["data"][CONF_PASSWORD] == WHATSMINER_PASSWORD
    assert result["result"].unique_id == format_mac(sim.mac)
    await hass.async_block_till_done()
    assert result["result"].state is ConfigEntryState.LOADED
    assert not ir.async_get(hass).issues


async def test_v3_account_and_password(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """API V3: account and password, prefilled with super/super."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m60s", M60S_HOST, password=WHATSMINER_PASSWORD, write_api=True
    )
    result = await _start_user_flow(hass, M60S_HOST)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "whatsminer"
    assert _suggested(result) == {CONF_USERNAME: "super", CONF_PASSWORD: "super"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "super", CONF_PASSWORD: "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "super", CONF_PASSWORD: WHATSMINER_PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Whatsminer M60S"
    assert result["data"] == {
        CONF_HOST: M60S_HOST,
        CONF_USERNAME: "super",
        CONF_PASSWORD: WHATSMINER_PASSWORD,
    }
    await hass.async_block_till_done()

    # Added from the flow, it is controlled from its entities.
    await hass.services.async_call(
        SWITCH_DOMAIN,
        SERVICE_TURN_OFF,
        {ATTR_ENTITY_ID: "switch.whatsminer_m60s_mining"},
        blocking=True,
    )
    assert sim.state.mining is False


async def test_v3_as_shipped(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """V3 firmware refuses writes while super has its factory password: asked, prefilled
    with super/super; taken as they are, the miner is added with a repair."""
    await start_whatsminer(
        start_sim, "whatsminer-m60s", M60S_HOST, password="super", write_api=False
    )
    result = await _start_user_flow(hass, M60S_HOST)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "whatsminer"
    assert _suggested(result) == {CONF_USERNAME: "super", CONF_PASSWORD: "super"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "super", CONF_PASSWORD: "super"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_HOST: M60S_HOST, CONF_USERNAME: "super", CONF_PASSWORD: "super"}
    entry = result["result"]
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    issue = ir.async_get(hass).async_get_issue(DOMAIN, write_access_issue_id(entry))
    assert issue is not None
    assert issue.translation_key == "default_password_in_use"


async def test_write_api_off_as_shipped(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """As shipped: the login step is shown; the miner is added, and a repair explains."""
    await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="admin", write_api=False
    )
    result = await _start_user_flow(hass, M50S_HOST)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "whatsminer"
    assert result["errors"] == {}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "admin"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry = result["result"]
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    issue = ir.async_get(hass).async_get_issue(DOMAIN, write_access_issue_id(entry))
    assert issue is not None
    # V2 answers a switched-off write API and the factory password alike: both steps.
    assert issue.translation_key == "default_password_in_use"
    assert issue.severity is ir.IssueSeverity.WARNING
    assert issue.translation_placeholders == {"name": entry.title, "host": M50S_HOST}


async def test_write_api_off_password_changed(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Password changed but the write API off: added, with the matching repair."""
    await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password=WHATSMINER_PASSWORD, write_api=False
    )
    result = await _start_user_flow(hass, M50S_HOST)
    assert result["step_id"] == "whatsminer"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: WHATSMINER_PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    issue = ir.async_get(hass).async_get_issue(DOMAIN, write_access_issue_id(result["result"]))
    assert issue is not None
    assert issue.translation_key == "write_api_disabled"


async def test_wrong_password_later_starts_reauth(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """The password was changed on the miner: setup fails and asks for the new one."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="newpass", write_api=True
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST))

    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]

    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"], {CONF_PASSWORD: "wrong"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"], {CONF_PASSWORD: "newpass"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert entry.data[CONF_PASSWORD] == "newpass"
    assert entry.state is ConfigEntryState.LOADED


async def test_v3_reauth(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_whatsminer(
        start_sim, "whatsminer-m60s", M60S_HOST, password="newpass", write_api=True
    )
    entry = whatsminer_entry_for(sim, M60S_HOST)
    entry.add_to_hass(hass)

    result = await entry.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "newpass"}
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_USERNAME] == "super"
    assert entry.data[CONF_PASSWORD] == "newpass"


async def _v3_clients(sim: SimulatedMiner, expected: int) -> int:
    """The simulated V3 port's open client connections, once they settle at ``expected``."""
    clients: int = sim._v3.clients
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(2):
            while (clients := sim._v3.clients) != expected:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
    return clients


async def test_v3_connections_are_closed(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """A V3 miner serves at most 10 clients: the flow and a failed setup leave none open,
    a loaded entry keeps one, and unloading it closes that."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m60s", M60S_HOST, password=WHATSMINER_PASSWORD, write_api=True
    )
    result = await _start_user_flow(hass, M60S_HOST)
    for _ in range(3):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_USERNAME: "super", CONF_PASSWORD: "wrong"}
        )
    assert result["errors"] == {"base": "invalid_auth"}
    assert await _v3_clients(sim, 0) == 0

    failing = await setup_entry(hass, whatsminer_entry_for(sim, M60S_HOST, password="wrong"))
    assert failing.state is ConfigEntryState.SETUP_ERROR
    assert await _v3_clients(sim, 0) == 0
    await hass.config_entries.async_remove(failing.entry_id)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "super", CONF_PASSWORD: WHATSMINER_PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert await _v3_clients(sim, 1) == 1

    assert await hass.config_entries.async_unload(result["result"].entry_id)
    assert await _v3_clients(sim, 0) == 0
