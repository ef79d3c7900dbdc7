"""The light scan (issue 5): ``get_mac`` instead of a poll, no probes of closed ports.

Addresses: 127.0.16.x only. Requests are counted on the client side, as in
test_requests_per_poll.py: every ``asyncio.open_connection`` (RPC 4028, API V3 4433) with
what is written on it, and aiohttp trace signals for HTTP.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from custom_components.asic_miner.driver import Credentials, Miner, find_miner
from custom_components.asic_miner.driver.backends.antminer.backend import AntminerStock
from custom_components.asic_miner.driver.errors import MinerAuthenticationError
from custom_components.asic_miner.driver.scan import MINER_PORTS, open_ports, probe_host, scan
from tests.simulator import Fault, SimulatedMiner

from .request_counting import HTTP, RPC, V3, Counts, count_connections, trace_config

_ADDRESSES = (f"127.0.16.{n}" for n in itertools.cycle(range(10, 250)))
PASSWORD = "s3cret"
MODELS = ("antminer-s19pro", "antminer-s9", "whatsminer-m50s", "whatsminer-m60s")
# The requests of a full poll (any of them in a scan means the scan polled).
POLL_ONLY = {
    "version+summary+pools+stats",
    "stats new_api",
    "GET /cgi-bin/get_blink_status.cgi",
    "GET /cgi-bin/get_miner_conf.cgi",
    "GET /cgi-bin/summary.cgi",
    "POST /cgi-bin/blink.cgi",
    "summary+pools+edevs+devdetails",
    "status",
    "get_error_code",
    "get.miner.status",
    "get.miner.setting",
}


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    return count_connections(monkeypatch)


@pytest.fixture
async def session(counts: Counts) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(trace_configs=[trace_config(counts)]) as session:
        yield session


@pytest.fixture
async def sim(request: pytest.FixtureRequest) -> AsyncIterator[SimulatedMiner]:
    started = SimulatedMiner(request.param, next(_ADDRESSES), password=PASSWORD)
    await started.start()
    if started.api_version and started.api_version >= 3:
        started.state.v3_passwords["super"] = PASSWORD
    yield started
    await started.stop()


def _login(model: str) -> Credentials:
    return Credentials("root" if model.startswith("antminer") else None, PASSWORD)


def _no_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    async def get_data(self: Miner) -> Any:
        raise AssertionError(f"{self!r}: full poll during a scan")

    classes: list[type[Miner]] = [Miner]
    while classes:
        cls = classes.pop()
        if "get_data" in vars(cls):
            monkeypatch.setattr(cls, "get_data", get_data)
        classes.extend(cls.__subclasses__())


# -- get_mac -----------------------------------------------------------------------------


@pytest.mark.parametrize("sim", MODELS, indirect=True)
async def test_get_mac_per_family(sim: SimulatedMiner, session: aiohttp.ClientSession) -> None:
    """The MAC as a poll reports it (upper case, colons), without a poll."""
    miner = await find_miner(sim.address, credentials=_login(sim.model), session=session)
    try:
        polled = (await miner.get_data()).mac
        mac = await miner.get_mac()
    finally:
        await miner.close()
    assert mac == polled == sim.mac
    assert mac == mac.upper()
    assert mac.count(":") == 5


@pytest.mark.parametrize("sim", MODELS, indirect=True)
async def test_get_mac_is_cheap(
    sim: SimulatedMiner, counts: Counts, session: aiohttp.ClientSession
) -> None:
    """One read (Antminer: the system info CGI, digest challenge included, and the RPC
    version beside it); nothing a poll reads besides."""
    miner = await find_miner(sim.address, credentials=_login(sim.model), session=session)
    counts.requests.clear()
    try:
        assert await miner.get_mac() == sim.mac
    finally:
        await miner.close()
    requests = dict(counts.requests)
    assert not set(requests) & POLL_ONLY, requests
    expected = {
        "antminer-s19pro": {"version", "GET /cgi-bin/get_system_info.cgi"},
        "antminer-s9": {"version", "GET /cgi-bin/get_system_info.cgi"},
        "whatsminer-m50s": {"get_miner_info"},
        "whatsminer-m60s": {"get.device.info"},
    }[sim.model]
    assert set(requests) == expected, requests
    assert sum(requests.values()) <= 3, requests


@pytest.mark.parametrize("sim", ["antminer-s19pro"], indirect=True)
async def test_get_mac_wrong_login_raises(sim: SimulatedMiner) -> None:
    """A refused login is an authentication error (the scan reports ``auth_required``)."""
    async with await find_miner(sim.address, credentials=Credentials("root", "wrong")) as miner:
        assert isinstance(miner, AntminerStock)
        with pytest.raises(MinerAuthenticationError):
            await miner.get_mac()


@pytest.mark.parametrize("sim", ["antminer-s19pro"], indirect=True)
async def test_get_mac_default_is_a_poll(sim: SimulatedMiner) -> None:
    """The base surface falls back to a poll's MAC."""
    async with await find_miner(sim.address, credentials=_login(sim.model)) as miner:
        assert await Miner.get_mac(miner) == sim.mac


