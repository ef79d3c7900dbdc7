"""The fault matrix (issue 6): each supported family against each fault the simulator injects.

Per cell, with the driver's timeout at 1 s:
- the driver (a Miner of its own, beside Home Assistant's) raises its documented error
  within that timeout;
- in Home Assistant every entity of the entry goes unavailable (never stale, never zero)
  and one line is logged however many polls fail;
- when the fault clears, the entry recovers by itself, its configuration unchanged.
Faults that leave reads alone (a Whatsminer's wrong password or write switch: its reads need
no login) are checked on a control instead; a fault a firmware cannot have is n/a. The outcomes
are printed as a table after the run (fault_matrix.py). Addresses: 127.0.21.x, and 127.0.22.x
for the new address of a miner that DHCP moved.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any
from unittest.mock import patch

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_DHCP, SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import DOMAIN, LOGIN_RECHECK_INTERVAL
from custom_components.asic_miner.driver import (
    AsicMinerError,
    ConnectionDroppedError,
    Credentials,
    Miner,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
    WriteApiDisabled,
    find_miner,
)
from tests.simulator import Fault, SimulatedMiner

from . import fault_matrix
from .conftest import SimFactory
from .fault_matrix import NOT_APPLICABLE, Outcome
from .miners import FAMILIES, Family, entry_for_family, start_family

TIMEOUT = 1.0  # s: the driver's timeout here (Home Assistant's is MINER_TIMEOUT, 10 s)
SLACK = 1.0  # s beyond it that a busy 2-core machine may add before the error is raised
POLLS = 2  # failed polls per fault: still one log line
HERE = {
    key: replace(family, host=f"127.0.21.{10 + n}")
    for n, (key, family) in enumerate(FAMILIES.items())
}
NEW_HOST = {key: f"127.0.22.{10 + n}" for n, key in enumerate(FAMILIES)}
NEIGHBOUR = "127.0.21.200"  # the address whose identity "another miner" has (nothing listens)

# The faults of one poll: what the driver raises.
POLL_FAULTS: dict[str, tuple[Fault | None, type[AsicMinerError]]] = {
    "refused": (None, MinerConnectionError),
    "silence": (Fault.SILENCE, MinerTimeoutError),
    "delay beyond the timeout": (Fault.DELAY, MinerTimeoutError),
    "reset mid-reply": (Fault.DROP, ConnectionDroppedError),
    "garbage": (Fault.GARBAGE, MinerProtocolError),
    "truncated JSON": (Fault.TRUNCATED, MinerProtocolError),
}


# API V3 frames carry their length: a frame cut short is a connection dropped mid-reply.
FAMILY_ERRORS: dict[tuple[str, str], type[AsicMinerError]] = {
    ("m60s", "truncated JSON"): ConnectionDroppedError,
}


@dataclass
class Cell:
    """One family's miner, set up in Home Assistant, and a driver Miner of its own."""

    hass: HomeAssistant
    key: str
    family: Family
    sim: SimulatedMiner
    entry: MockConfigEntry
    miner: Miner
    baseline: set[str]  # the entities available before the fault

    @property
    def credentials(self) -> Credentials:
        return Credentials(self.entry.data[CONF_USERNAME], self.entry.data[CONF_PASSWORD])


@pytest.fixture
async def cell(
    hass: HomeAssistant,
    start_sim: SimFactory,
    request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
) -> AsyncIterator[Cell]:
    key: str = request.param
    family = HERE[key]
    sim = await start_family(start_sim, family)
    entry = entry_for_family(sim, family)
    entry.add_to_hass(hass)
    with patch("custom_components.asic_miner.coordinator.MINER_TIMEOUT", TIMEOUT):
        await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    credentials = Credentials(entry.data[CONF_USERNAME], entry.data[CONF_PASSWORD])
    miner = await find_miner(family.host, credentials=credentials, timeout=TIMEOUT)
    await miner.get_data()
    baseline = _available(hass, entry)
    assert baseline
    caplog.set_level(logging.INFO)
    try:
        yield Cell(hass, key, family, sim, entry, miner, baseline)
    finally:
        await miner.close()


def _states(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, str]:
    registry = er.async_get(hass)
    return {
        item.entity_id: hass.states.get(item.entity_id).state  # type: ignore[union-attr]
        for item in er.async_entries_for_config_entry(registry, entry.entry_id)
        if not item.disabled
    }


