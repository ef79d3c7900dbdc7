"""Braiins OS+ 22.08-25.05 over the web GraphQL endpoint, against the simulated S19 on
BOS+ 24.09: identification through real probes, every read, every control (what the miner
received and changed), bounds enforced before sending, logins (default, old default,
custom, wrong), sessions that end, faults, requests per poll. On 127.0.71.10-99.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from custom_components.asic_miner.driver import (
    Credentials,
    MinerAuthenticationError,
    MinerConfig,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
)
from custom_components.asic_miner.driver.backends.braiins import family as braiins_family
from custom_components.asic_miner.driver.backends.braiins import rest
from custom_components.asic_miner.driver.backends.braiins.graphql import BraiinsGraphQL, identify
from custom_components.asic_miner.driver.config import PoolConfig
from custom_components.asic_miner.driver.errors import MinerCommandError
from custom_components.asic_miner.driver.identify import RPC_MARKERS, WEB_MARKERS
from custom_components.asic_miner.driver.probes import Probes
from custom_components.asic_miner.driver.settings import ChoiceKey, NumberKey
from custom_components.asic_miner.driver.transport.http import WebClient
from custom_components.asic_miner.driver.transport.rpc import RpcClient
from tests.simulator.bosplus import BosPlusSim
from tests.simulator.bosplus.testing import StartBosPlus, bosplus_fixture
from tests.simulator.faults import Fault

from .request_counting import HTTP, Counts, trace_config

start_bosplus = bosplus_fixture(10, 99)
TIMEOUT = 1.0
CUSTOM = 'my "own" pass\\word {x}'  # quotes, a backslash and braces: GraphQL syntax


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def miner_for(sim: BosPlusSim, password: str | None = None, **kwargs: Any) -> BraiinsGraphQL:
    credentials = Credentials(password=password) if password is not None else None
    return BraiinsGraphQL(sim.address, credentials=credentials, timeout=TIMEOUT, **kwargs)


async def probe(address: str, session: aiohttp.ClientSession) -> Any:
    rpc = RpcClient(address, timeout=TIMEOUT, text_fallback=True)
    web_client = WebClient(address, lambda: session, timeout=TIMEOUT)
    probes = Probes(rpc, web_client, None, rpc_markers=RPC_MARKERS, web_markers=WEB_MARKERS)
    try:
        return await identify(probes), await probes.first_family()
    finally:
        probes.cancel()
        await asyncio.gather(*probes.tasks, return_exceptions=True)


# -- identification ---------------------------------------------------------------------


async def test_identify_names_the_backend_and_the_model(
    start_bosplus: StartBosPlus, session: aiohttp.ClientSession
) -> None:
    sim = await start_bosplus()
    identity, family = await probe(sim.address, session)
    assert identity is not None
    assert identity.backend is BraiinsGraphQL
    assert identity.model == "S19"
    assert family == "braiins"  # the RPC "BOSer" and the page's "Braiins OS" both say so
    assert sim.state.sessions == {}  # identified without logging in


async def test_the_family_resolves_to_this_generation_beside_the_rest_api(
    start_bosplus: StartBosPlus, session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As family.py will run it once wired: every web generation asked, the newest that
    answers taken (the REST API of 25.07 on is not served by this release)."""
    monkeypatch.setattr(braiins_family, "_NEWER_GENERATIONS", (identify, rest.identify))
    sim = await start_bosplus()
    rpc = RpcClient(sim.address, timeout=TIMEOUT, text_fallback=True)
    web_client = WebClient(sim.address, lambda: session, timeout=TIMEOUT)
    probes = Probes(rpc, web_client, None, rpc_markers=RPC_MARKERS, web_markers=WEB_MARKERS)
    try:
        found = await braiins_family.resolve(probes)
    finally:
        probes.cancel()
        await asyncio.gather(*probes.tasks, return_exceptions=True)
    assert (found.backend, found.model) == (BraiinsGraphQL, "S19")


