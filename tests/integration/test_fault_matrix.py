"""The fault matrix (issue 6): each supported family against each fault the simulator injects.

Per cell, with the driver's timeout at 1 s:
- the driver (a Miner of its own, beside Home Assistant's) raises its documented error
  within that timeout;
- in Home Assistant every entity of the entry goes unavailable (never stale, never zero)
  and one line is logged however many polls fail;
- when the fault clears, the entry recovers by itself, its configuration unchanged.
Faults that leave reads alone (a Whatsminer's wrong password or write switch, an Avalon's web
password: their reads need no login) are checked on a control instead; a fault a firmware
cannot have is n/a. The outcomes are printed as a table after the run (fault_matrix.py), and
the README's table must say the same. Addresses: 127.0.21.x, and 127.0.22.x for the new
address of a miner that DHCP moved; the ESP-Miner and Avalon columns 127.0.57.x.
"""

from __future__ import annotations

import asyncio
import ipaddress
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
from homeassistant.helpers import device_registry as dr
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
    MinerCommandError,
    MinerConfig,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
    PoolConfig,
    WriteApiDisabled,
    find_miner,
)
from tests.simulator import Fault
from tests.simulator.avalon import AvalonSim
from tests.simulator.espminer import EspMinerSim
from tests.simulator.families import make_miner

from . import fault_matrix
from .conftest import UPTIME, SimFactory
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
# The home miners: ESP-Miner (a BitAxe Gamma on AxeOS v2.15) and a Canaan Avalon Mini 3.
# Their reads need no login; their entries hold the address alone, as the config flow
# makes them (the Avalon's setpool takes the web login it ships with, admin/admin).
HOME = {
    "gamma": Family("espminer-bitaxe-gamma", "127.0.57.10", "bitaxe_gamma"),
    "mini3": Family("avalon-mini3", "127.0.57.11", "avalon_mini_3"),
}
HOME_TITLES = {"gamma": "Bitaxe Gamma", "mini3": "Avalon Mini 3"}
HERE |= HOME
NEW_HOST |= {"gamma": "127.0.57.20", "mini3": "127.0.57.21"}
NEIGHBOUR = "127.0.21.200"  # the address whose identity "another miner" has (nothing listens)
# The host name a miner's DHCP request carries. Avalons have no documented default one:
# Home Assistant matches them by the MAC of a device it knows (registered_devices).
DHCP_HOSTNAMES = {
    "s19pro": "antminer",
    "s9": "antminer",
    "m50s": "whatsminer",
    "m60s": "whatsminer",
    "gamma": "bitaxe",
    "mini3": "",
}
POOL = PoolConfig("stratum+tcp://pool.invalid:3333", "wallet.rig", "x")

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
    sim: Any  # the family's simulated miner (SimulatedMiner, EspMinerSim, AvalonSim)
    entry: MockConfigEntry
    miner: Miner
    baseline: set[str]  # the entities available before the fault

    @property
    def credentials(self) -> Credentials:
        return _credentials(self.entry)


def _credentials(entry: MockConfigEntry) -> Credentials:
    """The stored login; none for the home miners (the firmware's own, where it has one)."""
    return Credentials(entry.data.get(CONF_USERNAME), entry.data.get(CONF_PASSWORD))


async def _start_cell_miner(start_sim: SimFactory, key: str, family: Family) -> Any:
    if key not in HOME:
        return await start_family(start_sim, family)
    sim = await start_sim(family.model, family.host, password=None)  # the shipped login
    if isinstance(sim, AvalonSim):  # its uptime is on its own (unix) clock
        sim.state.booted_at = sim.clock.time() - UPTIME - 0.5
    return sim


def _entry_for(key: str, sim: Any, family: Family) -> MockConfigEntry:
    if key not in HOME:
        return entry_for_family(sim, family)
    return MockConfigEntry(
        domain=DOMAIN,
        title=HOME_TITLES[key],
        unique_id=format_mac(sim.mac),
        data={CONF_HOST: family.host},
    )


