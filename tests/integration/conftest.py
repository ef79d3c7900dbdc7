"""Fixtures: simulated miners on 127.0.4.x (Antminers) and 127.0.8.x (Whatsminers), and
config entries pointing at them."""

from __future__ import annotations

import asyncio
import time
import traceback
from collections.abc import AsyncGenerator, Callable, Coroutine, Generator
from typing import Any
from unittest.mock import patch

import pytest
from aiohttp import web
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.entity import Entity
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import DOMAIN
from tests.simulator import SimulatedMiner
from tests.simulator.families import make_miner

from . import fault_matrix

S19PRO_HOST = "127.0.4.10"
S9_HOST = "127.0.4.11"
NOBODY_HOST = "127.0.4.99"  # nothing listens here
NOT_A_MINER_HOST = "127.0.4.30"  # see web_server
M50S_HOST = "127.0.8.10"  # Whatsminer API V2
M60S_HOST = "127.0.8.11"  # Whatsminer API V3
# The password set on the Whatsminers whose writes work (V2 refuses writes with "admin").
WHATSMINER_PASSWORD = "s3cret"
# Uptime is read from the simulator's clock; started half a second into this, it reads the
# same whole number of seconds for the first half second of a test.
UPTIME = 3600


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the fault matrix when test_fault_matrix.py ran."""
    if fault_matrix.MATRIX:
        terminalreporter.write_sep("-", "fault matrix: driver error · entities · recovery")
        terminalreporter.write_line(fault_matrix.markdown())
        fault_matrix.write_if_asked()


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load our integration from custom_components."""


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Serialise states and registry entries the Home Assistant way (stable ids and times)."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
def entity_registry_enabled_by_default() -> Generator[None]:
    """Create the entities that are disabled by default, too."""
    with patch.object(Entity, "entity_registry_enabled_default", True):
        yield


@pytest.fixture
async def web_server() -> AsyncGenerator[None]:
    """A device that answers on port 80 but is no miner."""

    async def home(_: web.Request) -> web.Response:
        return web.Response(text="<html>Printer status</html>")

    app = web.Application()
    app.router.add_get("/", home)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, NOT_A_MINER_HOST, 80).start()
    yield
    await runner.cleanup()


@pytest.fixture
def platforms() -> list[Platform] | None:
    """Set up only these platforms (None: all)."""
    return None


def tolerate_accepts_during_close() -> None:
    """Let a simulator stop while a client is connecting to it.

    asyncio creates the transport of a connection it has just accepted in a task of its
    own; a server closed before that task runs fails an ``assert`` in ``Server._attach``
    (CPython 3.14). The simulators run in Home Assistant's event loop, whose exception
    handler the ``hass`` fixture turns into a test failure. A real miner going down simply
    drops such a connection; so do we. Nothing else is filtered.
    """
    loop = asyncio.get_running_loop()
    handler = loop.get_exception_handler()

    def exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, AssertionError) and _raised_in(error, "_attach"):
            return
        if handler is None:
            loop.default_exception_handler(context)
        else:
            handler(loop, context)

    loop.set_exception_handler(exception_handler)


def _raised_in(error: BaseException, function: str) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and frames[-1].name == function and "asyncio" in frames[-1].filename


type SimFactory = Callable[..., Coroutine[Any, Any, SimulatedMiner]]


@pytest.fixture
async def start_sim(hass: HomeAssistant) -> AsyncGenerator[SimFactory]:
    """Start simulated miners; every one is stopped when the test ends.

    Our entries are unloaded first (reloads started by a flow included), so that no poll
    is under way while a simulator closes its sockets.
    """
    started: list[SimulatedMiner] = []
    tolerate_accepts_during_close()

    async def start(model: str, host: str, **kwargs: Any) -> SimulatedMiner:
        kwargs.setdefault("password", "root")
        kwargs.setdefault("reboot_seconds", 0.5)
        sim = make_miner(model, host, **kwargs)  # options its family does not take are dropped
        await sim.start()
        if isinstance(sim, SimulatedMiner):  # Antminer and Whatsminer: monotonic uptime
            sim.state.booted_at = time.monotonic() - UPTIME - 0.5
        started.append(sim)
        return sim

    yield start
    await hass.async_block_till_done()
    for entry in hass.config_entries.async_entries(DOMAIN):
        if entry.state is ConfigEntryState.LOADED:
            await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    for sim in started:
        await sim.stop()