async def test_identify_is_none_where_no_graphql_answers(session: aiohttp.ClientSession) -> None:
    app = web.Application()

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<title>Braiins OS</title>")

    app.router.add_get("/", page)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.71.100", 80).start()
    try:
        identity, _ = await probe("127.0.71.100", session)
    finally:
        await runner.cleanup()
    assert identity is None


# -- reads ------------------------------------------------------------------------------


async def test_every_read_is_what_the_miner_reports(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        data = await miner.get_data()
    state = sim.state
    assert (data.make, data.model, data.firmware) == ("Antminer", "S19", "Braiins OS")
    assert data.fw_ver == "2024-10-17-0-75912fc7-24.09-plus"
    assert data.hostname == "IC078"
    assert data.mac == sim.mac.upper()
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=1e-5)
    assert data.expected_hashrate == pytest.approx(95.0)
    assert data.wattage == state.power_w == 3317
    assert data.wattage_limit == 3250
    assert data.efficiency == pytest.approx(round(3317 / data.hashrate, 2))
    assert data.uptime is not None
    assert data.uptime >= 717641
    assert data.tuner_state == "stable"
    assert data.is_mining is True
    assert data.fault_light is False
    assert [b.slot for b in data.hashboards] == [0, 1, 2]
    assert [(b.temp, b.chip_temp) for b in data.hashboards] == [
        (56.4375, 71.4375),
        (53.375, 68.375),
        (52.9375, 67.9375),
    ]
    assert [(b.chips, b.expected_chips) for b in data.hashboards] == [(76, 76)] * 3
    assert sum(b.hashrate or 0 for b in data.hashboards) == pytest.approx(data.hashrate)
    assert [f.speed for f in data.fans] == [6414, 6414, 6354, 6324]
    assert data.fan_percent == 100
    assert [(p.url, p.user, p.active, p.alive, p.accepted, p.rejected) for p in data.pools] == [
        ("stratum+tcp://example.pool.com:3333", "asic_rs.test", True, True, 111393, 239),
        ("stratum+tcp://example.pool2.com:3333", "asic_rs.test", False, True, 13, 0),
    ]
    assert (data.shares_accepted, data.shares_rejected) == (111406, 239)
    assert data.hashrate_averages["1h"] == pytest.approx(data.hashrate)
    power = data.settings.numbers[NumberKey.POWER_TARGET]
    assert (power.value, power.minimum, power.maximum, power.unit) == (3250, 1700, 6500, "W")
    rate = data.settings.numbers[NumberKey.HASHRATE_TARGET]
    assert (rate.minimum, rate.maximum, rate.unit) == (47.5, 142.5, "TH/s")
    mode = data.settings.choices[ChoiceKey.PERFORMANCE_MODE]
    assert (mode.current, mode.options) == ("power_target", ("power_target", "hashrate_target"))
    cooling = data.settings.choices[ChoiceKey.COOLING_MODE]
    assert (cooling.current, cooling.options) == ("auto", ("auto", "manual", "immersion"))
    assert data.errors == []