def _available(hass: HomeAssistant, entry: MockConfigEntry) -> set[str]:
    return {e for e, state in _states(hass, entry).items() if state != STATE_UNAVAILABLE}


async def _driver_error(cell: Cell, expected: type[AsicMinerError]) -> str:
    """The driver's poll fails with ``expected`` within its timeout: "Error (0.4 s)"."""
    started = time.monotonic()
    with pytest.raises(expected) as caught:
        await cell.miner.get_data()
    took = time.monotonic() - started
    assert took < TIMEOUT + SLACK, f"{type(caught.value).__name__} after {took:.1f} s"
    return f"{type(caught.value).__name__} ({took:.1f} s)"


def _our_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("custom_components.asic_miner")
    ]


async def _unavailable_while(cell: Cell, caplog: pytest.LogCaptureFixture) -> str:
    """Polls fail: every entity unavailable, one line logged since the fault began (a poll
    may already have run meanwhile)."""
    for _ in range(POLLS):
        await _poll(cell)
        states = _states(cell.hass, cell.entry)
        assert set(states.values()) == {STATE_UNAVAILABLE}, states
    logged = _our_warnings(caplog)
    assert len(logged) == 1, [r.getMessage() for r in logged]
    return "unavailable, logged once"


async def _recovers(cell: Cell) -> str:
    """The fault is gone: the next poll brings every entity back, nothing lost."""
    data = dict(cell.entry.data)
    await _poll(cell)
    assert cell.entry.state is ConfigEntryState.LOADED
    assert _available(cell.hass, cell.entry) == cell.baseline
    assert dict(cell.entry.data) == data
    await cell.miner.get_data()  # the driver needs nothing either
    return "next poll"


async def _poll(cell: Cell) -> None:
    """One poll, as the coordinator's timer runs it (real time: the driver's timeouts run
    on the event loop's clock, which a frozen clock would stop)."""
    await cell.entry.runtime_data.async_refresh()
    await cell.hass.async_block_till_done(wait_background_tasks=True)


def _families(*keys: str) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("cell", keys or list(FAMILIES), indirect=True)


@asynccontextmanager
async def _fault(sim: SimulatedMiner, fault: Fault | None) -> AsyncIterator[None]:
    if fault is None:
        await sim.go_offline()
    else:
        sim.set_fault(fault, seconds=TIMEOUT * 3)
    try:
        yield
    finally:
        if fault is None:
            await sim.come_back()
        else:
            sim.clear_faults()


@pytest.mark.parametrize("name", list(POLL_FAULTS))
@_families()
async def test_poll_faults(cell: Cell, name: str, caplog: pytest.LogCaptureFixture) -> None:
    fault, expected = POLL_FAULTS[name]
    expected = FAMILY_ERRORS.get((cell.key, name), expected)
    async with _fault(cell.sim, fault):
        driver = await _driver_error(cell, expected)
        shown = await _unavailable_while(cell, caplog)
    recovered = await _recovers(cell)
    fault_matrix.record(name, cell.key, Outcome(driver, shown, recovered))


def _reauth_flows(hass: HomeAssistant) -> list[Any]:
    return [
        flow
        for flow in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if flow["context"]["source"] == SOURCE_REAUTH
    ]


@_families("s19pro", "s9")
async def test_wrong_password_antminer(cell: Cell, caplog: pytest.LogCaptureFixture) -> None:
    """Antminer reads need the login: unavailable and reauth asked; polls go on, so the
    entry recovers (and the reauth goes) once the miner takes the stored login again."""
    cell.sim.set_fault(Fault.WRONG_PASSWORD)
    driver = await _driver_error(cell, MinerAuthenticationError)
    shown = await _unavailable_while(cell, caplog)
    assert len(_reauth_flows(cell.hass)) == 1
    cell.sim.clear_faults()
    recovered = await _recovers(cell)
    assert _reauth_flows(cell.hass) == []
    fault_matrix.record(
        "wrong password",
        cell.key,
        Outcome(driver, shown + ", reauth asked", recovered + ", reauth withdrawn"),
    )


async def _switch_on(hass: HomeAssistant, entity_id: str) -> None:
    await hass.services.async_call("switch", "turn_on", {"entity_id": entity_id}, blocking=True)


