"""The fault matrix (issue 6): each supported family against each fault the simulator injects.

Per cell, with the driver's timeout at 1 s:
- the driver (a Miner of its own, beside Home Assistant's) raises its documented error
  within that timeout;
- in Home Assistant every entity of the entry goes unavailable (never stale, never zero)
  and one line is logged however many polls fail;
- when the fault clears, the entry recovers by itself, its configuration unchanged.
Faults that leave reads alone (a Whatsminer's wrong password or write switch, an Avalon's web
password, BOSminer's SSH and VNish's unlock password: their reads need no login) are checked
on a control instead; a fault a firmware cannot have is n/a. The outcomes are printed as a
table after the run (fault_matrix.py), and the README's table must say the same.

Braiins OS (BOSminer on an S9, BOS+ 24.09 GraphQL on an S19, the REST API on an S21 Pro)
and VNish 1.3.4 (S19 Pro) are set up as the config flow adds them: the firmware's default
login, BOSminer's SSH host key pinned. BOSminer is polled over its RPC alone (SSH for the
MAC and controls), the others on port 80 alone.

The other makes (Goldshell, IceRiver, Innosilicon, Elphapex, Hammer, VolcMiner, Auradine,
SealMiner, MSKMiner) are set up side by side in one Home Assistant, each with the login it
ships with, and each fault is injected into all of them at once: a timeout is waited for
once for the nine, not nine times. Each cell is still its own (its entities, its log lines,
its reauth flow).

Addresses: 127.0.21.x, and 127.0.22.x for the new address of a miner that DHCP moved (the
other makes: 127.0.21.101-109 and 127.0.22.101-109); the ESP-Miner and Avalon columns
127.0.57.x; Braiins OS and VNish 127.0.82.x (127.0.83.x once moved); LuxOS
127.0.95.200-201; ePIC 127.0.98.100-101.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any
from unittest.mock import patch

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_DHCP, SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_USERNAME,
    STATE_OFF,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo
from homeassistant.util import slugify
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import CONF_SSH_HOST_KEY, DOMAIN, LOGIN_RECHECK_INTERVAL
from custom_components.asic_miner.driver import (
    AsicMinerError,
    ConnectionDroppedError,
    Credentials,
    HostKeyChanged,
    Miner,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConfig,
    MinerConnectionError,
    MinerNotFoundError,
    MinerProtocolError,
    MinerTimeoutError,
    PoolConfig,
    WriteApiDisabled,
    find_miner,
)
from custom_components.asic_miner.driver.backends.braiins import bosminer
from custom_components.asic_miner.driver.backends.vnish import backend as vnish_backend
from custom_components.asic_miner.driver.transport.ssh import SshClient
from tests.simulator import Fault
from tests.simulator.auradine import AuradineSim
from tests.simulator.avalon import AvalonSim
from tests.simulator.bos_rest import BosRestSim
from tests.simulator.bosminer import BosminerSim
from tests.simulator.bosplus import BosPlusSim
from tests.simulator.epic import EpicSim
from tests.simulator.espminer import EspMinerSim
from tests.simulator.families import make_miner
from tests.simulator.goldshell import GoldshellSim
from tests.simulator.iceriver import IceRiverSim
from tests.simulator.innosilicon import InnoSim
from tests.simulator.luxos import LuxosSim
from tests.simulator.marathon import MaraSim
from tests.simulator.sealminer import SealSim
from tests.simulator.ssh_server import new_host_key
from tests.simulator.vnish import VnishSim

from . import fault_matrix
from .conftest import UPTIME, SimFactory
from .fault_matrix import FAMILIES as FAMILY_LABELS
from .fault_matrix import NOT_APPLICABLE, Outcome
from .flows import entity_id_of
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
# Hiveon on the S9 is read and controlled as the stock S9 is: every stock row, its own column.
HIVEON = {"hiveon": Family("hiveon-s9", "127.0.101.140", "antminer_s9_hiveon")}
HERE |= HIVEON
NEW_HOST |= {"hiveon": "127.0.101.141"}
STOCK = ("s19pro", "s9", *HIVEON)
# LuxOS on an S19k Pro: reads and controls need no login (its sessions are none), so its
# entry holds the address alone, as the config flow makes it.
LUXOS = {"luxos": Family("luxos-s19kpro", "127.0.95.200", "antminer_s19k_pro")}
HERE |= LUXOS
NEW_HOST |= {"luxos": "127.0.95.201"}


@dataclass(frozen=True)
class Aftermarket:
    """An Antminer on Braiins OS or VNish: its entry as the config flow makes it (the
    firmware's default login; BOSminer's SSH host key pinned) and the firmware's default
    host name (what its DHCP request carries)."""

    family: Family
    title: str
    username: str
    password: str
    dhcp_hostname: str | None  # None: the simulator's own (BOSminer's, from its MAC)
    ssh: bool = False


# Braiins OS ships root with an empty password, VNish's unlock password is admin. Host
# names: the captures' "IC078" (BOS+ 24.09) and "Antminer" (REST 26.04, VNish 1.3.4).
AFTERMARKET = {
    "bosminer": Aftermarket(
        Family("braiins-s9-bosminer", "127.0.82.10", "antminer_s9"),
        "Antminer S9",
        "root",
        "",
        None,
        ssh=True,
    ),
    "bosplus": Aftermarket(
        Family("braiins-s19-bosplus", "127.0.82.11", "antminer_s19"),
        "Antminer S19",
        "root",
        "",
        "IC078",
    ),
    "bos_rest": Aftermarket(
        Family("braiins-s21-bos", "127.0.82.12", "antminer_s21_pro"),
        "Antminer S21 Pro",
        "root",
        "",
        "Antminer",
    ),
    "vnish": Aftermarket(
        Family("vnish-s19pro", "127.0.82.13", "antminer_s19_pro"),
        "Antminer S19 Pro",
        "admin",
        "admin",
        "Antminer",
    ),
    # MARA firmware: root/root as shipped, on MARA's own addresses (127.0.100.200-201).
    "mara": Aftermarket(
        Family("marathon-ks5pro", "127.0.100.200", "antminer_ks5_pro"),
        "Antminer KS5 Pro",
        "root",
        "root",
        "Antminer",
    ),
    # ePIC PowerPlay: root / letmein as shipped (reads need none), on ePIC's own addresses.
    "epic": Aftermarket(
        Family("epic-s19xp", "127.0.98.100", "antminer_s19_xp"),
        "Antminer S19 XP",
        "root",
        "letmein",
        None,
    ),
}
HERE |= {key: firmware.family for key, firmware in AFTERMARKET.items()}
NEW_HOST |= {key: f"127.0.83.{10 + n}" for n, key in enumerate(AFTERMARKET)}
NEW_HOST["mara"] = "127.0.100.201"
NEW_HOST["epic"] = "127.0.98.101"
# Their "another miner" borrows this address's identity (nothing listens there).
AFTERMARKET_NEIGHBOUR = "127.0.82.200"
BRAIINS = ("bosminer", "bosplus", "bos_rest")
WEB_POLLED = ("bosplus", "bos_rest", "vnish", "mara")  # polls on port 80 alone
# The host name a miner's DHCP request carries. Avalons have no documented default one:
# Home Assistant matches them by the MAC of a device it knows (registered_devices).
DHCP_HOSTNAMES = {
    "s19pro": "antminer",
    "s9": "antminer",
    "hiveon": "antminer",
    "m50s": "whatsminer",
    "m60s": "whatsminer",
    "gamma": "bitaxe",
    "mini3": "",
    "luxos": "UrlacherS19k",  # the captured miner's Hostname (its config reply)
} | {key: firmware.dhcp_hostname or "" for key, firmware in AFTERMARKET.items()}
POOL = PoolConfig("stratum+tcp://pool.invalid:3333", "wallet.rig", "x")


@dataclass(frozen=True)
class Make:
    """One of the other makes: its simulated model and its entry as the config flow makes
    it (the login it ships with)."""

    model: str
    title: str
    username: str
    password: str


# The other makes run side by side in one Home Assistant (the `makes` fixture): each fault
# is waited for once for all of them, not once per make. 127.0.21.101-109, 127.0.22.101-109
# once moved. None has a host name Home Assistant's DHCP watches for: it matches them by the
# MAC of a device it knows (registered_devices).
MAKES = {
    "goldshell": Make("goldshell-sclite", "Goldshell SC Lite", "admin", "123456789"),
    "iceriver": Make("iceriver-ks3m", "IceRiver KS3M", "admin", "12345678"),
    "innosilicon": Make("innosilicon-a9", "Innosilicon A9", "admin", "admin"),
    "elphapex": Make("elphapex-dg1plus", "Elphapex DG1+", "root", "root"),
    "hammer": Make("hammer-d10", "Hammer D10", "root", "root"),
    "volcminer": Make("volcminer-d1", "VolcMiner D1", "root", "ltc@dog"),
    "auradine": Make("auradine-at1500", "Auradine AT1500", "admin", "admin"),
    "sealminer": Make("sealminer-a2", "Bitdeer SealMiner A2", "seal", "seal"),
    "mskminer": Make("mskminer-s19-88", "Antminer S19-88", "admin", "root"),
}
MAKE_FAMILIES = {
    key: Family(make.model, f"127.0.21.{101 + n}", slugify(make.title))
    for n, (key, make) in enumerate(MAKES.items())
}
NEW_HOST |= {key: f"127.0.22.{101 + n}" for n, key in enumerate(MAKES)}
DHCP_HOSTNAMES |= dict.fromkeys(MAKES, "")
WEB_ONLY = ("goldshell", "iceriver", "elphapex")  # read over HTTP alone; the rest beside an RPC
NO_UPTIME = ("goldshell",)  # its firmware reports none

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
class Log:
    """The warnings of our integration since ``clear``. A cell set up beside others (the
    other makes') counts those naming its host and those naming none of theirs: never
    fewer than its own."""

    caplog: pytest.LogCaptureFixture
    host: str | None = None  # None: every warning is the cell's
    beside: tuple[str, ...] = ()  # the hosts of the cells in the same Home Assistant
    start: int = 0

    def warnings(self) -> list[logging.LogRecord]:
        return [
            r
            for r in self.caplog.records[self.start :]
            if r.levelno >= logging.WARNING
            and r.name.startswith("custom_components.asic_miner")
            and self._its(r.getMessage())
        ]

    def _its(self, message: str) -> bool:
        named = [host for host in self.beside if _names(message, host)]
        return self.host is None or not named or self.host in named

    def clear(self) -> None:
        self.start = len(self.caplog.records)


def _names(message: str, host: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(host)}(?!\d)", message) is not None


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
    log: Log

    @property
    def credentials(self) -> Credentials:
        return _credentials(self.entry)


def _credentials(entry: MockConfigEntry) -> Credentials:
    """The stored login; none for the home miners (the firmware's own, where it has one)."""
    return Credentials(entry.data.get(CONF_USERNAME), entry.data.get(CONF_PASSWORD))


async def _start_cell_miner(start_sim: SimFactory, key: str, family: Family) -> Any:
    if key in AFTERMARKET:
        sim = await start_sim(family.model, family.host, password=AFTERMARKET[key].password)
        if isinstance(sim, BosminerSim):  # up an hour, as the others' captures are (or more)
            sim.state.started_at = time.monotonic() - UPTIME - 0.5
        return sim
    if key in LUXOS:
        sim = await start_sim(family.model, family.host, ramp_seconds=0.0)
        sim.state.started = time.monotonic() - UPTIME - 0.5
        return sim
    if key not in HOME:
        return await start_family(start_sim, family)
    sim = await start_sim(family.model, family.host, password=None)  # the shipped login
    if isinstance(sim, AvalonSim):  # its uptime is on its own (unix) clock
        sim.state.booted_at = sim.clock.time() - UPTIME - 0.5
    return sim


def _entry_for(key: str, sim: Any, family: Family) -> MockConfigEntry:
    if key in AFTERMARKET:
        firmware = AFTERMARKET[key]
        data = {
            CONF_HOST: family.host,
            CONF_USERNAME: firmware.username,
            CONF_PASSWORD: firmware.password,
        }
        if firmware.ssh:
            data[CONF_SSH_HOST_KEY] = sim.ssh.host_key_text  # trusted on first use
        return MockConfigEntry(
            domain=DOMAIN, title=firmware.title, unique_id=format_mac(sim.mac), data=data
        )
    if key in LUXOS:
        return MockConfigEntry(
            domain=DOMAIN,
            title="Antminer S19k Pro",
            unique_id=format_mac(sim.mac),
            data={CONF_HOST: family.host},
        )
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
        yield Cell(hass, key, family, sim, entry, miner, baseline, Log(caplog))
    finally:
        await miner.close()


async def _start_make(start_sim: SimFactory, key: str) -> Any:
    make = MAKES[key]
    sim = await start_sim(make.model, MAKE_FAMILIES[key].host, password=make.password)
    if hasattr(sim.state, "booted_at"):  # up an hour, as the others' captures are (or more)
        sim.state.booted_at = time.monotonic() - UPTIME - 0.5
    return sim


def _make_entry(key: str, sim: Any) -> MockConfigEntry:
    make = MAKES[key]
    return MockConfigEntry(
        domain=DOMAIN,
        title=make.title,
        unique_id=format_mac(sim.mac),
        data={
            CONF_HOST: MAKE_FAMILIES[key].host,
            CONF_USERNAME: make.username,
            CONF_PASSWORD: make.password,
        },
    )


@pytest.fixture
async def makes(
    hass: HomeAssistant,
    start_sim: SimFactory,
    request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
) -> AsyncIterator[dict[str, Cell]]:
    """The other makes (``request.param``: which), each set up as ``cell`` sets up one."""
    keys: tuple[str, ...] = request.param
    sims = {key: await _start_make(start_sim, key) for key in keys}
    entries = {key: _make_entry(key, sim) for key, sim in sims.items()}
    for entry in entries.values():
        entry.add_to_hass(hass)
    with patch("custom_components.asic_miner.coordinator.MINER_TIMEOUT", TIMEOUT):
        # Setting up the first sets up the integration, and with it every entry of it.
        await hass.config_entries.async_setup(next(iter(entries.values())).entry_id)
        await hass.async_block_till_done()
    hosts = tuple(MAKE_FAMILIES[key].host for key in keys)
    miners = await asyncio.gather(
        *(
            find_miner(host, credentials=_credentials(entries[key]), timeout=TIMEOUT)
            for key, host in zip(keys, hosts, strict=True)
        )
    )
    cells: dict[str, Cell] = {}
    try:
        await asyncio.gather(*(miner.get_data() for miner in miners))
        for key, host, miner in zip(keys, hosts, miners, strict=True):
            entry = entries[key]
            assert entry.state is ConfigEntryState.LOADED, key
            baseline = _available(hass, entry)
            assert baseline, key
            log = Log(caplog, host, hosts)
            cells[key] = Cell(hass, key, MAKE_FAMILIES[key], sims[key], entry, miner, baseline, log)
        caplog.set_level(logging.INFO)
        yield cells
    finally:
        for miner in miners:
            await miner.close()


def _makes(*keys: str) -> pytest.MarkDecorator:
    chosen = keys or tuple(MAKES)
    return pytest.mark.parametrize("makes", [chosen], indirect=True, ids=["other makes"])


async def _each(
    cells: dict[str, Cell], row: str, check: Callable[[Cell], Awaitable[Outcome]]
) -> None:
    """``check`` on every cell at once; each outcome recorded in ``row``, each failure
    named by its make."""

    async def one(cell: Cell) -> None:
        try:
            outcome = await check(cell)
        except BaseException as err:  # pytest's Failed is one
            err.add_note(f"{row}: {FAMILY_LABELS[cell.key]}")
            raise
        fault_matrix.record(row, cell.key, outcome)

    # Each runs to its end: one make's failure does not hide another's.
    results = await asyncio.gather(*(one(cell) for cell in cells.values()), return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    if failures:
        raise BaseExceptionGroup(row, failures)


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


async def _unavailable_while(cell: Cell) -> str:
    """Polls fail: every entity unavailable, one line logged since the fault began (a poll
    may already have run meanwhile)."""
    for _ in range(POLLS):
        await _poll(cell)
        states = _states(cell.hass, cell.entry)
        assert set(states.values()) == {STATE_UNAVAILABLE}, states
    logged = cell.log.warnings()
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
async def test_poll_faults(cell: Cell, name: str) -> None:
    fault_matrix.record(name, cell.key, await _poll_fault(cell, name))


async def _poll_fault(cell: Cell, name: str) -> Outcome:
    fault, expected = POLL_FAULTS[name]
    expected = FAMILY_ERRORS.get((cell.key, name), expected)
    cell.log.clear()
    async with _fault(cell.sim, fault):
        # Side by side: a timeout is waited for once, not once per client.
        driver, shown = await asyncio.gather(
            _driver_error(cell, expected), _unavailable_while(cell)
        )
    recovered = await _recovers(cell)
    return Outcome(driver, shown, recovered)


@_makes()
async def test_poll_faults_other_makes(makes: dict[str, Cell]) -> None:
    """Each poll fault in turn, on every protocol the make is read over, the same miners
    throughout (each fault's recovery checks that they are as before)."""
    for name in POLL_FAULTS:
        await _each(makes, name, lambda cell, name=name: _poll_fault(cell, name))


def _reauth_flows(cell: Cell) -> list[Any]:
    return [
        flow
        for flow in cell.hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if flow["context"]["source"] == SOURCE_REAUTH
        and flow["context"].get("entry_id") == cell.entry.entry_id
    ]


def _end_sessions(sim: Any) -> None:
    """The miner's web sessions end (at the latest when they time out): from now on each
    request needs a new login. Stock Antminers log in (digest) on every request anyway."""
    if isinstance(sim, BosPlusSim):
        sim.state.expire_sessions()
    elif isinstance(sim, BosRestSim):
        sim.state.expire_tokens()
    elif isinstance(sim, VnishSim):
        sim.state.forget_tokens()
    elif isinstance(sim, IceRiverSim):
        sim.state.expire_sessions()
    elif isinstance(sim, AuradineSim):
        sim.state.expire_tokens()
    elif isinstance(sim, SealSim):
        sim.state.sessions.clear()
    elif isinstance(sim, InnoSim):
        sim.state.tokens.clear()
    elif isinstance(sim, GoldshellSim):  # its one token, renewed
        sim.state.token = "eyJ" + secrets.token_urlsafe(48)


@_families(*STOCK, "bosplus", "bos_rest", "mara")
async def test_wrong_password_reads_need_the_login(cell: Cell) -> None:
    fault_matrix.record("wrong password", cell.key, await _reads_need_the_login(cell))


async def _reads_need_the_login(cell: Cell) -> Outcome:
    """Stock Antminer reads need the login, and so do those of Braiins OS+ (GraphQL) and
    Braiins OS REST once their session has ended (and of most other makes: their web's
    figures are behind it): unavailable and reauth asked; polls go on, so the entry
    recovers (and the reauth goes) once the miner takes the stored login again."""
    cell.sim.set_fault(Fault.WRONG_PASSWORD)
    _end_sessions(cell.sim)
    driver = await _driver_error(cell, MinerAuthenticationError)
    shown = await _unavailable_while(cell)
    assert len(_reauth_flows(cell)) == 1
    cell.sim.clear_faults()
    recovered = await _recovers(cell)
    assert _reauth_flows(cell) == []
    return Outcome(driver, shown + ", reauth asked", recovered + ", reauth withdrawn")


async def _wrong_password_innosilicon(cell: Cell) -> Outcome:
    """innominer is read over its RPC, which takes no login; the web login (for the MAC,
    read once, and the controls) was changed on the miner, its tokens gone: a control (the
    restart button) is refused and asks for the password, the entities stay."""
    cell.sim.set_fault(Fault.WRONG_PASSWORD)
    _end_sessions(cell.sim)
    with pytest.raises(MinerAuthenticationError):
        await cell.miner.restart_backend()
    shown = await _keeps_reading(cell)
    restart = entity_id_of(cell.hass, cell.entry, "button", "restart_backend")
    with pytest.raises(HomeAssistantError):
        await _press(cell.hass, "button", "press", restart)
    assert len(_reauth_flows(cell)) == 1
    restarts = cell.sim.state.restarts
    cell.sim.clear_faults()
    await _press(cell.hass, "button", "press", restart)
    assert cell.sim.state.restarts == restarts + 1
    await _recovers(cell)
    return Outcome(
        "MinerAuthenticationError (control: restart)",
        f"{shown} (RPC reads need no login), reauth asked",
        "next control",
    )


async def _wrong_password_mskminer(cell: Cell) -> Outcome:
    """MSKMiner's figures come over BMMiner's RPC, which takes no login; its web login
    serves the MAC alone, read again when the uptime went back. The password changed on
    the miner: polls go on (MSKMiner has no control to refuse) until that read, after a
    reboot, is refused: unavailable, reauth asked, until the miner takes it again."""
    password = cell.sim.state.password
    cell.sim.state.password = "changed1"
    kept = await _keeps_reading(cell)
    cell.log.clear()
    await cell.sim.reboot()
    driver = await _driver_error(cell, MinerAuthenticationError)
    shown = await _unavailable_while(cell)
    assert len(_reauth_flows(cell)) == 1
    cell.sim.state.password = password
    recovered = await _recovers(cell)
    assert _reauth_flows(cell) == []
    return Outcome(
        f"{driver} at the MAC's next read (after a reboot)",
        f"{kept} (RPC reads need no login) until then: {shown}, reauth asked",
        recovered + ", reauth withdrawn",
    )


WRONG_PASSWORD_OF_MAKES = {
    "innosilicon": _wrong_password_innosilicon,
    "mskminer": _wrong_password_mskminer,
}


@_makes()
async def test_wrong_password_other_makes(makes: dict[str, Cell]) -> None:
    await _each(
        makes,
        "wrong password",
        lambda cell: WRONG_PASSWORD_OF_MAKES.get(cell.key, _reads_need_the_login)(cell),
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
    (flow,) = _reauth_flows(cell)
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


@_families("bosminer")
async def test_wrong_password_bosminer(cell: Cell) -> None:
    """BOSminer is read over its RPC, which takes no login: the entities stay; the fault
    light (over SSH) is refused and asks for the password. The MAC, host name and version
    come over SSH, read again every IDENTITY_TTL (10 minutes; here at once): that refused
    login fails the polls too. Once the miner takes the stored login again, the next poll
    reads it all."""
    cell.sim.set_fault(Fault.WRONG_PASSWORD)  # root's password: SSH and LuCI alike
    driver = await _control_refused(cell, MinerAuthenticationError)
    await cell.hass.async_block_till_done()  # the reauth flow's first step tries SSH
    assert len(_reauth_flows(cell)) == 1
    with patch.object(bosminer, "IDENTITY_TTL", 0.0):
        await _driver_error(cell, MinerAuthenticationError)
        await _poll(cell)
        states = _states(cell.hass, cell.entry)
        assert set(states.values()) == {STATE_UNAVAILABLE}, states
        cell.sim.clear_faults()
        await _recovers(cell)
    await _switch_on(cell.hass, f"switch.{cell.family.prefix}_fault_light")
    assert cell.sim.state.fault_light is True
    fault_matrix.record(
        "wrong password",
        cell.key,
        Outcome(
            driver.replace("(control)", "(control: fault light over SSH)"),
            "available (RPC reads need no login) until the SSH identity read (every 10 min):"
            " then unavailable; reauth asked",
            "next poll",
        ),
    )


@_families("vnish")
async def test_wrong_password_vnish(cell: Cell) -> None:
    """VNish's polls read what needs no unlock; its unlock password changed on the miner
    (its tokens gone): a control (the mining switch) is refused and asks for the password.
    The preset list needs the token: read again every PRESETS_MAX_AGE (10 minutes; here
    at once)."""
    cell.sim.set_fault(Fault.WRONG_PASSWORD)
    _end_sessions(cell.sim)
    mining = f"switch.{cell.family.prefix}_mining"
    with pytest.raises(MinerAuthenticationError):
        await cell.miner.stop_mining()
    shown = await _keeps_reading(cell)
    with pytest.raises(HomeAssistantError):
        await _press(cell.hass, "switch", "turn_off", mining)
    assert len(_reauth_flows(cell)) == 1
    assert cell.sim.state.miner_state == "mining"
    with patch.object(vnish_backend, "PRESETS_MAX_AGE", 0.0):
        presets = (await cell.miner.get_data()).settings.choices["preset"]
        await _keeps_reading(cell)
    assert presets.options  # the list read before
    cell.sim.clear_faults()
    await _press(cell.hass, "switch", "turn_off", mining)
    await _press(cell.hass, "switch", "turn_on", mining)
    await _recovers(cell)
    fault_matrix.record(
        "wrong password",
        cell.key,
        Outcome(
            "MinerAuthenticationError (control: mining switch)",
            f"{shown} (reads need no unlock; the preset list kept, asked again in 10 min),"
            " reauth asked",
            "next control",
        ),
    )


@_families("epic")
async def test_wrong_password_epic(cell: Cell) -> None:
    """ePIC's reads need no password; the one its POST bodies carry was changed on the
    miner (BadPassword in a 200 answer): a control (the mining switch) is refused and asks
    for the password, the entities stay."""
    cell.sim.set_fault(Fault.WRONG_PASSWORD)
    mining = f"switch.{cell.family.prefix}_mining"
    with pytest.raises(MinerAuthenticationError):
        await cell.miner.stop_mining()
    shown = await _keeps_reading(cell)
    with pytest.raises(HomeAssistantError):
        await _press(cell.hass, "switch", "turn_off", mining)
    assert len(_reauth_flows(cell)) == 1
    assert cell.sim.state.operating_state == "Mining"
    cell.sim.clear_faults()
    await _press(cell.hass, "switch", "turn_off", mining)
    assert cell.sim.state.operating_state == "Idling"
    await _press(cell.hass, "switch", "turn_on", mining)
    await _recovers(cell)
    fault_matrix.record(
        "wrong password",
        cell.key,
        Outcome(
            "MinerAuthenticationError (control: mining switch)",
            f"{shown} (reads need no password), reauth asked",
            "next control",
        ),
    )


def test_wrong_password_espminer_not_applicable() -> None:
    """ESP-Miner has no login at all, nor has LuxOS's RPC (a session is no login)."""
    fault_matrix.record("wrong password", "gamma", NOT_APPLICABLE)
    fault_matrix.record("wrong password", "luxos", NOT_APPLICABLE)
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
    assert len(_reauth_flows(cell)) == 1
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
    """Stock Antminer, ESP-Miner, Avalon, Braiins OS and VNish firmware have no switch for
    their writes (the last two take any control with the login), nor have the other makes'
    (their controls take the web login)."""
    for key in (*STOCK, *HOME, *AFTERMARKET, *LUXOS, *MAKES):
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
    assert len(_reauth_flows(cell)) == 1
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
    assert _reauth_flows(cell) == []
    await _recovers(cell)
    fault_matrix.record(
        "empty encrypted answer",
        cell.key,
        Outcome(driver, "no error, no reauth, the switch shows on", "next poll"),
    )


def test_odd_write_answers_not_applicable() -> None:
    """Those are API V2 firmware's: Antminers, API V3, ESP-Miner, the Mini 3, Braiins OS
    and VNish answer their writes (an Avalon Q's softon is answered by a closed
    connection: the Avalon driver tests cover it), as the other makes' webs do, and only
    Whatsminers encrypt."""
    for fault in (
        "write answered by silence",
        "reboot answered by silence",
        "wrong password, double-encoded refusal",
        "empty encrypted answer",
    ):
        for key in (*STOCK, "m60s", *HOME, *AFTERMARKET, *LUXOS, *MAKES):
            fault_matrix.record(fault, key, NOT_APPLICABLE)
    assert fault_matrix.MATRIX["empty encrypted answer"]["m60s"] == NOT_APPLICABLE


@_families()
async def test_reboot_during_a_poll(cell: Cell) -> None:
    fault_matrix.record("reboot during a poll", cell.key, await _reboot_during_a_poll(cell))


@_makes()
async def test_reboot_during_a_poll_other_makes(makes: dict[str, Cell]) -> None:
    await _each(makes, "reboot during a poll", _reboot_during_a_poll)


async def _reboot_during_a_poll(cell: Cell) -> Outcome:
    """The miner reboots while a poll waits for its answer: the poll fails at once, the
    entities go unavailable, and they come back with the uptime reset."""
    cell.sim.reboot_seconds = 1.0
    cell.sim.set_fault(Fault.DELAY, seconds=0.5)
    coordinator = cell.entry.runtime_data
    cell.log.clear()
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
    assert len(cell.log.warnings()) == 1
    cell.sim.clear_faults()
    await reboot
    await _recovers(cell)
    uptime = cell.hass.states.get(f"sensor.{cell.family.prefix}_uptime")
    if uptime is not None and cell.key in STOCK:
        assert float(uptime.state) < 60  # counted from the reboot
    read_uptime = (*HOME, *AFTERMARKET, *LUXOS, *(key for key in MAKES if key not in NO_UPTIME))
    if cell.key in read_uptime:  # the driver's reading (the sensor is off by default)
        after = (await cell.miner.get_data()).uptime
        assert after is not None
        assert after < 60
    # Whether the poll's open request is cut (ConnectionDroppedError) or its next one is
    # refused (MinerRefusedError) depends on where the poll is when the miner goes down.
    return Outcome(
        f"MinerConnectionError: dropped or refused ({took:.1f} s)",
        "unavailable, logged once",
        "next poll after the reboot",
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


class _BosminerWithIdentity(BosminerSim):
    """A simulated BOSminer with another one's MAC (its files are made from it)."""

    def __init__(self, model: str, address: str, mac: str, **options: Any) -> None:
        self._borrowed_mac = mac  # before BosminerSim.__init__ writes the MAC file
        super().__init__(model, address, **options)

    @property
    def mac(self) -> str:
        return self._borrowed_mac


class _BosPlusWithIdentity(BosPlusSim):
    def __init__(self, model: str, address: str, mac: str, **options: Any) -> None:
        super().__init__(model, address, **options)
        self._borrowed_mac = mac

    @property
    def mac(self) -> str:
        return self._borrowed_mac


def _aftermarket_like(
    cell: Cell, host: str, identity: str
) -> BosminerSim | BosPlusSim | BosRestSim | VnishSim | MaraSim | EpicSim:
    """Another simulated miner of the cell's model at ``host`` with the MAC of the one at
    ``identity``. Another miner has an SSH host key of its own; the cell's miner moved
    keeps its key."""
    model, password = cell.family.model, AFTERMARKET[cell.key].password
    moved = identity == cell.family.host
    options: dict[str, Any] = {"password": password, "reboot_seconds": 0.5}
    if cell.key == "bos_rest":
        sim = BosRestSim(model, host, **options)
        sim.address = identity  # its replies derive the MAC from it; it listens on ``host``
        return sim
    mac = cell.sim.mac if moved else make_miner(model, identity).mac
    if cell.key == "bosminer":
        key = cell.sim.ssh.host_key if moved else new_host_key()
        return _BosminerWithIdentity(model, host, mac, host_key=key, **options)
    if cell.key == "bosplus":
        return _BosPlusWithIdentity(model, host, mac, **options)
    if cell.key == "mara":
        mara = MaraSim(model, host, mac=mac, **options)
        if not moved:
            mara.state.uptime_before_start //= 2  # another miner: not the same uptime
        return mara
    if cell.key == "epic":
        epic = EpicSim(model, host, mac=mac, **options)
        # the same miner keeps its session; another one's began at another time
        moved_wall = cell.sim.state.session_wall
        epic.state.session_wall = moved_wall if moved else moved_wall - UPTIME // 2
        return epic
    return VnishSim(model, host, mac=mac, **options)


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
    if cell.key in MAKES:
        sim = _make_like(cell, host, identity)
        await sim.start()
        borrowed.append(sim)
        return sim
    if cell.key in AFTERMARKET:
        sim = _aftermarket_like(cell, host, identity)
        if isinstance(sim, BosminerSim):
            sim.state.started_at = time.monotonic() - UPTIME / 2  # not the same uptime
        await sim.start()
        borrowed.append(sim)
        return sim
    if cell.key in LUXOS:
        moved = identity == cell.family.host
        mac = cell.sim.mac if moved else make_miner(cell.family.model, identity).mac
        luxos = LuxosSim(cell.family.model, host, mac=mac, reboot_seconds=0.5, ramp_seconds=0)
        if not moved:
            luxos.state.started = time.monotonic() - UPTIME / 2  # not the same uptime
        await luxos.start()
        borrowed.append(luxos)
        return luxos
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


def _make_like(cell: Cell, host: str, identity: str) -> Any:
    """One of the other makes' model at ``host`` with the MAC of the one at ``identity``,
    just booted (another miner's uptime is not this one's)."""
    make = MAKES[cell.key]
    moved = identity == cell.family.host
    mac = cell.sim.mac if moved else make_miner(make.model, identity).mac
    sim = make_miner(make.model, host, password=make.password, reboot_seconds=0.5, mac=mac)
    if isinstance(sim, IceRiverSim):  # its panel's MAC, as the panel writes it
        sim.state.mac = mac.lower().replace(":", "-")
    elif format_mac(sim.mac) != format_mac(mac):  # its replies derive the MAC from it
        sim.address = identity
    assert format_mac(sim.mac) == format_mac(mac)
    sim._rebooted()  # the state a boot leaves: the uptime from nought
    return sim


@_families(*(key for key in HERE if key != "bosminer"))
async def test_another_miner_at_the_address(
    cell: Cell, start_sim: SimFactory, borrowed: list[Any]
) -> None:
    outcome = await _another_miner(cell, start_sim, borrowed)
    fault_matrix.record("another miner at the address", cell.key, outcome)


@_makes()
async def test_another_miner_at_the_address_other_makes(
    makes: dict[str, Cell], start_sim: SimFactory, borrowed: list[Any]
) -> None:
    await _each(
        makes, "another miner at the address", lambda c: _another_miner(c, start_sim, borrowed)
    )


async def _another_miner(cell: Cell, start_sim: SimFactory, borrowed: list[Any]) -> Outcome:
    """DHCP gave the address to another miner of the same model: its values are not shown
    under this miner's name; when the miner is back, so are its values."""
    await cell.sim.go_offline()
    neighbour = AFTERMARKET_NEIGHBOUR if cell.key in AFTERMARKET else NEIGHBOUR
    stranger = await _start_like(start_sim, borrowed, cell, cell.family.host, neighbour)
    data = await cell.miner.get_data()
    assert data.mac
    assert format_mac(data.mac) == format_mac(stranger.mac) != format_mac(cell.sim.mac)
    shown = await _unavailable_while(cell)
    # Named as the device page shows MACs (upper-case), so the user can match them.
    assert format_mac(stranger.mac).upper() in cell.log.warnings()[0].getMessage()
    await stranger.stop()
    await cell.sim.come_back()
    recovered = await _recovers(cell)
    return Outcome("reads the other miner", shown + " (MAC named)", recovered)


@_families("bosminer")
async def test_another_bosminer_at_the_address(
    cell: Cell,
    start_sim: SimFactory,
    borrowed: list[Any],
) -> None:
    """BOSminer's figures come over the RPC, its MAC over SSH. Another S9 that DHCP gave
    the address to answers the RPC with an uptime of its own, so the MAC is read again; its
    SSH host key (each miner has its own) is refused before any password leaves: the
    entities go unavailable and the reauthentication shows the new key, whose confirmation
    ends in "another miner". When the miner is back, so are its values."""
    await cell.sim.go_offline()
    stranger = await _start_like(start_sim, borrowed, cell, cell.family.host, AFTERMARKET_NEIGHBOUR)
    driver = await _driver_error(cell, HostKeyChanged)
    shown = await _unavailable_while(cell)
    # The line names the changed key, not a refused login: nothing was sent.
    assert "another SSH host key" in cell.log.warnings()[0].getMessage()
    (flow,) = _reauth_flows(cell)
    assert flow["step_id"] == "host_key_confirm"
    result = await cell.hass.config_entries.flow.async_configure(flow["flow_id"], {})
    assert result["reason"] == "wrong_miner"
    await stranger.stop()
    await cell.sim.come_back()
    recovered = await _recovers(cell)
    assert cell.entry.data[CONF_SSH_HOST_KEY] == cell.sim.ssh.host_key_text
    fault_matrix.record(
        "another miner at the address",
        cell.key,
        Outcome(
            f"{driver}: its uptime differs, so the MAC is asked over SSH; the key is another",
            f"{shown}, the log names the changed host key, the reauth shows the new key;"
            " confirmed: 'another miner'",
            recovered,
        ),
    )


@_families()
async def test_new_address_by_dhcp(cell: Cell, start_sim: SimFactory, borrowed: list[Any]) -> None:
    outcome = await _new_address(cell, start_sim, borrowed)
    fault_matrix.record("new address by DHCP", cell.key, outcome)


@_makes()
async def test_new_address_by_dhcp_other_makes(
    makes: dict[str, Cell], start_sim: SimFactory, borrowed: list[Any]
) -> None:
    await _each(makes, "new address by DHCP", lambda c: _new_address(c, start_sim, borrowed))


async def _new_address(cell: Cell, start_sim: SimFactory, borrowed: list[Any]) -> Outcome:
    """The miner comes back at another address: unavailable at the old one; its DHCP
    request moves the entry to the new one, with everything else as it was."""
    old_host = cell.family.host
    await cell.sim.go_offline()
    moved = await _start_like(start_sim, borrowed, cell, NEW_HOST[cell.key], old_host)
    driver = await _driver_error(cell, MinerConnectionError)
    shown = await _unavailable_while(cell)
    data = dict(cell.entry.data)

    result = await cell.hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_DHCP},
        data=DhcpServiceInfo(
            ip=NEW_HOST[cell.key],
            hostname=moved.hostname if isinstance(moved, BosminerSim) else DHCP_HOSTNAMES[cell.key],
            macaddress=moved.mac.replace(":", "").lower(),
        ),
    )
    await cell.hass.async_block_till_done(wait_background_tasks=True)
    assert result["reason"] == "already_configured"
    assert dict(cell.entry.data) == {**data, CONF_HOST: NEW_HOST[cell.key]}
    assert cell.entry.state is ConfigEntryState.LOADED
    assert _available(cell.hass, cell.entry) == cell.baseline
    return Outcome(driver + " (old address)", shown, "its DHCP request")


async def _keeps_reading(cell: Cell) -> str:
    """Polls go on: every entity as available as before, nothing logged."""
    cell.log.clear()
    for _ in range(POLLS):
        await _poll(cell)
        assert _available(cell.hass, cell.entry) == cell.baseline
    assert cell.log.warnings() == []
    return "available, nothing logged"


@_families(*STOCK)
async def test_api_port_off(cell: Cell) -> None:
    """Port 4028 switched off (quirk api-port-off): the web serves every figure; once the
    port is on again, the next poll reads it."""
    await cell.sim.set_api_port(False)
    data = await cell.miner.get_data()
    assert (data.mac, data.api_ver) == (cell.sim.mac, None)
    assert data.hashrate
    shown = await _keeps_reading(cell)
    await cell.sim.set_api_port(True)
    assert (await cell.miner.get_data()).api_ver == "3.1"
    await _recovers(cell)
    fault_matrix.record(
        "API port off",
        cell.key,
        Outcome("no error: every figure from the web", shown, "4028 again at the next poll"),
    )


@_families(*STOCK, "mini3")
async def test_json_closed_plain_text_only(cell: Cell) -> None:
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
    shown = await _keeps_reading(cell)
    cell.sim.quirks = tuple(q for q in cell.sim.quirks if q != "plain-text-only")
    await _recovers(cell)
    fault_matrix.record(
        "JSON closed, plain text answered",
        cell.key,
        Outcome("no error: asked again in plain text", shown, "stays on plain text"),
    )


async def _run_bosminer(cell: Cell, action: str) -> None:
    """``/etc/init.d/bosminer ACTION`` over the miner's SSH, as its owner would."""
    ssh = SshClient(cell.family.host, "root", "", known_host_key=cell.sim.ssh.host_key_text)
    async with ssh:
        await ssh.run(f"/etc/init.d/bosminer {action}")


@_families("bosminer")
async def test_bosminer_api_port_off(cell: Cell) -> None:
    """BOSminer's API is BOSminer's own: port 4028 is closed only while BOSminer is stopped
    (SSH and LuCI still up). Its reads come from there alone: unavailable, logged once;
    once BOSminer runs again, the next poll reads it."""
    await _run_bosminer(cell, "stop")
    await _rpc_port(cell.family.host, is_open=False)
    driver = await _driver_error(cell, MinerConnectionError)
    shown = await _unavailable_while(cell)
    with pytest.raises(MinerNotFoundError):  # nor taken for another firmware meanwhile
        await find_miner(cell.family.host, credentials=cell.credentials, timeout=TIMEOUT)
    await _run_bosminer(cell, "start")
    await _rpc_port(cell.family.host, is_open=True)
    recovered = await _recovers(cell)
    fault_matrix.record(
        "API port off",
        cell.key,
        Outcome(
            f"{driver}: BOSminer stopped, its API the only read",
            shown + ", identified as nothing else",
            recovered + " once BOSminer runs",
        ),
    )


async def _rpc_port(host: str, *, is_open: bool) -> None:
    """Wait until port 4028 takes connections (or refuses them)."""
    async with asyncio.timeout(5):
        while await _rpc_open(host) != is_open:  # noqa: ASYNC110
            await asyncio.sleep(0.05)


async def _rpc_open(host: str) -> bool:
    try:
        _, writer = await asyncio.open_connection(host, 4028)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True


@_families(*WEB_POLLED)
async def test_api_port_off_web_polled(cell: Cell) -> None:
    """Braiins OS+ (GraphQL), Braiins OS REST and VNish are polled on port 80 alone: 4028
    closed changes nothing, and the miner is still identified as the same firmware (what
    a reload or the regular re-identification would find)."""
    rpc = getattr(cell.sim, "_rpc", None)  # the simulated MARA miner has none
    if rpc is not None:
        await rpc.stop()
    try:
        found = await find_miner(cell.family.host, credentials=cell.credentials, timeout=TIMEOUT)
        await found.close()
        assert type(found) is type(cell.miner)
        assert (await cell.miner.get_data()).hashrate
        shown = await _keeps_reading(cell)
    finally:
        if rpc is not None:
            await rpc.start()
    await _recovers(cell)
    fault_matrix.record(
        "API port off",
        cell.key,
        Outcome("no error: polled on port 80 alone", shown + ", identified the same", "no change"),
    )


@_makes(*(key for key in MAKES if key not in WEB_ONLY))
async def test_rpc_port_closed_other_makes(makes: dict[str, Cell]) -> None:
    await _each(
        makes,
        "API port off",
        lambda cell: (_rpc_port_closed_auradine if cell.key == "auradine" else _rpc_port_closed)(
            cell
        ),
    )


async def _rpc_port_closed(cell: Cell) -> Outcome:
    """The makes read over an RPC beside their web: no switch for the port is known, but it
    closes while the mining daemon is down (innominer's restart, a crash) and the web
    still answers. The figures come from the RPC: unavailable, logged once, and the miner
    taken for nothing else meanwhile; the next poll once the RPC listens again reads it."""
    rpc = cell.sim._rpc
    await rpc.stop()
    try:
        driver = await _driver_error(cell, MinerConnectionError)
        shown = await _unavailable_while(cell)
        try:
            found = await find_miner(
                cell.family.host, credentials=cell.credentials, timeout=TIMEOUT
            )
        except MinerNotFoundError:
            pass
        else:
            await found.close()
            assert type(found) is type(cell.miner), found
    finally:
        await rpc.start()
    recovered = await _recovers(cell)
    return Outcome(
        f"{driver}: the RPC closed, the web up",
        shown + ", identified as nothing else",
        recovered + " once the RPC listens",
    )


async def _rpc_port_closed_auradine(cell: Cell) -> Outcome:
    """FluxOS's API on 8080 is the miner's identity, power and controls; GCMiner's RPC adds
    the rates, the boards' figures and the pools: without it the polls go on with those
    unknown (never stale nor zero, no board reported missing); the next poll once the RPC
    listens reads them."""
    hashrate = entity_id_of(cell.hass, cell.entry, "sensor", "hashrate")
    problem = entity_id_of(cell.hass, cell.entry, "binary_sensor", "problem")
    rpc = cell.sim._rpc
    await rpc.stop()
    try:
        data = await cell.miner.get_data()
        assert (data.hashrate, data.pools, data.wattage) == (None, [], 2000.0)
        shown = await _keeps_reading(cell)
        assert _state(cell, hashrate) == STATE_UNKNOWN
        assert _state(cell, problem) == STATE_OFF
    finally:
        await rpc.start()
    recovered = await _recovers(cell)
    assert float(_state(cell, hashrate)) > 0
    return Outcome(
        "no error: the rates, boards' figures and pools unknown, the rest from 8080",
        f"{shown}, the rates unknown, no problem reported",
        recovered + " once the RPC listens",
    )


def _state(cell: Cell, entity_id: str) -> str:
    state = cell.hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


def test_api_port_rows_not_applicable() -> None:
    """Whatsminers' API is the only way to read them (V2), or has a port of its own (V3:
    4433); their daemons answer JSON. ESP-Miner has no RPC port (HTTP alone); an Avalon
    has no web interface to read instead of 4028, nor has LuxOS (its LUXminer answers JSON
    on 4028, reads and controls). BOSminer's API answers JSON alone
    (plain text gets "Invalid JSON"); the other Braiins OS lines and VNish poll the web.
    ePIC's port 4028 is its REST API, its only one: no cgminer RPC to switch off.
    Goldshell, IceRiver and Elphapex are read over HTTP alone; no capture shows the other
    makes' daemons closing JSON (MSKMiner's BMMiner answers it, as its capture does)."""
    for row in ("API port off", "JSON closed, plain text answered"):
        for key in ("m50s", "m60s", "gamma", *LUXOS):
            fault_matrix.record(row, key, NOT_APPLICABLE)
    fault_matrix.record("API port off", "mini3", NOT_APPLICABLE)
    fault_matrix.record("API port off", "epic", NOT_APPLICABLE)  # its REST API is on 4028
    for key in (*AFTERMARKET, *MAKES):
        fault_matrix.record("JSON closed, plain text answered", key, NOT_APPLICABLE)
    for key in WEB_ONLY:
        fault_matrix.record("API port off", key, NOT_APPLICABLE)
    assert fault_matrix.MATRIX["API port off"]["m60s"] == NOT_APPLICABLE


@_families("gamma")
async def test_client_outside_the_private_ranges(cell: Cell) -> None:
    """ESP-Miner v2.6 on answers 401 to a client outside 10/8, 172.16/12 and 192.168/16
    (is_network_allowed): no login would help, so no reauth is asked; the entities go
    unavailable until the miner takes the client again."""
    cell.sim.lan = ipaddress.IPv4Network("127.0.99.0/24")  # loopback no longer counts as LAN
    driver = await _driver_error(cell, MinerCommandError)
    shown = await _unavailable_while(cell)
    assert "private address ranges" in cell.log.warnings()[0].getMessage()
    assert _reauth_flows(cell) == []
    cell.sim.lan = ipaddress.IPv4Network("127.0.0.0/8")
    recovered = await _recovers(cell)
    fault_matrix.record(
        "answered 401: client outside the private ranges",
        cell.key,
        Outcome(driver, shown + " (the reason named), no reauth", recovered),
    )


def test_private_ranges_row_not_applicable() -> None:
    """Only ESP-Miner checks where its clients are."""
    for key in (*STOCK, "m50s", "m60s", "mini3", *AFTERMARKET, *LUXOS, *MAKES):
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
