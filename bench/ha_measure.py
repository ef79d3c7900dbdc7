"""The Home Assistant scenario's measurement, run by ``bench/ha_scenario.py`` as a pytest
module (it uses the pytest-homeassistant-custom-component ``hass`` fixture):

    BENCH_HA_ENTRIES=10 BENCH_HA_FLEET=fleet.json BENCH_HA_OUT=out.json \
        .venv/bin/python -m pytest -q -p no:randomly bench/ha_measure.py

Sets up N config entries against the already running fleet (``bench/ha_fleet.py``, its
JSON description in BENCH_HA_FLEET), then measures:

- memory per entry: Python allocations traced by tracemalloc (off with
  BENCH_HA_TRACEMALLOC=0) and resident memory (RSS) after setting up the N entries minus
  before, divided by N (after a garbage collection; the integration and its platforms are
  loaded before, so one-off imports are not counted);
- per refresh cycle (``asyncio.gather`` of every coordinator's ``async_refresh``, entity
  state writes included): wall time on ``loop.time()``, the time the event loop spent
  running callbacks during the cycle (every ``Handle._run`` timed), the process CPU time,
  and callbacks slower than asyncio's 0.1 s "slow callback" threshold.

BENCH_HA_PROFILE=PATH also writes a cProfile of the measured cycles (slows them down).
"""

from __future__ import annotations

import asyncio
import cProfile
import gc
import importlib
import json
import os
import statistics
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import pytest_socket
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import format_mac
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

import custom_components  # noqa: F401  (bind our package before the HA plugin's test one)
from custom_components.asic_miner import PLATFORMS
from custom_components.asic_miner.const import CONF_SCAN_INTERVAL, CONF_SSH_HOST_KEY, DOMAIN

SLOW_CALLBACK = 0.1  # s: asyncio's default slow_callback_duration
CYCLES = int(os.environ.get("BENCH_HA_CYCLES", "5"))


@pytest.fixture(autouse=True)
def _setup(enable_custom_integrations: None) -> None:
    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(["127.0.0.0/8"], allow_unix_socket=True)


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class CallbackTimer:
    """Times every callback the event loop runs (asyncio.Handle._run, timers included)."""

    def __init__(self) -> None:
        self.busy = 0.0
        self.count = 0
        self.slow = 0
        self.longest = 0.0

    def reset(self) -> None:
        self.busy, self.count, self.slow, self.longest = 0.0, 0, 0, 0.0

    @contextmanager
    def installed(self) -> Iterator[None]:
        original = asyncio.Handle._run
        clock = time.perf_counter

        def timed_run(handle: asyncio.Handle) -> None:
            start = clock()
            try:
                original(handle)
            finally:
                spent = clock() - start
                self.busy += spent
                self.count += 1
                self.longest = max(self.longest, spent)
                if spent >= SLOW_CALLBACK:
                    self.slow += 1

        asyncio.Handle._run = timed_run  # type: ignore[method-assign]
        try:
            yield
        finally:
            asyncio.Handle._run = original  # type: ignore[method-assign]


def _entry(miner: dict[str, Any]) -> MockConfigEntry:
    data = {
        CONF_HOST: miner["host"],
        CONF_USERNAME: miner["username"],
        CONF_PASSWORD: miner["password"],
    }
    if miner.get("ssh_host_key"):  # recorded by the config flow (BOSminer)
        data[CONF_SSH_HOST_KEY] = miner["ssh_host_key"]
    return MockConfigEntry(
        domain=DOMAIN,
        title=miner["title"],
        unique_id=format_mac(miner["mac"]),
        data=data,
        # No scheduled poll during the measurement: the cycles are started by hand.
        options={CONF_SCAN_INTERVAL: 3600},
    )


def _fleet() -> list[dict[str, Any]]:
    miners: list[dict[str, Any]] = json.loads(
        Path(os.environ["BENCH_HA_FLEET"]).read_text(encoding="utf-8")
    )["miners"]
    return miners


def _write(result: dict[str, Any]) -> None:
    Path(os.environ["BENCH_HA_OUT"]).write_text(json.dumps(result, indent=2), encoding="utf-8")


