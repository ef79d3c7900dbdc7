"""No pool password or Avalon web password shows anywhere Home Assistant keeps or prints
text for the home miners (ESP-Miner, Canaan Avalon): flows, logs (every logger at DEBUG),
states and attributes, registries, repair issues, diagnostics, and the errors the pool
action raises.

Each miner is added as a user adds it (no login asked: reads need none), its pools are set
with the set_pools action, also while replies are dropped, garbled, cut short or slow. An
Avalon's web password was changed on the miner: the first pool change asks for it, a
mistyped one is given first (the reauthentication takes it unchecked: only setpool checks
it), then the right one. The Avalon Q lists each pool's password in its pools reply.
Miners on 127.0.58.100-109.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER, ConfigEntry
from homeassistant.const import ATTR_DEVICE_ID, CONF_HOST, CONF_PASSWORD
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
from tests.integration.conftest import SimFactory
from tests.simulator import Fault
from tests.simulator.avalon import AvalonSim

from .leaks import POOL_PASSWORD, WRONG_PASSWORD, Secrets, as_text, exception_texts

WEB_PASSWORD = "AvWebPw5Hq"  # set on the Avalon in place of the shipped admin/admin
FALLBACK_PASSWORD = "PoolPw6Fk2mZ"
POOLS = [
    {"url": "stratum+tcp://pool.invalid:3333", "username": "wallet.rig", "password": POOL_PASSWORD},
    {"url": "stratum+tcp://backup.invalid:3334", "username": "w.r", "password": FALLBACK_PASSWORD},
]
FAULTS = (Fault.DROP, Fault.GARBAGE, Fault.TRUNCATED, Fault.DELAY)


@dataclass(frozen=True)
class Case:
    model: str
    host: str
    pool_slots: int  # how many pools set_pools gives it


CASES = {
    "bitaxe-gamma": Case("espminer-bitaxe-gamma", "127.0.58.100", 2),
    "nerdqaxe": Case("espminer-nerdqaxe-pp", "127.0.58.101", 2),
    "avalon-mini3": Case("avalon-mini3", "127.0.58.102", 2),
    "avalon-q": Case("avalon-q", "127.0.58.103", 2),
    "avalon-a1566": Case("avalon-a1566", "127.0.58.104", 1),
}

pytestmark = pytest.mark.usefixtures("enable_custom_integrations")


class Collected:
    """Every text the integration produced during the test."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, value: Any) -> None:
        self.texts.append(value if isinstance(value, str) else as_text(value))

    def flow[R: Mapping[str, Any]](self, result: R) -> R:
        """A flow step as the frontend gets it (the entry it creates keeps the password by
        design: config entries are where Home Assistant stores logins)."""
        self.add({k: v for k, v in result.items() if k not in ("data", "result", "data_schema")})
        return result

    async def call(self, action: Any) -> bool:
        """Run an action; a failure's text (and chain) is collected. True if it worked."""
        try:
            await action
        except HomeAssistantError as err:
            self.texts.extend(exception_texts(err))
            return False
        return True


async def _add(hass: HomeAssistant, host: str, seen: Collected) -> ConfigEntry:
    """The user flow: the address, and no login asked."""
    configure = hass.config_entries.flow.async_configure
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await configure(result["flow_id"], {"next_step_id": "manual"})
    result = seen.flow(await configure(result["flow_id"], {CONF_HOST: host}))
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    return entry


async def _poll(hass: HomeAssistant, entry: ConfigEntry) -> None:
    await entry.runtime_data.async_refresh()
    await hass.async_block_till_done()


async def _set_pools(hass: HomeAssistant, entry: ConfigEntry, case: Case) -> None:
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.unique_id or ""), entry.entry_id
    )
    assert device is not None
    data = {ATTR_DEVICE_ID: device.id, "pools": POOLS[: case.pool_slots]}
    await hass.services.async_call(DOMAIN, "set_pools", data, blocking=True)