async def _control_refused(cell: Cell, expected: type[AsicMinerError]) -> str:
    """Reads go on (entities stay available); the fault light control is refused."""
    with pytest.raises(expected):
        await cell.miner.fault_light_on()
    await _poll(cell)
    assert _available(cell.hass, cell.entry) == cell.baseline
    with pytest.raises(HomeAssistantError):
        await _switch_on(cell.hass, f"switch.{cell.family.prefix}_fault_light")
    return expected.__name__ + " (control)"


@_families("m50s", "m60s")
async def test_wrong_password_whatsminer(cell: Cell) -> None:
    """Whatsminer reads need no login: the entities stay; a control is refused and asks for
    the password; once the miner takes it again, controls work."""
    cell.sim.set_fault(Fault.WRONG_PASSWORD)
    driver = await _control_refused(cell, MinerAuthenticationError)
    assert len(_reauth_flows(cell.hass)) == 1
    cell.sim.clear_faults()
    await _switch_on(cell.hass, f"switch.{cell.family.prefix}_fault_light")
    await cell.miner.fault_light_off()
    await _recovers(cell)
    fault_matrix.record(
        "wrong password",
        cell.key,
        Outcome(driver, "available (reads need no login), reauth asked", "next control"),
    )


@_families("m50s", "m60s")
async def test_write_api_off(cell: Cell, freezer: FrozenDateTimeFactory) -> None:
    """The miner's write switch turned off: a repair issue says so; reads go on; once the
    switch is on again, the next login check clears the issue by itself."""
    cell.sim.state.write_api_enabled = False  # type: ignore[attr-defined]
    driver = await _control_refused(cell, WriteApiDisabled)
    issues = ir.async_get(cell.hass)
    ours = [key for key in issues.issues if key[0] == DOMAIN]
    assert len(ours) == 1, ours
    cell.sim.state.write_api_enabled = True  # type: ignore[attr-defined]
    freezer.tick(LOGIN_RECHECK_INTERVAL)
    await _poll(cell)
    assert [key for key in issues.issues if key[0] == DOMAIN] == []
    await _recovers(cell)
    fault_matrix.record(
        "write API off",
        cell.key,
        Outcome(driver, "available, repair issue", "next login check"),
    )


def test_write_api_off_antminer_not_applicable() -> None:
    """Stock Antminer firmware has no switch for its writes."""
    for key in ("s19pro", "s9"):
        fault_matrix.record("write API off", key, NOT_APPLICABLE)
    assert fault_matrix.MATRIX["write API off"]["s9"] == NOT_APPLICABLE


def _timed(started: float) -> str:
    return f"{time.monotonic() - started:.1f} s"


async def _press(hass: HomeAssistant, domain: str, service: str, entity_id: str) -> None:
    await hass.services.async_call(domain, service, {"entity_id": entity_id}, blocking=True)


@_families("m50s")
async def test_write_answered_by_silence(cell: Cell) -> None:
    """Firmware that stops mining without answering (issue 11): the control reads the
    mining state back; no error, the switch shows off."""
    cell.sim.quirks = ("write-silent-close",)
    started = time.monotonic()
    await cell.miner.stop_mining()
    driver = f"none, read back ({_timed(started)})"
    await cell.miner.resume_mining()
    mining = f"switch.{cell.family.prefix}_mining"
    await _press(cell.hass, "switch", "turn_off", mining)
    assert cell.hass.states.get(mining).state == "off"  # type: ignore[union-attr]
    assert cell.sim.state.mining is False  # type: ignore[attr-defined]
    await _press(cell.hass, "switch", "turn_on", mining)
    await _recovers(cell)
    fault_matrix.record(
        "write answered by silence",
        cell.key,
        Outcome(driver, "no error, the switch shows off", "next poll"),
    )


@_families("m50s")
async def test_reboot_answered_by_silence(cell: Cell) -> None:
    """A reboot taken and the connection left open without a byte: a reboot, after the
    answer's wait (at most 3 s, the timeout here), not a timeout error."""
    cell.sim.quirks = ("reboot-silent-open",)
    state = cell.sim.state
    booted_at = state.booted_at  # type: ignore[attr-defined]
    started = time.monotonic()
    await _press(cell.hass, "button", "press", f"button.{cell.family.prefix}_reboot")
    took = time.monotonic() - started
    assert took < TIMEOUT + SLACK
    async with asyncio.timeout(5):
        while state.booted_at == booted_at:  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    await _recovers(cell)
    fault_matrix.record(
        "reboot answered by silence",
        cell.key,
        Outcome(f"none ({took:.1f} s)", "no error", "next poll after the reboot"),
    )