@pytest.fixture
async def cell(
    hass: HomeAssistant,
    start_sim: SimFactory,
    request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
) -> AsyncIterator[Cell]:
    key: str = request.param
    family = HERE[key]
    sim = await _start_cell_miner(start_sim, key, family)
    entry = _entry_for(key, sim, family)
    entry.add_to_hass(hass)
    with patch("custom_components.asic_miner.coordinator.MINER_TIMEOUT", TIMEOUT):
        await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    miner = await find_miner(family.host, credentials=_credentials(entry), timeout=TIMEOUT)
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
    return pytest.mark.parametrize("cell", keys or list(HERE), indirect=True)


@asynccontextmanager
async def _fault(sim: Any, fault: Fault | None) -> AsyncIterator[None]:
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


def _device_id(cell: Cell) -> str:
    device = dr.async_get(cell.hass).async_get_device_by_identifier(
        (DOMAIN, cell.entry.unique_id or ""), cell.entry.entry_id
    )
    assert device is not None
    return device.id


async def _set_pools(cell: Cell) -> None:
    data = {
        "device_id": _device_id(cell),
        "pools": [{"url": POOL.url, "username": POOL.user, "password": POOL.password}],
    }
    await cell.hass.services.async_call(DOMAIN, "set_pools", data, blocking=True)


async def _back_from_reboot(cell: Cell, boots: int) -> None:
    """The simulated miner rebooted (its boot count went past ``boots``) and listens."""
    async with asyncio.timeout(10):
        while cell.sim.state.boots <= boots or not cell.sim.online:  # noqa: ASYNC110
            await asyncio.sleep(0.05)


@_families("mini3")
async def test_wrong_password_avalon(cell: Cell) -> None:
    """An Avalon's reads need no login; the web password its setpool takes was changed on
    the miner: the pool change is refused and asks for it, the entities stay. With the
    password given in the reauthentication, the pools are set (and the miner reboots)."""
    cell.sim.state.web_password = "changed1"
    pools = cell.sim.state.pools[:]
    with pytest.raises(MinerAuthenticationError):
        await cell.miner.send_config(MinerConfig(pools=[POOL]))
    with pytest.raises(HomeAssistantError):
        await _set_pools(cell)
    await _poll(cell)
    assert _available(cell.hass, cell.entry) == cell.baseline
    assert cell.sim.state.pending_pools == {}
    assert cell.sim.state.pools == pools
    (flow,) = _reauth_flows(cell.hass)
    result = await cell.hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_PASSWORD: "changed1"}
    )
    assert result["reason"] == "reauth_successful"
    await cell.hass.async_block_till_done()
    assert cell.entry.data[CONF_PASSWORD] == "changed1"
    boots = cell.sim.state.boots
    with patch("custom_components.asic_miner.coordinator.MINER_TIMEOUT", TIMEOUT):
        await _set_pools(cell)
        await _back_from_reboot(cell, boots)
        await _recovers(cell)
    assert cell.sim.state.pools[0].url == POOL.url  # taken at the reboot
    fault_matrix.record(
        "wrong password",
        cell.key,
        Outcome(
            "MinerAuthenticationError (control: setpool)",
            "available (reads need no login), reauth asked",
            "the password given in the reauth",
        ),
    )


def test_wrong_password_espminer_not_applicable() -> None:
    """ESP-Miner has no login at all."""
    fault_matrix.record("wrong password", "gamma", NOT_APPLICABLE)
    assert fault_matrix.MATRIX["wrong password"]["gamma"] == NOT_APPLICABLE


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
    cell.sim.state.write_api_enabled = False
    driver = await _control_refused(cell, WriteApiDisabled)
    issues = ir.async_get(cell.hass)
    ours = [key for key in issues.issues if key[0] == DOMAIN]
    assert len(ours) == 1, ours
    cell.sim.state.write_api_enabled = True
    freezer.tick(LOGIN_RECHECK_INTERVAL)
    await _poll(cell)
    assert [key for key in issues.issues if key[0] == DOMAIN] == []
    await _recovers(cell)
    fault_matrix.record(
        "write API off",
        cell.key,
        Outcome(driver, "available, repair issue", "next login check"),
    )