async def _answer_reauth(hass: HomeAssistant, password: str, seen: Collected) -> None:
    (flow,) = [
        flow
        for flow in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if flow["context"]["source"] == SOURCE_REAUTH
    ]
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_PASSWORD: password}
    )
    seen.flow(result)
    await hass.async_block_till_done()  # the entry reloads


async def _back(sim: Any) -> None:
    """Back from the reboot a pool change causes (or still up)."""
    await asyncio.sleep(0.3)
    async with asyncio.timeout(10):
        while not sim.online:  # noqa: ASYNC110
            await asyncio.sleep(0.05)


def _pool_passwords_taken(sim: Any) -> set[str]:
    state = sim.state
    if isinstance(sim, AvalonSim):
        return {slot.password for slot in [*state.pools, *state.pending_pools.values()]}
    return {slot.password for slot in state.pools.values()}


async def _set_pools_as_a_user(
    hass: HomeAssistant, entry: ConfigEntry, case: Case, sim: Any, seen: Collected
) -> None:
    """The pools set; an Avalon asks for its web password first (a mistyped one, then
    the right one)."""
    if isinstance(sim, AvalonSim):
        for password in (WRONG_PASSWORD, WEB_PASSWORD):
            assert not await seen.call(_set_pools(hass, entry, case))  # the login refused
            await _answer_reauth(hass, password, seen)
    assert await seen.call(_set_pools(hass, entry, case))
    await _back(sim)
    assert POOL_PASSWORD in _pool_passwords_taken(sim)  # the secret did travel


async def _collect_everything(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    entry: ConfigEntry,
    caplog: pytest.LogCaptureFixture,
    seen: Collected,
) -> None:
    seen.add(await get_diagnostics_for_config_entry(hass, hass_client, entry))
    seen.add([state.as_dict() for state in hass.states.async_all()])
    registry = er.async_get(hass)
    seen.add(
        [e.as_partial_dict for e in er.async_entries_for_config_entry(registry, entry.entry_id)]
    )
    devices = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    seen.add([device.dict_repr for device in devices])
    seen.add([issue.to_json() for issue in ir.async_get(hass).issues.values()])
    seen.add(list(hass.config_entries.flow.async_progress()))
    seen.add(entry.title)
    seen.add(caplog.text)
    for record in caplog.records:
        seen.add(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            seen.texts.extend(exception_texts(record.exc_info[1]))


@pytest.mark.parametrize("name", sorted(CASES))
async def test_no_secret_in_anything_home_assistant_shows(
    hass: HomeAssistant,
    *,
    hass_client: ClientSessionGenerator,
    start_sim: SimFactory,
    caplog: pytest.LogCaptureFixture,
    name: str,
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: ours, Home Assistant's, aiohttp's
    case = CASES[name]
    sim: Any = await start_sim(case.model, case.host, password=WEB_PASSWORD)
    secrets = Secrets()
    secrets.add("pool password", POOL_PASSWORD)
    secrets.add("fallback pool password", FALLBACK_PASSWORD)
    secrets.add("web password", WEB_PASSWORD)
    secrets.add("mistyped web password", WRONG_PASSWORD)
    seen = Collected()

    entry = await _add(hass, case.host, seen)
    await _poll(hass, entry)
    await _set_pools_as_a_user(hass, entry, case, sim, seen)
    await _poll(hass, entry)
    for fault in FAULTS:
        sim.set_fault(fault, seconds=0.05)
        await _poll(hass, entry)
        await seen.call(_set_pools(hass, entry, case))  # the action under the fault
        sim.clear_faults()
        await _back(sim)
    await hass.async_block_till_done(wait_background_tasks=True)
    await _poll(hass, entry)
    if case.model == "avalon-q":  # after its reboot it lists the passwords set
        assert POOL_PASSWORD in {slot.password for slot in sim.state.pools}

    await _collect_everything(hass, hass_client, entry, caplog, seen)
    assert secrets.leaks("\n".join(seen.texts)) == []
