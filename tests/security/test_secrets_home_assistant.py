"""No password, pool password or Whatsminer key/token shows anywhere Home Assistant keeps or
prints text: flows, logs (every logger at DEBUG), states and attributes, registries, repair
issues, diagnostics, and the errors that controls raise.

One miner per firmware family goes through everything a user can do to it, failures
included; every text produced is then searched for every secret (and its encodings).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import pytest
from homeassistant.config_entries import (
    SOURCE_REAUTH,
    SOURCE_RECONFIGURE,
    SOURCE_USER,
    ConfigEntry,
)
from homeassistant.const import ATTR_DEVICE_ID, ATTR_ENTITY_ID, CONF_HOST, CONF_PASSWORD
from homeassistant.const import CONF_USERNAME as USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.asic_miner.const import DOMAIN
from tests.integration.conftest import SimFactory, start_whatsminer
from tests.simulator import Fault, SimulatedMiner

from .leaks import (
    ANTMINER_PASSWORD,
    POOL_PASSWORD,
    URL_PASSWORD,
    WHATSMINER_V2_PASSWORD,
    WHATSMINER_V3_PASSWORD,
    WRONG_PASSWORD,
    Secrets,
    as_text,
    exception_texts,
    record_whatsminer_secrets,
)


@dataclass(frozen=True)
class Case:
    model: str
    host: str
    step: str  # the flow's login step
    username: str | None  # asked for in that step (None: the password alone)
    password: str


CASES = {
    "antminer-modern": Case("antminer-s19pro", "127.0.19.10", "credentials", "root", ""),
    "antminer-old": Case("antminer-s9", "127.0.19.11", "credentials", "root", ""),
    "hiveon": Case("hiveon-s9", "127.0.101.80", "credentials", "root", ""),
    "mskminer": Case("mskminer-s19-88", "127.0.102.90", "credentials", "admin", ""),
    "mara": Case("marathon-ks5pro", "127.0.100.160", "credentials", "root", ""),
    "iceriver": Case("iceriver-ks3m", "127.0.105.230", "credentials", "admin", ""),
    "innosilicon": Case("innosilicon-a9", "127.0.105.231", "credentials", "admin", ""),
    "whatsminer-v2": Case("whatsminer-m50s", "127.0.19.20", "whatsminer", None, ""),
    "whatsminer-v3": Case("whatsminer-m60s", "127.0.19.21", "whatsminer", "super", ""),
}
PASSWORDS = {
    "antminer-modern": ANTMINER_PASSWORD,
    "antminer-old": ANTMINER_PASSWORD,
    "hiveon": ANTMINER_PASSWORD,
    "mskminer": ANTMINER_PASSWORD,
    "mara": ANTMINER_PASSWORD,  # MARA's web (digest) login, as the stock one's
    "iceriver": ANTMINER_PASSWORD,  # the panel's login, changed from 12345678
    "innosilicon": ANTMINER_PASSWORD,  # the web API's (JWT) login, changed from admin
    "whatsminer-v2": WHATSMINER_V2_PASSWORD,
    "whatsminer-v3": WHATSMINER_V3_PASSWORD,
}
FAULTS = (Fault.DROP, Fault.GARBAGE, Fault.TRUNCATED, Fault.WRONG_PASSWORD, Fault.DELAY)
POOLS = [
    {"url": "stratum+tcp://pool.invalid:3333", "username": "wallet.rig", "password": POOL_PASSWORD},
    {"url": f"stratum+tcp://wallet.rig:{URL_PASSWORD}@backup.invalid:3333", "username": "w.r"},
]


class Collected:
    """Every text the integration produced during the test."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, value: Any) -> None:
        self.texts.append(value if isinstance(value, str) else as_text(value))

    def flow(self, result: dict[str, Any]) -> dict[str, Any]:
        """A flow step's result as the frontend gets it, but the entry it creates: the
        config entry keeps the password by design."""
        shown = {k: v for k, v in result.items() if k not in ("data", "result", "data_schema")}
        if result["type"] is FlowResultType.FORM:
            # Suggested values go to the frontend: only a field's own input may be echoed.
            shown["suggested"] = {
                str(key.schema): (key.description or {}).get("suggested_value")
                for key in result["data_schema"].schema
                if str(key.schema) != CONF_PASSWORD
            }
        self.add(shown)
        return result

    async def call(self, action: Awaitable[Any]) -> None:
        """Run a control; a failure is expected at times, and its text is collected."""
        try:
            await action
        except HomeAssistantError as err:
            self.texts.extend(exception_texts(err))


async def _start_miner(start_sim: SimFactory, case: Case, password: str) -> SimulatedMiner:
    if case.model.startswith("whatsminer"):
        return await start_whatsminer(
            start_sim, case.model, case.host, password=password, write_api=True
        )
    return await start_sim(case.model, case.host, password=password)


def _login(case: Case, password: str) -> dict[str, str]:
    login = {CONF_PASSWORD: password}
    if case.username is not None:
        login[USER] = case.username
    return login


async def _start_flow(hass: HomeAssistant, entry: ConfigEntry, source: str) -> dict[str, Any]:
    context = {"source": source, "entry_id": entry.entry_id}
    data = entry.data if source == SOURCE_REAUTH else None  # reconfigure: data is user input
    return await hass.config_entries.flow.async_init(DOMAIN, context=context, data=data)