@_families("m50s")
async def test_wrong_password_double_encoded(cell: Cell) -> None:
    """A wrong password refused with a double-encoded frame: asks for the password."""
    cell.sim.quirks = ("double-encoded-refusal",)
    cell.sim.set_fault(Fault.WRONG_PASSWORD)
    driver = await _control_refused(cell, MinerAuthenticationError)
    assert len(_reauth_flows(cell.hass)) == 1
    cell.sim.clear_faults()
    await cell.miner.fault_light_off()
    await _recovers(cell)
    fault_matrix.record(
        "wrong password, double-encoded refusal",
        cell.key,
        Outcome(driver, "available, reauth asked", "next control"),
    )


@_families("m50s")
async def test_empty_encrypted_answer(cell: Cell) -> None:
    """Writes answered with an empty encrypted body: read back, no reauthentication."""
    cell.sim.quirks = ("empty-write-reply",)
    started = time.monotonic()
    await cell.miner.fault_light_on()
    driver = f"none, read back ({_timed(started)})"
    light = f"switch.{cell.family.prefix}_fault_light"
    await _press(cell.hass, "switch", "turn_off", light)
    await _press(cell.hass, "switch", "turn_on", light)
    assert cell.hass.states.get(light).state == "on"  # type: ignore[union-attr]
    assert _reauth_flows(cell.hass) == []
    await _recovers(cell)
    fault_matrix.record(
        "empty encrypted answer",
        cell.key,
        Outcome(driver, "no error, no reauth, the switch shows on", "next poll"),
    )


def test_odd_write_answers_not_applicable() -> None:
    """Those are API V2 firmware's: Antminers and API V3 answer their writes."""
    for fault in (
        "write answered by silence",
        "reboot answered by silence",
        "wrong password, double-encoded refusal",
        "empty encrypted answer",
    ):
        for key in ("s19pro", "s9", "m60s"):
            fault_matrix.record(fault, key, NOT_APPLICABLE)
    assert fault_matrix.MATRIX["empty encrypted answer"]["m60s"] == NOT_APPLICABLE


@_families()
async def test_reboot_during_a_poll(cell: Cell, caplog: pytest.LogCaptureFixture) -> None:
    """The miner reboots while a poll waits for its answer: the poll fails at once, the
    entities go unavailable, and they come back with the uptime reset."""
    cell.sim.reboot_seconds = 1.0
    cell.sim.set_fault(Fault.DELAY, seconds=0.5)
    coordinator = cell.entry.runtime_data
    caplog.clear()
    in_flight = [
        asyncio.ensure_future(cell.miner.get_data()),
        asyncio.ensure_future(coordinator.async_refresh()),
    ]
    await asyncio.sleep(0.2)
    started = time.monotonic()
    reboot = asyncio.ensure_future(cell.sim.reboot())
    driver_result, _ = await asyncio.gather(*in_flight, return_exceptions=True)
    assert isinstance(driver_result, MinerConnectionError), driver_result
    took = time.monotonic() - started
    assert took < 0.5 + SLACK
    states = _states(cell.hass, cell.entry)
    assert set(states.values()) == {STATE_UNAVAILABLE}, states
    assert len(_our_warnings(caplog)) == 1
    cell.sim.clear_faults()
    await reboot
    await _recovers(cell)
    uptime = cell.hass.states.get(f"sensor.{cell.family.prefix}_uptime")
    if uptime is not None and cell.key in ("s19pro", "s9"):
        assert float(uptime.state) < 60  # counted from the reboot
    fault_matrix.record(
        "reboot during a poll",
        cell.key,
        Outcome(
            f"{type(driver_result).__name__} ({took:.1f} s)",
            "unavailable, logged once",
            "next poll after the reboot",
        ),
    )


async def _start_like(
    start_sim: SimFactory, cell: Cell, host: str, identity: str
) -> SimulatedMiner:
    """Another simulated miner of the same model at ``host`` with ``identity``'s MAC."""
    other = await start_family(start_sim, replace(cell.family, host=host))
    other.identity_address = identity
    return other


