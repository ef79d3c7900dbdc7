"""Braiins OS 25.07+ over its REST API against the simulated S21 Pro (26.04) and S19 XP
(25.07): identification, every read, every control (what the miner received and changed),
bounds enforced before sending, logins and tokens, faults, requests per poll.
On 127.0.72.10-99.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from custom_components.asic_miner.driver import (
    ConnectionDroppedError,
    Credentials,
    MinerAuthenticationError,
    MinerConfig,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
    UnsupportedOperation,
    find_miner,
)
from custom_components.asic_miner.driver.backends.braiins import family as braiins_family
from custom_components.asic_miner.driver.backends.braiins import rest
from custom_components.asic_miner.driver.backends.braiins.rest import BraiinsRest, identify
from custom_components.asic_miner.driver.config import MiningMode, MiningModeConfig, PoolConfig
from custom_components.asic_miner.driver.identify import RPC_MARKERS, WEB_MARKERS
from custom_components.asic_miner.driver.probes import Probes
from custom_components.asic_miner.driver.settings import ChoiceKey, NumberKey
from custom_components.asic_miner.driver.transport.http import WebClient
from custom_components.asic_miner.driver.transport.rpc import RpcClient
from tests.simulator.bos_rest import BosRestSim
from tests.simulator.bos_rest.testing import StartBos, bos_fixture
from tests.simulator.faults import Fault

from .request_counting import HTTP, Counts, trace_config

start_bos = bos_fixture(10, 99)
TIMEOUT = 1.0
POLL = [
    "GET /api/v1/miner/details",
    "GET /api/v1/miner/stats",
    "GET /api/v1/miner/hw/hashboards",
    "GET /api/v1/cooling/state",
    "GET /api/v1/performance/tuner-state",
    "GET /api/v1/configuration/miner",
    "GET /api/v1/pools/",
    "GET /api/v1/miner/errors",
    "GET /api/v1/actions/locate",
]


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def miner_for(sim: BosRestSim, password: str | None = None, **kwargs: Any) -> BraiinsRest:
    credentials = Credentials(password=password) if password is not None else None
    return BraiinsRest(sim.address, credentials=credentials, timeout=TIMEOUT, **kwargs)


async def probe(address: str, session: aiohttp.ClientSession, password: str | None = None) -> Any:
    rpc = RpcClient(address, timeout=TIMEOUT, text_fallback=True)
    web_client = WebClient(address, lambda: session, timeout=TIMEOUT)
    credentials = Credentials(password=password) if password is not None else None
    probes = Probes(rpc, web_client, credentials, rpc_markers=RPC_MARKERS, web_markers=WEB_MARKERS)
    try:
        return await identify(probes)
    finally:
        probes.cancel()
        await asyncio.gather(*probes.tasks, return_exceptions=True)


# -- identification ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "name"), [("braiins-s21-bos", "S21 Pro"), ("braiins-s19xp-bos2507", "S19 XP")]
)
async def test_identify_names_the_generation_and_model(
    start_bos: StartBos, session: aiohttp.ClientSession, model: str, name: str
) -> None:
    sim = await start_bos(model)
    identity = await probe(sim.address, session)
    assert identity is not None
    assert identity.backend is BraiinsRest
    assert identity.model == name


async def test_identify_with_a_refused_login_still_names_the_generation(
    start_bos: StartBos, session: aiohttp.ClientSession
) -> None:
    sim = await start_bos(password="secret")
    identity = await probe(sim.address, session, password="wrong")
    assert identity is not None
    assert (identity.backend, identity.model) == (BraiinsRest, None)


async def test_identify_is_none_where_no_rest_api_answers(session: aiohttp.ClientSession) -> None:
    # An older Braiins OS web server: /api/v1 is not there.
    app = web.Application()

    async def not_found(request: web.Request) -> web.Response:
        return web.Response(status=404)

    app.router.add_route("*", "/{tail:.*}", not_found)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.72.9", 80)
    await site.start()
    try:
        assert await probe("127.0.72.9", session) is None
    finally:
        await runner.cleanup()


async def test_find_miner_takes_the_rest_generation(
    start_bos: StartBos, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lead's wiring of family.py, as it will be: the REST generation among the newer ones.
    monkeypatch.setattr(braiins_family, "_NEWER_GENERATIONS", (rest.identify,))
    sim = await start_bos()
    miner = await find_miner(sim.address, timeout=TIMEOUT)
    try:
        assert isinstance(miner, BraiinsRest)
        assert miner.model == "S21 Pro"
        assert (miner.make, miner.firmware) == ("Antminer", "Braiins OS")
    finally:
        await miner.close()


# -- reads -------------------------------------------------------------------------------


async def test_every_figure_is_read_as_the_miner_reports_it(start_bos: StartBos) -> None:
    sim = await start_bos()
    figures = sim.figures()
    async with miner_for(sim) as miner:
        data = await miner.get_data()
    stats = figures["stats"]["miner_stats"]
    assert data.make == "Antminer"
    assert data.model == "S21 Pro"
    assert data.firmware == "Braiins OS"
    assert data.fw_ver == "26.04-plus"
    assert data.api_ver == "1.3.0"
    assert data.mac == sim.mac
    assert data.hostname == "Antminer"
    assert data.serial_number == "THQGFKUBDJIAH0E9G"
    assert data.hashrate == pytest.approx(
        stats["real_hashrate"]["last_5s"]["gigahash_per_second"] / 1000, abs=1e-5
    )
    assert data.expected_hashrate == pytest.approx(252.597583, abs=1e-5)
    assert data.hashrate_averages["1h"] == pytest.approx(
        stats["real_hashrate"]["last_1h"]["gigahash_per_second"] / 1000, abs=1e-5
    )
    assert data.wattage == 3480
    assert data.wattage_limit == 3500
    assert data.efficiency == pytest.approx(3480 / data.hashrate, abs=0.01)
    assert data.tuner_state == "continuous"  # overall_tuner_state 5 in the capture
    assert data.is_mining is True
    assert data.fault_light is False
    assert data.uptime is not None
    assert data.uptime >= 7039
    board = data.hashboards[0]
    assert [b.slot for b in data.hashboards] == [0, 1, 2]
    assert (board.temp, board.chip_temp, board.inlet_temp, board.outlet_temp) == (
        50.38,
        65.38,
        35.62,
        50.38,
    )
    assert (board.chips, board.expected_chips) == (65, 65)
    assert board.serial_number == "THQGYSCBDJIAH11S3"
    assert board.hashrate == pytest.approx(83.168431, abs=1e-5)
    assert [f.speed for f in data.fans] == [5943, 5943, 5943, 5973]
    assert data.fan_percent == 92
    assert [(p.url, p.user, p.active, p.accepted) for p in data.pools] == [
        ("stratum+tcp://example.pool.com:3333", "asic_rs.test", True, 848),
        ("stratum+tcp://example.pool2.com:3333", "asic_rs.test", False, 0),
    ]
    assert (data.shares_accepted, data.shares_rejected) == (848, 0)
    assert any(e.code == "H1" for e in data.errors)
    power = data.settings.numbers[NumberKey.POWER_TARGET]
    assert (power.value, power.minimum, power.maximum, power.unit) == (3500, 771, 6435, "W")
    rate = data.settings.numbers[NumberKey.HASHRATE_TARGET]
    assert (rate.value, rate.minimum, rate.maximum) == (None, 11.36, 268.46)
    mode = data.settings.choices[ChoiceKey.PERFORMANCE_MODE]
    assert (mode.current, mode.options) == ("power_target", ("power_target", "hashrate_target"))
    assert ChoiceKey.COOLING_MODE not in data.settings.choices  # not in the captured config


async def test_the_25_07_capture_reads_too(start_bos: StartBos) -> None:
    sim = await start_bos("braiins-s19xp-bos2507")
    async with miner_for(sim) as miner:
        data = await miner.get_data()
    assert (data.model, data.fw_ver, data.api_ver) == ("S19 XP", "25.07-plus", "1.0.0")
    assert data.wattage == 3137
    assert data.wattage_limit == 3031
    assert data.tuner_state == "stable"
    assert [b.chips for b in data.hashboards] == [110, 110, 110]
    assert data.serial_number is None  # null in this capture


# -- controls ----------------------------------------------------------------------------


async def test_power_target_is_set_and_read_back(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.get_data()
        await miner.set_number(NumberKey.POWER_TARGET, 2800)
        assert sim.state.power_target == 2800
        data = await miner.get_data()
    assert data.settings.numbers[NumberKey.POWER_TARGET].value == 2800
    assert data.wattage_limit == 2800
    assert data.wattage == round(3480 * 2800 / 3500)


async def test_hashrate_target_and_the_mode_between_them(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.get_data()
        await miner.set_number(NumberKey.HASHRATE_TARGET, 200.5)
        assert (sim.state.tuner_mode, sim.state.hashrate_target) == (2, 200.5)
        data = await miner.get_data()
        assert data.settings.choices[ChoiceKey.PERFORMANCE_MODE].current == "hashrate_target"
        assert data.settings.numbers[NumberKey.HASHRATE_TARGET].value == 200.5
        assert data.wattage_limit is None
        await miner.set_choice(ChoiceKey.PERFORMANCE_MODE, "power_target")
        assert (sim.state.tuner_mode, sim.state.power_target) == (1, 3500)
        await miner.set_choice(ChoiceKey.PERFORMANCE_MODE, "hashrate_target")
        assert (sim.state.tuner_mode, sim.state.hashrate_target) == (2, 200.5)


async def test_pause_resume_and_restart(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.stop_mining()
        data = await miner.get_data()
        assert data.is_mining is False
        assert data.hashrate == 0
        await miner.resume_mining()
        assert (await miner.get_data()).is_mining is True
        await miner.restart_backend()
        assert sim.state.restarts == 1
        assert (await miner.get_data()).uptime == 0


async def test_reboot_takes_the_miner_away_and_back(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.get_data()
        await miner.reboot()
        for _ in range(50):
            if sim.state.reboots:
                break
            await asyncio.sleep(0.05)
        assert sim.state.reboots == 1
        data = await miner.get_data()  # the token died with the reboot: logged in again
    assert data.is_mining is True
    assert sim.state.logins == 2


async def test_fault_light_is_set_and_read(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.fault_light_on()
        assert sim.state.locate is True
        assert await miner.check_light() is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.locate is False
        assert await miner.check_light() is False


async def test_pools_are_read_and_sent_with_their_password(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        config = await miner.get_config()
        assert [p.url for p in config.pools] == [
            "stratum+tcp://example.pool.com:3333",
            "stratum+tcp://example.pool2.com:3333",
        ]
        wanted = [PoolConfig("stratum+tcp://solo.example:3333", "me.rig1", "pool-pass")]
        await miner.send_config(MinerConfig(pools=wanted))
        assert sim.pool_passwords == ["pool-pass"]
        data = await miner.get_data()
    assert [(p.url, p.user) for p in data.pools] == [("stratum+tcp://solo.example:3333", "me.rig1")]
    assert [g["name"] for g in sim.state.groups] == ["Default"]  # the group keeps its name


async def test_unchanged_pools_are_not_rewritten(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.update_config(lambda config: config)
    assert not [r for r in sim.requests if r.startswith("PUT")]


async def test_a_paused_miner_stays_paused_through_a_pool_change(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.stop_mining()
        assert (await miner.get_config()).mining_mode.mode is MiningMode.SLEEP
        pools = [PoolConfig("stratum+tcp://solo.example:3333", "me.rig1", "pool-pass")]
        await miner.update_config(lambda config: MinerConfig(pools, mining_mode=config.mining_mode))
    assert sim.state.paused is True
    assert "PUT /api/v1/actions/resume" not in sim.requests
    assert sim.state.groups[0]["pools"][0]["url"] == "stratum+tcp://solo.example:3333"


async def test_send_config_sleep_pauses_and_a_power_target_mode_sets_it(
    start_bos: StartBos,
) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
        assert sim.state.paused is True
        mode = MiningModeConfig(MiningMode.POWER_TARGET, power_target=3100)
        await miner.send_config(MinerConfig(mining_mode=mode))
    assert (sim.state.power_target, sim.state.paused) == (3100, False)


async def test_cooling_mode_where_the_miner_reports_it(start_bos: StartBos) -> None:
    sim = await start_bos(cooling_config=True)
    async with miner_for(sim) as miner:
        choice = (await miner.get_data()).settings.choices[ChoiceKey.COOLING_MODE]
        assert (choice.current, choice.options) == ("auto", ("auto", "manual", "immersion"))
        await miner.set_choice(ChoiceKey.COOLING_MODE, "immersion")
        assert sim.state.cooling == "immersion"
        data = await miner.get_data()
    assert data.settings.choices[ChoiceKey.COOLING_MODE].current == "immersion"


# -- refused before sending ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (NumberKey.POWER_TARGET, 770),
        (NumberKey.POWER_TARGET, 6436),
        (NumberKey.HASHRATE_TARGET, 11.35),
        (NumberKey.HASHRATE_TARGET, 268.47),
    ],
)
async def test_targets_outside_the_constraints_send_nothing(
    start_bos: StartBos, key: str, value: float
) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.get_data()
        before = list(sim.requests)
        with pytest.raises(ValueError, match="between"):
            await miner.set_number(key, value)
    assert sim.requests == before
    assert sim.state.power_target == 3500
    assert sim.state.tuner_mode == 1


async def test_unoffered_settings_and_options_send_nothing(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.get_data()
        before = list(sim.requests)
        with pytest.raises(UnsupportedOperation):
            await miner.set_choice(ChoiceKey.COOLING_MODE, "manual")
        with pytest.raises(ValueError, match="must be one of"):
            await miner.set_choice(ChoiceKey.PERFORMANCE_MODE, "manual")
        with pytest.raises(UnsupportedOperation):
            await miner.set_number(NumberKey.FAN_SPEED, 50)
        mode = MiningModeConfig(MiningMode.POWER_TARGET, power_target=9000)
        with pytest.raises(ValueError, match="between"):
            await miner.send_config(MinerConfig(mining_mode=mode))
    assert sim.requests == before


async def test_a_control_before_any_poll_checks_against_a_fresh_read(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        with pytest.raises(ValueError, match="between"):
            await miner.set_number(NumberKey.POWER_TARGET, 10)
        assert not any(r.startswith("PUT") for r in sim.requests)
        await miner.set_number(NumberKey.POWER_TARGET, 3000)
    assert sim.state.power_target == 3000


# -- logins and tokens ---------------------------------------------------------------------


async def test_the_empty_default_password_logs_in(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        assert (await miner.get_data()).model == "S21 Pro"
    assert sim.state.logins == 1


async def test_the_old_root_default_is_tried_when_no_password_was_given(
    start_bos: StartBos,
) -> None:
    sim = await start_bos(password="root")
    async with miner_for(sim) as miner:
        await miner.get_data()
        sim.state.expire_tokens()
        await miner.get_data()
    # "" refused, then "root"; the next login tries "root" first.
    assert [r for r in sim.requests if r.endswith("auth/login")] == ["POST /api/v1/auth/login"] * 3


async def test_a_custom_password_works(start_bos: StartBos) -> None:
    sim = await start_bos(password="my S3cret pass!")
    async with miner_for(sim, password="my S3cret pass!") as miner:
        assert (await miner.get_data()).hashrate
    assert sim.state.logins == 1


async def test_a_wrong_password_is_an_authentication_error_tried_once(start_bos: StartBos) -> None:
    sim = await start_bos(password="right")
    async with miner_for(sim, password="wrong") as miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
    assert sim.requests == ["POST /api/v1/auth/login"]  # no "root" guess for a given password


async def test_a_token_refused_is_renewed_once(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.get_data()
        sim.state.expire_tokens()  # as after another client changed something, or a restart
        data = await miner.get_data()
        assert data.hashrate
        assert sim.state.logins == 2
        sim.state.expire_tokens()
        sim.set_fault(Fault.WRONG_PASSWORD)
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()


async def test_a_token_is_renewed_before_its_time_runs_out(start_bos: StartBos) -> None:
    sim = await start_bos(token_seconds=2)
    async with miner_for(sim) as miner:
        await miner.get_data()
        await asyncio.sleep(2.1)
        await miner.get_data()
    assert sim.state.logins == 2
    # Renewed before use: no request was refused with 401 first.
    assert sim.requests.count("GET /api/v1/miner/details") == 2


# -- faults -------------------------------------------------------------------------------


FAULTS: dict[Fault, type[Exception]] = {
    Fault.DELAY: MinerTimeoutError,
    Fault.SILENCE: MinerTimeoutError,
    Fault.GARBAGE: MinerProtocolError,
    Fault.TRUNCATED: MinerProtocolError,
    Fault.DROP: ConnectionDroppedError,
}


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_each_fault_is_its_driver_error_and_passes(start_bos: StartBos, fault: Fault) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.get_data()
        sim.set_fault(fault, seconds=TIMEOUT * 2)
        with pytest.raises(FAULTS[fault]):
            await miner.get_data()
        sim.clear_faults()
        assert (await miner.get_data()).hashrate


async def test_an_offline_miner_is_a_connection_error(start_bos: StartBos) -> None:
    sim = await start_bos()
    async with miner_for(sim) as miner:
        await miner.get_data()
        await sim.go_offline()
        with pytest.raises(MinerConnectionError):
            await miner.get_data()
        await sim.come_back()
        assert (await miner.get_data()).hashrate


# -- requests per poll ---------------------------------------------------------------------


async def test_requests_per_poll() -> None:
    sim = BosRestSim("braiins-s21-bos", "127.0.72.99", reboot_seconds=0.3)
    counts = Counts()
    async with (
        sim,
        aiohttp.ClientSession(trace_configs=[trace_config(counts)]) as session,
        BraiinsRest(sim.address, session=session, timeout=TIMEOUT) as miner,
    ):
        await miner.get_data()
        first = list(sim.requests)
        assert first == [
            "POST /api/v1/auth/login",
            *POLL,
            "GET /api/v1/configuration/constraints",
            "GET /api/v1/version/",
        ]
        sim.requests.clear()
        counts.clear()
        await miner.get_data()
        assert sim.requests == POLL  # no login, no constraints
        assert counts.tcp[HTTP] == 0  # the first poll's connection kept alive
        assert counts.sent[HTTP] == len(POLL)
        # BOSminer restarted (its uptime fell): the bounds are read again.
        await miner.restart_backend()
        sim.requests.clear()
        await miner.get_data()
        assert sim.requests == [
            *POLL,
            "GET /api/v1/configuration/constraints",
            "GET /api/v1/version/",
        ]


# -- the other generations ----------------------------------------------------------------


@pytest.mark.parametrize("generation", ["bosplus", "bosminer"])
async def test_the_older_generations_are_not_taken_for_rest(
    session: aiohttp.ClientSession, generation: str
) -> None:
    if generation == "bosplus":
        from tests.simulator.bosplus import BosPlusSim

        sim: Any = BosPlusSim("braiins-s19-bosplus", "127.0.72.8", reboot_seconds=0.3)
    else:
        from tests.simulator.bosminer import BosminerSim

        sim = BosminerSim("braiins-s9-bosminer", "127.0.72.7", ssh_port=2272)
    async with sim:
        assert await probe(sim.address, session) is None


async def test_with_every_generation_wired_the_newest_answering_wins(
    start_bos: StartBos, monkeypatch: pytest.MonkeyPatch
) -> None:
    from custom_components.asic_miner.driver.backends.braiins import graphql
    from tests.simulator.bosplus import BosPlusSim

    monkeypatch.setattr(braiins_family, "_NEWER_GENERATIONS", (graphql.identify, rest.identify))
    sim = await start_bos()  # 25.07+ answers the GraphQL model read too (asic-rs relies on it)
    async with (
        BosPlusSim("braiins-s19-bosplus", "127.0.72.6", reboot_seconds=0.3) as older,
    ):
        newest = await find_miner(sim.address, timeout=TIMEOUT)
        other = await find_miner(older.address, timeout=TIMEOUT)
        try:
            assert (type(newest), newest.model) == (BraiinsRest, "S21 Pro")
            assert type(other) is graphql.BraiinsGraphQL
        finally:
            await newest.close()
            await other.close()


async def test_a_scan_finds_it_with_its_mac(
    start_bos: StartBos, monkeypatch: pytest.MonkeyPatch
) -> None:
    from custom_components.asic_miner.driver.scan import scan

    monkeypatch.setattr(braiins_family, "_NEWER_GENERATIONS", (rest.identify,))
    sim = await start_bos()
    locked = await start_bos(password="not the default")
    found = {r.host: r async for r in scan([sim.address, locked.address], timeout=3.0)}
    assert isinstance(found[sim.address].miner, BraiinsRest)
    data = found[sim.address].data
    assert data is not None
    assert (data.model, data.firmware, data.mac) == ("S21 Pro", "Braiins OS", sim.mac)
    assert found[locked.address].auth_required is True
    assert isinstance(found[locked.address].miner, BraiinsRest)