async def test_home_assistant_scenario(hass: HomeAssistant) -> None:
    count = int(os.environ["BENCH_HA_ENTRIES"])
    miners = _fleet()[:count]
    assert len(miners) == count, f"the fleet has only {len(miners)} miners"
    traced = os.environ.get("BENCH_HA_TRACEMALLOC", "1") == "1"
    loop = asyncio.get_running_loop()
    # The test harness runs the loop in asyncio debug mode (a stack captured for every
    # callback and future, several times the cost); Home Assistant runs without it.
    debug = loop.get_debug()
    loop.set_debug(False)

    # Load the integration, its platforms and their entity components first: one-off costs
    # every Home Assistant with this integration pays, not the entries' (the first entry
    # would pay for all the imports otherwise).
    assert await async_setup_component(hass, DOMAIN, {})
    for platform in PLATFORMS:
        assert await async_setup_component(hass, platform, {})
        importlib.import_module(f"custom_components.asic_miner.{platform}")
    await hass.async_block_till_done()
    gc.collect()
    if traced:
        tracemalloc.start()
    traced_before = tracemalloc.get_traced_memory()[0] if traced else 0
    rss_before = rss_bytes()
    started = time.perf_counter()
    entries = [_entry(miner) for miner in miners]
    for entry in entries:
        entry.add_to_hass(hass)
    results = await asyncio.gather(
        *(hass.config_entries.async_setup(entry.entry_id) for entry in entries)
    )
    await hass.async_block_till_done()
    setup_seconds = time.perf_counter() - started
    assert all(results), "an entry did not set up"
    assert all(e.state is ConfigEntryState.LOADED for e in entries)
    gc.collect()
    rss_after = rss_bytes()
    traced_after = tracemalloc.get_traced_memory()[0] if traced else 0
    if traced:
        tracemalloc.stop()
    coordinators = [entry.runtime_data for entry in entries]
    entities = len(hass.states.async_all())

    timer = CallbackTimer()
    cycles: list[dict[str, float]] = []
    profile_path = os.environ.get("BENCH_HA_PROFILE")
    profiler = cProfile.Profile() if profile_path else None
    with timer.installed():
        for n in range(CYCLES + 1):  # the first one warms up (connections, digest login)
            await hass.async_block_till_done()
            timer.reset()
            cpu0, wall0 = time.process_time(), loop.time()
            if profiler is not None and n:
                profiler.enable()
            await asyncio.gather(*(c.async_refresh() for c in coordinators))
            if profiler is not None:
                profiler.disable()
            wall, cpu = loop.time() - wall0, time.process_time() - cpu0
            busy, callbacks, slow, longest = timer.busy, timer.count, timer.slow, timer.longest
            assert all(c.last_update_success for c in coordinators), "a refresh failed"
            if n:
                cycles.append(
                    {
                        "wall_ms": wall * 1000,
                        "loop_busy_ms": busy * 1000,
                        "cpu_ms": cpu * 1000,
                        "callbacks": callbacks,
                        "slow_callbacks": slow,
                        "longest_callback_ms": longest * 1000,
                    }
                )

    if profiler is not None and profile_path:
        profiler.dump_stats(profile_path)

    def median(key: str) -> float:
        return round(statistics.median(c[key] for c in cycles), 2)

    result: dict[str, Any] = {
        "entries": count,
        "entities": entities,
        "models": sorted({m["model"] for m in miners}),
        "setup_s": round(setup_seconds, 2),
        "cycles": len(cycles),
        "cycle_wall_ms": median("wall_ms"),
        "cycle_loop_busy_ms": median("loop_busy_ms"),
        "cycle_cpu_ms": median("cpu_ms"),
        "cycle_loop_busy_ms_per_entry": round(median("loop_busy_ms") / count, 3),
        "cycle_callbacks": median("callbacks"),
        "slow_callbacks": sum(int(c["slow_callbacks"]) for c in cycles),
        "longest_callback_ms": round(max(c["longest_callback_ms"] for c in cycles), 2),
        "rss_per_entry_kib": round((rss_after - rss_before) / count / 1024, 1),
        "traced_per_entry_kib": (
            round((traced_after - traced_before) / count / 1024, 1) if traced else None
        ),
        "per_cycle": cycles,
    }
    for entry in entries:
        await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    loop.set_debug(debug)
    _write(result)