def test_write_api_off_not_applicable() -> None:
    """Stock Antminer, ESP-Miner and Avalon firmware have no switch for their writes."""
    for key in ("s19pro", "s9", *HOME):
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
    assert cell.sim.state.mining is False
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
    booted_at = state.booted_at
    started = time.monotonic()
    await _press(cell.hass, "button", "press", f"button.{cell.family.prefix}_reboot")
    took = time.monotonic() - started
    assert took < TIMEOUT + SLACK
    async with asyncio.timeout(5):
        while state.booted_at == booted_at:  # noqa: ASYNC110
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
    """Those are API V2 firmware's: Antminers, API V3, ESP-Miner and the Mini 3 answer their
    writes (an Avalon Q's softon is answered by a closed connection: the Avalon driver
    tests cover it), and only Whatsminers encrypt."""
    for fault in (
        "write answered by silence",
        "reboot answered by silence",
        "wrong password, double-encoded refusal",
        "empty encrypted answer",
    ):
        for key in ("s19pro", "s9", "m60s", *HOME):
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
    if cell.key in HOME:  # their uptime sensor is off by default: the driver's reading
        after = (await cell.miner.get_data()).uptime
        assert after is not None
        assert after < 60
    fault_matrix.record(
        "reboot during a poll",
        cell.key,
        Outcome(
            f"{type(driver_result).__name__} ({took:.1f} s)",
            "unavailable, logged once",
            "next poll after the reboot",
        ),
    )


class _EspMinerWithIdentity(EspMinerSim):
    """A simulated ESP-Miner with another one's MAC: the same device at another address,
    or another device where that one was (the simulator derives a MAC from the address)."""

    def __init__(self, model: str, address: str, identity: Any, **options: Any) -> None:
        super().__init__(model, address, **options)
        self._identity = identity

    @property
    def mac(self) -> str:
        return str(self._identity.mac)


class _AvalonWithIdentity(AvalonSim):
    """A simulated Avalon with another one's MAC and chip DNA (as above)."""

    def __init__(self, model: str, address: str, identity: Any, **options: Any) -> None:
        super().__init__(model, address, **options)
        self._identity = identity

    @property
    def mac(self) -> str:
        return str(self._identity.mac)

    @property
    def dna(self) -> str:
        return str(self._identity.dna)


@pytest.fixture
async def borrowed(hass: HomeAssistant) -> AsyncIterator[list[Any]]:
    """Simulated home miners started by the test; stopped once our entries are unloaded."""
    started: list[Any] = []
    yield started
    for entry in hass.config_entries.async_entries(DOMAIN):
        if entry.state is ConfigEntryState.LOADED:
            await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    for sim in started:
        await sim.stop()


async def _start_like(
    start_sim: SimFactory, borrowed: list[Any], cell: Cell, host: str, identity: str
) -> Any:
    """Another simulated miner of the same model at ``host`` with ``identity``'s MAC."""
    if cell.key not in HOME:
        same_model = await start_family(start_sim, replace(cell.family, host=host))
        same_model.identity_address = identity
        return same_model
    # The home miners' simulators derive their MAC from their address: this one borrows it.
    like = cell.sim if identity == cell.family.host else make_miner(cell.family.model, identity)
    kind = _AvalonWithIdentity if isinstance(cell.sim, AvalonSim) else _EspMinerWithIdentity
    other = kind(cell.family.model, host, like, reboot_seconds=0.5)
    await other.start()
    borrowed.append(other)
    return other