@pytest.fixture
async def s19pro(start_sim: SimFactory) -> SimulatedMiner:
    return await start_sim("antminer-s19pro", S19PRO_HOST)


@pytest.fixture
async def s9(start_sim: SimFactory) -> SimulatedMiner:
    return await start_sim("antminer-s9", S9_HOST)


def entry_for(
    sim: SimulatedMiner, host: str, *, password: str = "root", unique_id: str | None = None
) -> MockConfigEntry:
    """A config entry as the config flow makes it for this miner."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=sim.model_name,
        unique_id=unique_id or format_mac(sim.mac),
        data={CONF_HOST: host, CONF_USERNAME: "root", CONF_PASSWORD: password},
    )


async def setup_entry(
    hass: HomeAssistant, entry: MockConfigEntry, platforms: list[Platform] | None = None
) -> MockConfigEntry:
    entry.add_to_hass(hass)
    if platforms is None:
        await hass.config_entries.async_setup(entry.entry_id)
    else:
        with patch("custom_components.asic_miner.PLATFORMS", platforms):
            await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


@pytest.fixture
async def s19pro_entry(
    hass: HomeAssistant, s19pro: SimulatedMiner, platforms: list[Platform] | None
) -> AsyncGenerator[MockConfigEntry]:
    """The S19 Pro, set up."""
    entry = await setup_entry(hass, entry_for(s19pro, S19PRO_HOST), platforms)
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.fixture
async def s9_entry(
    hass: HomeAssistant, s9: SimulatedMiner, platforms: list[Platform] | None
) -> AsyncGenerator[MockConfigEntry]:
    """The S9, set up."""
    entry = await setup_entry(hass, entry_for(s9, S9_HOST), platforms)
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)


async def start_whatsminer(
    start_sim: SimFactory, model: str, host: str, *, password: str, write_api: bool
) -> SimulatedMiner:
    """A simulated Whatsminer whose login (V2: admin, V3: super) has ``password``."""
    sim = await start_sim(model, host, password=password, write_api=write_api)
    if sim.api_version >= 3:
        sim.state.v3_passwords["super"] = password
    # Whatsminers report the uptime of their mining software.
    sim.state.btminer_started_at = sim.state.booted_at
    return sim


@pytest.fixture
async def m50s(start_sim: SimFactory) -> SimulatedMiner:
    """A Whatsminer M50S (API V2) set up for control: write API on, password changed."""
    return await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password=WHATSMINER_PASSWORD, write_api=True
    )


@pytest.fixture
async def m60s(start_sim: SimFactory) -> SimulatedMiner:
    """A Whatsminer M60S (API V3) set up for control: write API on, password changed."""
    return await start_whatsminer(
        start_sim, "whatsminer-m60s", M60S_HOST, password=WHATSMINER_PASSWORD, write_api=True
    )


def whatsminer_entry_for(
    sim: SimulatedMiner,
    host: str,
    *,
    username: str | None = None,
    password: str = WHATSMINER_PASSWORD,
) -> MockConfigEntry:
    """A config entry as the config flow makes it for this Whatsminer (V2 account: admin)."""
    if username is None:
        username = "super" if host == M60S_HOST else "admin"
    return MockConfigEntry(
        domain=DOMAIN,
        title=sim.model_name,
        unique_id=format_mac(sim.mac),
        data={CONF_HOST: host, CONF_USERNAME: username, CONF_PASSWORD: password},
    )


@pytest.fixture
async def m50s_entry(
    hass: HomeAssistant, m50s: SimulatedMiner, platforms: list[Platform] | None
) -> AsyncGenerator[MockConfigEntry]:
    """The M50S, set up."""
    entry = await setup_entry(hass, whatsminer_entry_for(m50s, M50S_HOST), platforms)
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.fixture
async def m60s_entry(
    hass: HomeAssistant, m60s: SimulatedMiner, platforms: list[Platform] | None
) -> AsyncGenerator[MockConfigEntry]:
    """The M60S, set up."""
    entry = await setup_entry(hass, whatsminer_entry_for(m60s, M60S_HOST), platforms)
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)