async def test_notices_of_the_miner_are_errors(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    sim.state.appeals.append(
        {"id": "7", "kind": "ERROR", "message": "Hashboard 2 overheated", "timestamp": 1}
    )
    sim.state.appeals.append({"id": "8", "kind": "INFO", "message": "Upgrade", "timestamp": 2})
    async with miner_for(sim) as miner:
        data = await miner.get_data()
    assert [(e.code, e.message) for e in data.errors] == [("7", "Hashboard 2 overheated")]


async def test_a_field_failing_on_the_miner_leaves_the_rest_of_the_poll(
    start_bosplus: StartBosPlus,
) -> None:
    sim = await start_bosplus()
    sim.state.failing.add(("bos", "macAddress"))
    async with miner_for(sim) as miner:
        first = await miner.get_data()
        second = await miner.get_data()
        assert miner.graphql.logins == 2  # one more to rule out an ended session, once
    assert (first.mac, second.mac) == (None, None)
    assert second.hashrate
    assert second.hostname == "IC078"


# -- controls ---------------------------------------------------------------------------


async def test_power_target_moves_power_and_hashrate(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        before = await miner.get_data()
        await miner.set_number(NumberKey.POWER_TARGET, 2000)
        after = await miner.get_data()
    assert sim.state.power_target == 2000
    assert after.settings.numbers[NumberKey.POWER_TARGET].value == 2000
    assert after.wattage_limit == 2000
    assert after.wattage is not None
    assert before.wattage is not None
    assert after.wattage < before.wattage
    assert after.hashrate is not None
    assert before.hashrate is not None
    assert after.hashrate < before.hashrate


async def test_targets_outside_the_bounds_are_refused_before_sending(
    start_bosplus: StartBosPlus,
) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        await miner.get_data()
        with pytest.raises(ValueError, match="between 1700 and 6500"):
            await miner.set_number(NumberKey.POWER_TARGET, 1699)
        with pytest.raises(ValueError, match=r"between 47\.5 and 142\.5"):
            await miner.set_number(NumberKey.HASHRATE_TARGET, 150)
        with pytest.raises(ValueError, match="must be one of"):
            await miner.set_choice(ChoiceKey.PERFORMANCE_MODE, "turbo")
    assert sim.state.mutations == []


async def test_a_refusal_of_the_miner_is_a_command_error(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        await miner.get_data()
        # The miner's bounds shrank after the poll (another client, a new PSU).
        sim.spec = dataclasses.replace(sim.spec, power_bounds_w=(1700, 3000))
        with pytest.raises(MinerCommandError, match=r"not in allowed range \[Some\(1700\)"):
            await miner.set_number(NumberKey.POWER_TARGET, 3200)
    assert sim.state.power_target == 3250


async def test_hashrate_target_and_the_mode_between_them(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        await miner.set_number(NumberKey.HASHRATE_TARGET, 80.5)
        data = await miner.get_data()
        assert (sim.state.mode, sim.state.hashrate_target) == ("HASHRATE_TARGET", 80.5)
        assert data.settings.choices[ChoiceKey.PERFORMANCE_MODE].current == "hashrate_target"
        assert data.expected_hashrate == pytest.approx(80.5)
        await miner.set_choice(ChoiceKey.PERFORMANCE_MODE, "power_target")
        data = await miner.get_data()
    assert sim.state.mode == "POWER_TARGET"
    assert data.wattage_limit == 3250


async def test_cooling_mode(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        await miner.set_choice(ChoiceKey.COOLING_MODE, "immersion")
        data = await miner.get_data()
        assert sim.state.immersion is True
        assert data.settings.choices[ChoiceKey.COOLING_MODE].current == "immersion"
        await miner.set_choice(ChoiceKey.COOLING_MODE, "manual")
        data = await miner.get_data()
    assert (sim.state.cooling_mode, sim.state.immersion) == ("MANUAL", False)
    assert data.settings.choices[ChoiceKey.COOLING_MODE].current == "manual"


async def test_stop_and_resume_mining(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        await miner.stop_mining()
        stopped = await miner.get_data()
        await miner.resume_mining()
        resumed = await miner.get_data()
    assert stopped.is_mining is False
    assert stopped.hashrate == 0
    assert all(b.hashrate == 0 for b in stopped.hashboards)
    assert resumed.is_mining is True
    assert resumed.hashrate
    assert sim.state.mutations == ["stop", "start"]


async def test_restart_backend_and_reboot(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        await miner.restart_backend()
        assert sim.state.restarts == 1
        await miner.reboot()
        await asyncio.sleep(0.2)
        assert not sim.online
        await asyncio.sleep(0.4)
        assert sim.online
        data = await miner.get_data()  # a new session after the reboot
    assert data.uptime is not None
    assert data.uptime < 5


async def test_fault_light(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        await miner.fault_light_on()
        assert sim.state.fault_light is True
        assert await miner.check_light() is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert await miner.check_light() is False
    assert sim.state.fault_light is False


async def test_pools_read_and_sent(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        config = await miner.get_config()
        assert [(p.url, p.user) for p in config.pools] == [
            ("stratum+tcp://example.pool.com:3333", "asic_rs.test"),
            ("stratum+tcp://example.pool2.com:3333", "asic_rs.test"),
        ]
        await miner.send_config(
            MinerConfig(pools=[PoolConfig("stratum+tcp://pool.example:3333", "me.w1", "pw1")])
        )
        data = await miner.get_data()
    assert [(p.url, p.user, p.password) for p in sim.state.pools] == [
        ("stratum+tcp://pool.example:3333", "me.w1", "pw1")
    ]
    assert sim.state.group_name == "foremanGroup"
    assert sim.state.mutations[-2:] == ["groups", "restart"]
    assert [p.url for p in data.pools] == ["stratum+tcp://pool.example:3333"]


async def test_a_bad_pool_is_refused_before_sending(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        with pytest.raises(ValueError, match="pool 1"):
            await miner.send_config(MinerConfig(pools=[PoolConfig("no url here", "me")]))
    assert sim.state.mutations == []


# -- logins and sessions ----------------------------------------------------------------


async def test_the_old_default_password_is_tried_when_none_was_given(
    start_bosplus: StartBosPlus,
) -> None:
    sim = await start_bosplus(password="root")
    async with miner_for(sim) as miner:
        assert (await miner.get_data()).hashrate
        assert miner.graphql.logins == 1


async def test_a_custom_password_works(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus(password=CUSTOM)
    async with miner_for(sim, CUSTOM) as miner:
        data = await miner.get_data()
        await miner.fault_light_on()
    assert data.hashrate
    assert sim.state.fault_light is True


async def test_a_wrong_password_is_an_authentication_error(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus(password=CUSTOM)
    async with miner_for(sim, "not it") as miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
    async with miner_for(sim) as miner:  # neither default works either
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
    sim.set_fault(Fault.WRONG_PASSWORD)
    async with miner_for(sim, CUSTOM) as miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()


async def test_an_ended_session_is_renewed_once(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus(session_seconds=0.2)
    async with miner_for(sim) as miner:
        await miner.get_data()
        await asyncio.sleep(0.3)
        assert (await miner.get_data()).hashrate
        sim.state.expire_sessions()
        assert (await miner.get_data()).hashrate
        assert miner.graphql.logins == 3
        # Ended, and the password changed meanwhile: the user's to fix.
        sim.state.expire_sessions()
        sim.state.password = "changed"
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()


# -- faults -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.SILENCE, MinerTimeoutError),
        (Fault.GARBAGE, MinerProtocolError),
        (Fault.TRUNCATED, MinerProtocolError),
        (Fault.DROP, MinerConnectionError),
    ],
)
async def test_faults_fail_the_poll_and_heal(
    start_bosplus: StartBosPlus, fault: Fault, error: type[Exception]
) -> None:
    sim = await start_bosplus()
    async with miner_for(sim) as miner:
        await miner.get_data()
        sim.set_fault(fault, protocol="http")
        with pytest.raises(error):
            await miner.get_data()
        sim.clear_faults()
        assert (await miner.get_data()).hashrate


async def test_a_delay_within_the_timeout_is_waited_for(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    sim.set_fault(Fault.DELAY, 0.3, protocol="http")
    async with miner_for(sim) as miner:
        assert (await miner.get_data()).hashrate


# -- requests per poll ------------------------------------------------------------------


async def test_one_request_per_poll_after_the_first(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()
    counts = Counts()
    async with aiohttp.ClientSession(trace_configs=[trace_config(counts)]) as session:
        miner = miner_for(sim, session=session)
        await miner.get_data()
        # The login, the poll refused for two fields 24.09 lacks, the poll without them.
        assert counts.requests == {"POST /graphql": 3}
        counts.clear()
        for _ in range(3):
            await miner.get_data()
        assert counts.requests == {"POST /graphql": 3}
        assert counts.tcp[HTTP] == 0  # the connection is kept alive
        await miner.close()