@_families()
async def test_another_miner_at_the_address(
    cell: Cell,
    start_sim: SimFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """DHCP gave the address to another miner of the same model: its values are not shown
    under this miner's name; when the miner is back, so are its values."""
    await cell.sim.go_offline()
    stranger = await _start_like(start_sim, cell, cell.family.host, NEIGHBOUR)
    data = await cell.miner.get_data()
    assert data.mac
    assert data.mac.upper() == stranger.mac.upper() != cell.sim.mac.upper()
    shown = await _unavailable_while(cell, caplog)
    # Named as the device page shows MACs (upper-case), so the user can match them.
    assert format_mac(stranger.mac).upper() in _our_warnings(caplog)[0].getMessage()
    await stranger.stop()
    await cell.sim.come_back()
    recovered = await _recovers(cell)
    fault_matrix.record(
        "another miner at the address",
        cell.key,
        Outcome("reads the other miner", shown + " (MAC named)", recovered),
    )


@_families()
async def test_new_address_by_dhcp(
    cell: Cell,
    start_sim: SimFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The miner comes back at another address: unavailable at the old one; its DHCP
    request moves the entry to the new one, with everything else as it was."""
    old_host = cell.family.host
    await cell.sim.go_offline()
    moved = await _start_like(start_sim, cell, NEW_HOST[cell.key], old_host)
    driver = await _driver_error(cell, MinerConnectionError)
    shown = await _unavailable_while(cell, caplog)
    data = dict(cell.entry.data)

    result = await cell.hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_DHCP},
        data=DhcpServiceInfo(
            ip=moved.address,
            hostname="antminer" if cell.key in ("s19pro", "s9") else "whatsminer",
            macaddress=moved.mac.replace(":", "").lower(),
        ),
    )
    await cell.hass.async_block_till_done(wait_background_tasks=True)
    assert result["reason"] == "already_configured"
    assert dict(cell.entry.data) == {**data, CONF_HOST: moved.address}
    assert cell.entry.state is ConfigEntryState.LOADED
    assert _available(cell.hass, cell.entry) == cell.baseline
    fault_matrix.record(
        "new address by DHCP",
        cell.key,
        Outcome(driver + " (old address)", shown, "its DHCP request"),
    )


async def _keeps_reading(cell: Cell, caplog: pytest.LogCaptureFixture) -> str:
    """Polls go on: every entity as available as before, nothing logged."""
    caplog.clear()
    for _ in range(POLLS):
        await _poll(cell)
        assert _available(cell.hass, cell.entry) == cell.baseline
    assert _our_warnings(caplog) == []
    return "available, nothing logged"


@_families("s19pro", "s9")
async def test_api_port_off(cell: Cell, caplog: pytest.LogCaptureFixture) -> None:
    """Port 4028 switched off (quirk api-port-off): the web serves every figure; once the
    port is on again, the next poll reads it."""
    await cell.sim.set_api_port(False)
    data = await cell.miner.get_data()
    assert (data.mac, data.api_ver) == (cell.sim.mac, None)
    assert data.hashrate
    shown = await _keeps_reading(cell, caplog)
    await cell.sim.set_api_port(True)
    assert (await cell.miner.get_data()).api_ver == "3.1"
    await _recovers(cell)
    fault_matrix.record(
        "API port off",
        cell.key,
        Outcome("no error: every figure from the web", shown, "4028 again at the next poll"),
    )


@_families("s19pro", "s9")
async def test_json_closed_plain_text_only(cell: Cell, caplog: pytest.LogCaptureFixture) -> None:
    """The daemon starts closing JSON requests at once (quirk plain-text-only): the driver
    asks again in cgminer's plain-text form and keeps to it."""
    cell.sim.quirks = (*cell.sim.quirks, "plain-text-only")
    data = await cell.miner.get_data()
    assert (data.mac, data.api_ver) == (cell.sim.mac, "3.1")
    shown = await _keeps_reading(cell, caplog)
    cell.sim.quirks = tuple(q for q in cell.sim.quirks if q != "plain-text-only")
    await _recovers(cell)
    fault_matrix.record(
        "JSON closed, plain text answered",
        cell.key,
        Outcome("no error: asked again in plain text", shown, "stays on plain text"),
    )


def test_api_port_rows_whatsminer_not_applicable() -> None:
    """Whatsminers' API is the only way to read them (V2), or has a port of its own (V3:
    4433); their daemons answer JSON."""
    for row in ("API port off", "JSON closed, plain text answered"):
        for key in ("m50s", "m60s"):
            fault_matrix.record(row, key, NOT_APPLICABLE)
    assert fault_matrix.MATRIX["API port off"]["m60s"] == NOT_APPLICABLE