async def _flows(hass: HomeAssistant, case: Case, password: str, seen: Collected) -> ConfigEntry:
    """User flow (a wrong password first), then reauth and reconfigure, each failing once."""
    configure = hass.config_entries.flow.async_configure
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await configure(result["flow_id"], {"next_step_id": "manual"})
    result = seen.flow(await configure(result["flow_id"], {CONF_HOST: case.host}))
    assert result["step_id"] == case.step
    result = seen.flow(await configure(result["flow_id"], _login(case, WRONG_PASSWORD)))
    assert result["errors"] == {"base": "invalid_auth"}
    result = seen.flow(await configure(result["flow_id"], _login(case, password)))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry: ConfigEntry = result["result"]
    await hass.async_block_till_done()

    result = seen.flow(await _start_flow(hass, entry, SOURCE_REAUTH))
    result = seen.flow(await configure(result["flow_id"], {CONF_PASSWORD: WRONG_PASSWORD}))
    assert result["errors"] == {"base": "invalid_auth"}
    result = seen.flow(await configure(result["flow_id"], {CONF_PASSWORD: password}))
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()  # the entry reloads

    result = seen.flow(await _start_flow(hass, entry, SOURCE_RECONFIGURE))
    wrong = {CONF_HOST: case.host, **_login(case, WRONG_PASSWORD)}
    result = seen.flow(await configure(result["flow_id"], wrong))
    assert result["type"] is FlowResultType.FORM, result
    right = {CONF_HOST: case.host, **_login(case, password)}
    result = seen.flow(await configure(result["flow_id"], right))
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    return entry


async def _poll(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """A poll now (the clock is left alone: the simulator's delays and reboots use it)."""
    await entry.runtime_data.async_refresh()
    await hass.async_block_till_done()


async def _set_pools(hass: HomeAssistant, entry: ConfigEntry) -> None:
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.unique_id or ""), entry.entry_id
    )
    assert device is not None
    data = {ATTR_DEVICE_ID: device.id, "pools": POOLS}
    await hass.services.async_call(DOMAIN, "set_pools", data, blocking=True)


async def _controls(hass: HomeAssistant, entry: ConfigEntry, seen: Collected) -> None:
    """Every entity control and action; reboots last (the miner is away for a moment)."""
    entities = er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
    calls: list[tuple[str, str, dict[str, Any]]] = []
    for entity in entities:
        match entity.domain:
            case "switch":
                calls += [("switch", service, {}) for service in ("turn_off", "turn_on")]
            case "number":
                state = hass.states.get(entity.entity_id)
                low = state.attributes["min"] if state else 0
                calls.append(("number", "set_value", {"value": low}))
            case "select":
                calls.append(("select", "select_option", {"option": "low"}))
            case _:
                continue
        calls[-1][2][ATTR_ENTITY_ID] = entity.entity_id
        if entity.domain == "switch":
            calls[-2][2][ATTR_ENTITY_ID] = entity.entity_id
    for domain, service, data in calls:
        await seen.call(hass.services.async_call(domain, service, data, blocking=True))
    await seen.call(_set_pools(hass, entry))
    buttons = [e.entity_id for e in entities if e.domain == "button"]
    for entity_id in buttons:
        data = {ATTR_ENTITY_ID: entity_id}
        await seen.call(hass.services.async_call("button", "press", data, blocking=True))


@pytest.mark.parametrize("name", sorted(CASES))
async def test_no_secret_in_anything_home_assistant_shows(
    hass: HomeAssistant,
    *,
    hass_client: ClientSessionGenerator,
    start_sim: SimFactory,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    enable_custom_integrations: None,
    name: str,
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: ours, Home Assistant's, aiohttp's
    case, password = CASES[name], PASSWORDS[name]
    sim = await _start_miner(start_sim, case, password)
    secrets = Secrets()
    secrets.add_login("miner password", case.username or "admin", password)
    secrets.add("wrong password", WRONG_PASSWORD)
    secrets.add("pool password", POOL_PASSWORD)
    secrets.add("pool password in a URL", URL_PASSWORD)
    record_whatsminer_secrets(sim, secrets, monkeypatch)
    seen = Collected()

    entry = await _flows(hass, case, password, seen)
    await _poll(hass, entry)
    await _controls(hass, entry, seen)
    for fault in FAULTS:
        sim.set_fault(fault, seconds=0.05)
        await _poll(hass, entry)
        await seen.call(_set_pools(hass, entry))  # a control failing under the fault
        sim.clear_faults()
    await hass.async_block_till_done(wait_background_tasks=True)
    await _poll(hass, entry)

    seen.add(await get_diagnostics_for_config_entry(hass, hass_client, entry))
    seen.add([state.as_dict() for state in hass.states.async_all()])
    seen.add(
        [
            e.as_partial_dict
            for e in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        ]
    )
    seen.add(
        [d.dict_repr for d in dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)]
    )
    seen.add([issue.to_json() for issue in ir.async_get(hass).issues.values()])
    seen.add(list(hass.config_entries.flow.async_progress()))
    seen.add(entry.title)
    seen.add(caplog.text)
    for record in caplog.records:
        seen.add(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            seen.texts.extend(exception_texts(record.exc_info[1]))

    if case.model.startswith("whatsminer"):  # the derived secrets were seen, so searched
        assert {"V2 token sign", "V3 token"} & secrets.names()
    assert secrets.leaks("\n".join(seen.texts)) == []