@_families()
async def test_another_miner_at_the_address(
    cell: Cell,
    start_sim: SimFactory,
    borrowed: list[Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """DHCP gave the address to another miner of the same model: its values are not shown
    under this miner's name; when the miner is back, so are its values."""
    await cell.sim.go_offline()
    stranger = await _start_like(start_sim, borrowed, cell, cell.family.host, NEIGHBOUR)
    data = await cell.miner.get_data()
    assert data.mac
    assert format_mac(data.mac) == format_mac(stranger.mac) != format_mac(cell.sim.mac)
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
    borrowed: list[Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The miner comes back at another address: unavailable at the old one; its DHCP
    request moves the entry to the new one, with everything else as it was."""
    old_host = cell.family.host
    await cell.sim.go_offline()
    moved = await _start_like(start_sim, borrowed, cell, NEW_HOST[cell.key], old_host)
    driver = await _driver_error(cell, MinerConnectionError)
    shown = await _unavailable_while(cell, caplog)
    data = dict(cell.entry.data)

    result = await cell.hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_DHCP},
        data=DhcpServiceInfo(
            ip=moved.address,
            hostname=DHCP_HOSTNAMES[cell.key],
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


@_families("s19pro", "s9", "mini3")
async def test_json_closed_plain_text_only(cell: Cell, caplog: pytest.LogCaptureFixture) -> None:
    """The daemon starts closing JSON requests at once (quirk plain-text-only; Avalon
    builds do): the driver asks again in cgminer's plain-text form and keeps to it."""
    in_json = await cell.miner.get_data()
    cell.sim.quirks = (*cell.sim.quirks, "plain-text-only")
    data = await cell.miner.get_data()
    assert format_mac(data.mac or "") == format_mac(cell.sim.mac)
    assert (data.model, data.api_ver, data.fw_ver) == (
        in_json.model,
        in_json.api_ver,
        in_json.fw_ver,
    )
    assert data.api_ver is not None
    assert data.hashrate
    shown = await _keeps_reading(cell, caplog)
    cell.sim.quirks = tuple(q for q in cell.sim.quirks if q != "plain-text-only")
    await _recovers(cell)
    fault_matrix.record(
        "JSON closed, plain text answered",
        cell.key,
        Outcome("no error: asked again in plain text", shown, "stays on plain text"),
    )


def test_api_port_rows_not_applicable() -> None:
    """Whatsminers' API is the only way to read them (V2), or has a port of its own (V3:
    4433); their daemons answer JSON. ESP-Miner has no RPC port (HTTP alone); an Avalon
    has no web interface to read instead of 4028."""
    for row in ("API port off", "JSON closed, plain text answered"):
        for key in ("m50s", "m60s", "gamma"):
            fault_matrix.record(row, key, NOT_APPLICABLE)
    fault_matrix.record("API port off", "mini3", NOT_APPLICABLE)
    assert fault_matrix.MATRIX["API port off"]["m60s"] == NOT_APPLICABLE


@_families("gamma")
async def test_client_outside_the_private_ranges(
    cell: Cell, caplog: pytest.LogCaptureFixture
) -> None:
    """ESP-Miner v2.6 on answers 401 to a client outside 10/8, 172.16/12 and 192.168/16
    (is_network_allowed): no login would help, so no reauth is asked; the entities go
    unavailable until the miner takes the client again."""
    cell.sim.lan = ipaddress.IPv4Network("127.0.99.0/24")  # loopback no longer counts as LAN
    driver = await _driver_error(cell, MinerCommandError)
    shown = await _unavailable_while(cell, caplog)
    assert "private address ranges" in _our_warnings(caplog)[0].getMessage()
    assert _reauth_flows(cell.hass) == []
    cell.sim.lan = ipaddress.IPv4Network("127.0.0.0/8")
    recovered = await _recovers(cell)
    fault_matrix.record(
        "answered 401: client outside the private ranges",
        cell.key,
        Outcome(driver, shown + " (the reason named), no reauth", recovered),
    )


def test_private_ranges_row_not_applicable() -> None:
    """Only ESP-Miner checks where its clients are."""
    for key in ("s19pro", "s9", "m50s", "m60s", "mini3"):
        fault_matrix.record("answered 401: client outside the private ranges", key, NOT_APPLICABLE)
    assert fault_matrix.MATRIX["answered 401: client outside the private ranges"]["s9"] == (
        NOT_APPLICABLE
    )


def test_the_readme_shows_what_was_measured() -> None:
    """Run last: with every cell measured, the README's table says the same (timings may
    differ by run, so they are compared as "(… s)")."""
    missing = fault_matrix.missing_cells()
    if missing:
        pytest.skip(f"not every cell ran (-k, or a failure): {missing[:3]}")
    assert fault_matrix.same_but_timings(fault_matrix.readme_table(), fault_matrix.markdown())