# -- the scan ----------------------------------------------------------------------------


@pytest.mark.parametrize("sim", MODELS, indirect=True)
async def test_scan_does_not_poll(
    sim: SimulatedMiner,
    counts: Counts,
    session: aiohttp.ClientSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Identified with make and model, its MAC read: no poll's request goes out."""
    _no_poll(monkeypatch)
    results = [
        result async for result in scan(sim.address, credentials=_login(sim.model), session=session)
    ]
    assert len(results) == 1
    result = results[0]
    assert result.mac == sim.mac
    assert not result.auth_required
    assert result.data is not None
    assert result.miner.model
    assert result.miner.model in sim.model_name
    assert (result.data.make, result.data.model) == (result.miner.make, result.miner.model)
    requests = dict(counts.requests)
    assert not set(requests) & POLL_ONLY, requests
    # Port probes aside: identification (at most 4 probes and a model read) and the MAC.
    assert sum(requests.values()) <= 8, requests


@pytest.mark.parametrize("sim", ["antminer-s19pro"], indirect=True)
async def test_scan_login_needed_without_poll(
    sim: SimulatedMiner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_poll(monkeypatch)
    result = await probe_host(sim.address, credentials=Credentials("root", "wrong"))
    assert result is not None
    assert result.auth_required
    assert result.data is None


# -- ports -------------------------------------------------------------------------------


@pytest.mark.parametrize("sim", ["antminer-s19pro"], indirect=True)
async def test_open_ports(sim: SimulatedMiner) -> None:
    """An Antminer listens on 4028 and 80; 4433 refuses (loopback) and is left out."""
    assert await open_ports(sim.address) == frozenset({RPC, HTTP})
    assert await open_ports("127.0.16.251") == frozenset()
    assert set(MINER_PORTS) == {RPC, HTTP, V3}


@pytest.mark.parametrize("sim", ["whatsminer-m60s"], indirect=True)
async def test_closed_ports_are_not_probed(
    sim: SimulatedMiner, counts: Counts, session: aiohttp.ClientSession
) -> None:
    """Told that only 4028 may answer, identification sends no web and no V3 probe (a
    Whatsminer whose 4433 is closed gets API V2, as when 4433 refuses)."""
    miner = await find_miner(sim.address, session=session, ports={RPC})
    await miner.close()
    assert type(miner).__name__ == "WhatsminerV2"
    assert counts.tcp[V3] == 0
    assert not any(key.startswith("GET ") for key in counts.requests), dict(counts.requests)

    counts.tcp.clear()
    counts.requests.clear()
    miner = await find_miner(sim.address, session=session)  # all ports, as before
    await miner.close()
    assert type(miner).__name__ == "WhatsminerV3"
    assert counts.tcp[V3] >= 1
    assert counts.requests["GET /"] == 1


@pytest.mark.parametrize("sim", ["whatsminer-m60s"], indirect=True)
async def test_only_v3_port(sim: SimulatedMiner, counts: Counts) -> None:
    """Only 4433 named as open: identified by the V3 probe alone, no RPC sent."""
    miner = await find_miner(sim.address, ports={V3})
    await miner.close()
    assert type(miner).__name__ == "WhatsminerV3"
    assert miner.model
    assert counts.tcp[RPC] == 0


@pytest.mark.parametrize("sim", ["antminer-s19pro", "antminer-s9"], indirect=True)
async def test_antminer_model_from_rpc_without_a_web_login(
    sim: SimulatedMiner, counts: Counts, session: aiohttp.ClientSession
) -> None:
    """The RPC version names the model: identification logs in to no web page (GET / for
    its realm only); the web's minertype is read when the RPC API answers nothing usable."""
    miner = await find_miner(sim.address, credentials=_login(sim.model), session=session)
    await miner.close()
    assert miner.model
    assert miner.model in sim.model_name
    assert counts.requests["GET /cgi-bin/get_system_info.cgi"] == 0, dict(counts.requests)

    counts.requests.clear()
    sim.set_fault(Fault.GARBAGE, protocol="rpc")
    miner = await find_miner(sim.address, credentials=_login(sim.model), session=session)
    await miner.close()
    assert miner.model
    assert miner.model in sim.model_name
    assert counts.requests["GET /cgi-bin/get_system_info.cgi"] >= 1, dict(counts.requests)
