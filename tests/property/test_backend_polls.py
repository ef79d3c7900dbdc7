"""Whole polls over real sockets: scripted miners answer each backend with mutated replies.

Covered: the parse paths of ``AntminerModern``/``AntminerOld.get_data`` (joined RPC, new_api
stats, the CGI reads), ``WhatsminerV2.get_data`` (joined and lone reads, version, PSU, error
codes), ``WhatsminerV3.get_data`` (device info, status, setting), the ESP-Miner builds'
(``AxeOS``, ``AxeOSPausable``, ``NerdOS``: the info reply and the ASIC options) and
``HiveonOld`` (the stock S9's reads with Hiveon's watts and fee pools), the Avalons'
(``AvalonMiner``, ``AvalonSoftPower``, ``AvalonASeries``: the joined
version+summary+pools+estats, or each alone when the join fails; the model learnt from the
reply), ``BraiinsBosminer`` (the joined RPC read; its SSH port is closed, so the identity
read fails as the poll allows), ``Vnish`` (the four open GETs, the unlock and the preset
list), ``Luxos`` (the joined eleven-command RPC read), ``Marathon`` (the ``/kaonsu/v1/``
GETs) and ``Epic`` (the REST GETs on port 4028), plus ``get_config``. The replies
are the simulator's, of every model of those families, with a few places broken. Property: a
sane MinerData (finite numbers, nothing negative a user would find absurd, slots 0..15,
settings within what they offer) or an AsicMinerError. Addresses 127.0.18.10-14; ESP-Miner
and Avalon 127.0.59.200-209; BOSminer and VNish 127.0.87.210-219; LuxOS 127.0.95.240-241;
MARA 127.0.100.250-251; ePIC 127.0.98.250-251.
BOS+ GraphQL and BOS REST polls over sockets, their login included, are in
test_braiins_graphql_parsers.py and test_braiins_rest_parsers.py.
"""

from __future__ import annotations

import asyncio
import copy
import json
from functools import cache
from typing import Any

import aiohttp
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.antminer.backend import (
    AntminerModern,
    AntminerOld,
)
from custom_components.asic_miner.driver.backends.avalon.backend import (
    POLL as AVALON_POLL,
)
from custom_components.asic_miner.driver.backends.avalon.backend import (
    AvalonASeries,
    AvalonMiner,
    AvalonSoftPower,
)
from custom_components.asic_miner.driver.backends.braiins.bosminer import POLL as BOSMINER_POLL
from custom_components.asic_miner.driver.backends.braiins.bosminer import BraiinsBosminer
from custom_components.asic_miner.driver.backends.epic.backend import Epic
from custom_components.asic_miner.driver.backends.espminer import AxeOS, AxeOSPausable, NerdOS
from custom_components.asic_miner.driver.backends.goldshell.backend import Goldshell
from custom_components.asic_miner.driver.backends.hiveon.backend import HiveonOld
from custom_components.asic_miner.driver.backends.luxos.backend import POLL as LUXOS_POLL
from custom_components.asic_miner.driver.backends.luxos.backend import Luxos
from custom_components.asic_miner.driver.backends.marathon.backend import Marathon
from custom_components.asic_miner.driver.backends.vnish import Vnish
from custom_components.asic_miner.driver.backends.whatsminer.v2 import WhatsminerV2
from custom_components.asic_miner.driver.backends.whatsminer.v3 import WhatsminerV3
from custom_components.asic_miner.driver.config import MinerConfig
from custom_components.asic_miner.driver.credentials import Credentials
from custom_components.asic_miner.driver.data import MinerData
from custom_components.asic_miner.driver.miner import Miner
from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon import rpc as avalon_rpc
from tests.simulator.bosminer import BosminerSim
from tests.simulator.bosminer import rpc as bosminer_rpc
from tests.simulator.epic import EpicSim
from tests.simulator.espminer import EspMinerSim
from tests.simulator.espminer import replies as esp_replies
from tests.simulator.goldshell import GoldshellSim
from tests.simulator.luxos import LuxosSim
from tests.simulator.luxos import rpc as luxos_rpc
from tests.simulator.marathon import MaraSim
from tests.simulator.vnish import MODELS as VNISH_MODELS
from tests.simulator.vnish import VnishSim
from tests.simulator.vnish import replies as vnish_replies

from . import samples
from .checks import async_result_or_driver_error, check_miner_data
from .scripted import ScriptedMiner, encode, read_http_head, serve
from .strategies import damaged_bytes, mutated, socket_examples

TIMEOUT = 0.5


def _replies(table: dict[str, Any]) -> st.SearchStrategy[dict[str, bytes]]:
    """Each reply as it is, mutated, or damaged on the wire."""
    return st.fixed_dictionaries(
        {
            name: st.one_of(
                st.just(encode(reply)), mutated(reply).map(encode), damaged_bytes(reply)
            )
            for name, reply in table.items()
        }
    )


def _with(table: dict[str, Any], name: str, path: tuple[Any, ...], value: Any) -> dict[str, bytes]:
    """The replies with one value replaced (a regression example)."""
    reply = copy.deepcopy(table[name])
    node = reply
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return {**{n: encode(r) for n, r in table.items()}, name: encode(reply)}


async def _poll(backend: type[Miner], host: str, replies: dict[str, bytes]) -> list[Any]:
    miner = ScriptedMiner(host, replies)
    async with miner.running(), aiohttp.ClientSession() as session:
        subject = backend(
            host, credentials=Credentials("root", "root"), session=session, timeout=TIMEOUT
        )
        try:
            return [
                await async_result_or_driver_error(subject.get_data()),
                await async_result_or_driver_error(subject.get_config()),
            ]
        finally:
            await subject.close()


def _check(outcome: list[Any]) -> None:
    data, config = outcome
    event(f"poll: {type(data).__name__}")
    if isinstance(data, MinerData):
        check_miner_data(data)
        for choice in data.settings.choices.values():
            assert choice.current is None or choice.current in choice.options, choice
        for number in data.settings.numbers.values():
            assert number.minimum <= number.maximum, number
            if number.value is not None:
                assert number.minimum <= number.value <= number.maximum, number
    assert isinstance(config, MinerConfig | Exception)


SAMPLE_ADDRESS = "127.0.59.250"  # never listened on: the simulators only write replies
# Each simulated ESP-Miner build and Avalon model, with the backend identification gives it.
ESP_BACKENDS: dict[str, type[Miner]] = {
    "espminer-bitaxe-gamma": AxeOSPausable,
    "espminer-bitaxe-gamma-2.12": AxeOS,
    "espminer-bitaxe-supra-2.4": AxeOS,
    "espminer-nerdqaxe-pp": NerdOS,
}
AVALON_BACKENDS: dict[str, type[Miner]] = {
    "avalon-nano3s": AvalonMiner,
    "avalon-mini3": AvalonSoftPower,
    "avalon-q": AvalonSoftPower,
    "avalon-a1566": AvalonASeries,
}


@cache
def _esp_sample(model: str) -> dict[str, Any]:
    """The info reply and the ASIC options, by path."""
    sim = EspMinerSim(model, SAMPLE_ADDRESS)
    return {
        "/api/system/info": sim.system_info(),
        "/api/system/asic": esp_replies.system_asic(sim.spec),
    }


@cache
def _avalon_sample(model: str) -> dict[str, Any]:
    """What a poll asks, each command's JSON reply as the simulated firmware writes it
    (without its trailing NUL: the damage strategies add their own)."""
    sim = AvalonSim(model, SAMPLE_ADDRESS, quirks=())
    replies = {}
    for command in AVALON_POLL:
        raw = avalon_rpc.respond(sim, json.dumps({"command": command}).encode())
        assert raw is not None
        replies[command] = json.loads(raw)
    return replies


@cache
def _bosminer_sample() -> dict[str, Any]:
    """Each command of the joined poll, as the simulated S9's BOSminer answers it alone."""
    sim = BosminerSim("braiins-s9-bosminer", SAMPLE_ADDRESS)
    replies = {}
    for command in BOSMINER_POLL:
        raw = bosminer_rpc.respond(sim, json.dumps({"command": command}).encode())
        assert raw is not None
        replies[command] = json.loads(raw.rstrip(b"\x00"))
    return replies


VNISH_API = "/api/v1"


@cache
def _vnish_sample(model: str) -> dict[str, Any]:
    """The poll's GETs, the unlock, the preset list and the settings, by path."""
    sim = VnishSim(model, SAMPLE_ADDRESS)
    state = sim.state
    return {
        f"{VNISH_API}/summary": vnish_replies.summary(state),
        f"{VNISH_API}/perf-summary": vnish_replies.perf_summary(state),
        f"{VNISH_API}/status": vnish_replies.status(state),
        f"{VNISH_API}/info": vnish_replies.info(state, sim.mac, SAMPLE_ADDRESS),
        f"{VNISH_API}/unlock": {"token": state.issue_token()},
        f"{VNISH_API}/autotune/presets": vnish_replies.presets(state),
        f"{VNISH_API}/settings": vnish_replies.settings(state),
    }


@cache
def _luxos_sample() -> dict[str, Any]:
    """Each command of the joined poll, as the simulated S19k Pro's LUXminer answers it."""
    sim = LuxosSim("luxos-s19kpro", SAMPLE_ADDRESS)
    return {command: luxos_rpc.READS[command](sim.state) for command in LUXOS_POLL}


def _model_and_replies(
    models: dict[str, type[Miner]], sample: Any
) -> st.SearchStrategy[tuple[str, dict[str, bytes]]]:
    return st.sampled_from(sorted(models)).flatmap(
        lambda model: st.tuples(st.just(model), _replies(sample(model)))
    )


@settings(max_examples=socket_examples())
@given(_replies(samples.antminer()))
@example(_with(samples.antminer(), "stats new_api", ("STATS", 0, "chain", 0, "index"), 10**18))
@example(_with(samples.antminer(), "stats", ("STATS", 1, "fan1"), -4000))
@example(_with(samples.antminer(), "summary", ("SUMMARY", 0, "GHS 5s"), "-1e308"))
def test_modern_antminer_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(AntminerModern, "127.0.18.10", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.antminer("antminer-s9")))
def test_old_antminer_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(AntminerOld, "127.0.18.11", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.antminer("hiveon-s9")))
def test_hiveon_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(HiveonOld, "127.0.101.251", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.whatsminer_v2()))
@example(_with(samples.whatsminer_v2(), "summary", ("SUMMARY", 0, "Fan Speed In"), -3600))
@example(_with(samples.whatsminer_v2(), "summary", ("SUMMARY", 0, "Elapsed"), -5))
@example(_with(samples.whatsminer_v2(), "summary", ("SUMMARY", 0, "Error Code Count"), 10**9))
def test_whatsminer_v2_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(WhatsminerV2, "127.0.18.12", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.whatsminer_v3()))
@example(_with(samples.whatsminer_v3(), "get.miner.status", ("msg", "summary"), "text"))
@example(_with(samples.whatsminer_v3(), "get.device.info", ("msg",), ["a", "b"]))
@example(_with(samples.whatsminer_v3(), "get.miner.status", ("msg", "edevs", 0, "id"), -1))
def test_whatsminer_v3_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(WhatsminerV3, "127.0.18.13", replies)))


@settings(max_examples=socket_examples())
@given(_model_and_replies(ESP_BACKENDS, _esp_sample))
def test_espminer_poll(case: tuple[str, dict[str, bytes]]) -> None:
    model, replies = case
    _check(asyncio.run(_poll(ESP_BACKENDS[model], "127.0.59.200", replies)))


@settings(max_examples=socket_examples())
@given(_model_and_replies(AVALON_BACKENDS, _avalon_sample))
@example(("avalon-mini3", _with(_avalon_sample("avalon-mini3"), "estats", ("STATS",), [])))
@example(("avalon-q", _with(_avalon_sample("avalon-q"), "pools", ("POOLS", 0, "POOL"), -1)))
def test_avalon_poll(case: tuple[str, dict[str, bytes]]) -> None:
    model, replies = case
    _check(asyncio.run(_poll(AVALON_BACKENDS[model], "127.0.59.201", replies)))


@settings(max_examples=socket_examples())
@given(_replies(_bosminer_sample()))
@example(_with(_bosminer_sample(), "tunerstatus", ("TUNERSTATUS", 0, "PowerLimit"), -1))
@example(_with(_bosminer_sample(), "devs", ("DEVS",), {}))
def test_bosminer_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(BraiinsBosminer, "127.0.87.210", replies)))


@settings(max_examples=socket_examples())
@given(st.sampled_from(sorted(VNISH_MODELS)).flatmap(lambda model: _replies(_vnish_sample(model))))
def test_vnish_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(Vnish, "127.0.87.211", replies)))


@settings(max_examples=socket_examples())
@given(_replies(_luxos_sample()))
@example(_with(_luxos_sample(), "stats", ("STATS", 1, "chain_acn2"), -77))
@example(_with(_luxos_sample(), "devs", ("DEVS", 0, "ID"), 10**18))
def test_luxos_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(Luxos, "127.0.95.240", replies)))


MARA_MODELS = ("marathon-ks5pro", "marathon-s19xp")


@cache
def _mara_sample(asleep: bool, model: str = "marathon-ks5pro") -> dict[str, Any]:
    """Each /kaonsu/v1/ read of a poll, as the simulated model answers it (mining from
    the mining capture, asleep from the sleeping one; the S19 XP with its own figures)."""
    sim = MaraSim(model, SAMPLE_ADDRESS)
    state = sim.state
    state.work_mode = "Sleep" if asleep else "Auto"
    base = "/kaonsu/v1/"
    return {
        base + "brief": state.brief(),
        base + "hashboards": state.hashboards(),
        base + "fans": state.fans(),
        base + "pools": state.pool_list(),
        base + "miner_config": state.miner_config(),
        base + "locate_miner": {"blinking": state.blinking},
        base + "overview": {"model": sim.spec.name, "mac": sim.mac},
        base + "network_config": {"hostname": state.hostname},
    }


@settings(max_examples=socket_examples())
@given(
    st.tuples(st.booleans(), st.sampled_from(MARA_MODELS)).flatmap(
        lambda sample: _replies(_mara_sample(*sample))
    )
)
def test_mara_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(Marathon, "127.0.100.250", replies)))


@pytest.mark.parametrize(
    ("model", "name", "missing", "watts"),
    [
        ("marathon-ks5pro", "KS5 Pro", [True, False, False], 3150),
        ("marathon-s19xp", "S19 XP", [False, False, False], 3010),
    ],
)
def test_unbroken_mara_replies_poll_like_the_simulator(
    model: str, name: str, missing: list[bool], watts: int
) -> None:
    sample = _mara_sample(False, model)
    replies = {path: encode(reply) for path, reply in sample.items()}
    data, config = asyncio.run(_poll(Marathon, "127.0.100.251", replies))
    assert isinstance(data, MinerData), data
    assert data.model == name
    assert data.hashrate == pytest.approx(sample["/kaonsu/v1/brief"]["hashrate_realtime"] / 1000)
    assert [b.missing for b in data.hashboards] == missing
    assert isinstance(config, MinerConfig)
    assert config.mining_mode.power_target == watts


GOLDSHELL_MODELS = ("goldshell-sc5proii", "goldshell-minidoge", "goldshell-ck5")


@cache
def _goldshell_sample(asleep: bool, model: str = "goldshell-sc5proii") -> dict[str, Any]:
    """Each /mcb/ read of a poll, as the simulated model answers it (asleep: the sleep
    plan selected)."""
    sim = GoldshellSim(model, SAMPLE_ADDRESS)
    state = sim.state
    if asleep:
        state.setting["select"] = len(state.setting["powerplans"]) - 1
    return {
        "/mcb/status": sim.spec.status,
        "/mcb/setting": state.setting,
        "/mcb/cgminer?cgminercmd=devs": state.devs(),
        "/mcb/pools": state.pools,
    }


@settings(max_examples=socket_examples())
@given(
    st.tuples(st.booleans(), st.sampled_from(GOLDSHELL_MODELS)).flatmap(
        lambda sample: _replies(_goldshell_sample(*sample))
    )
)
def test_goldshell_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(Goldshell, "127.0.103.250", replies)))


def test_unbroken_goldshell_replies_poll_like_the_simulator() -> None:
    sample = _goldshell_sample(False)
    replies = {path: encode(reply) for path, reply in sample.items()}
    data, config = asyncio.run(_poll(Goldshell, "127.0.103.251", replies))
    assert isinstance(data, MinerData), data
    rows = sample["/mcb/cgminer?cgminercmd=devs"]["data"]
    assert data.hashrate == pytest.approx(sum(row["hashrate"] for row in rows) / 1e6)
    assert len(data.hashboards) == 4
    assert isinstance(config, MinerConfig)
    assert [p.url for p in config.pools] == [p["url"] for p in sample["/mcb/pools"]]


def test_unbroken_luxos_replies_poll_like_the_simulator() -> None:
    replies = {name: encode(reply) for name, reply in _luxos_sample().items()}
    data, config = asyncio.run(_poll(Luxos, "127.0.95.241", replies))
    assert isinstance(data, MinerData), data
    sim = LuxosSim("luxos-s19kpro", SAMPLE_ADDRESS)
    assert data.mac == sim.mac
    assert data.model == "S19k Pro"
    assert data.hashrate == pytest.approx(sim.state.total_ghs() / 1000, rel=0.01)
    assert [b.chips for b in data.hashboards] == [77, 77, 77]
    assert isinstance(config, MinerConfig)
    assert [p.user for p in config.pools] == ["asic-rs.user1", "asic-rs.user1"]  # group 0


def test_unbroken_bosminer_replies_poll_like_the_simulator() -> None:
    replies = {name: encode(reply) for name, reply in _bosminer_sample().items()}
    data, _config = asyncio.run(_poll(BraiinsBosminer, "127.0.87.212", replies))
    assert isinstance(data, MinerData), data
    sim = BosminerSim("braiins-s9-bosminer", SAMPLE_ADDRESS)
    assert data.model == "S9"
    assert data.hashrate == pytest.approx(sim.hashrate_ths, rel=0.01)
    assert data.wattage_limit == sim.state.power_limit
    assert data.mac is None  # over SSH, whose port is closed here


@pytest.mark.parametrize("model", sorted(VNISH_MODELS))
def test_unbroken_vnish_replies_poll_like_the_simulator(model: str) -> None:
    replies = {name: encode(reply) for name, reply in _vnish_sample(model).items()}
    data, config = asyncio.run(_poll(Vnish, "127.0.87.213", replies))
    assert isinstance(data, MinerData), data
    sim = VnishSim(model, SAMPLE_ADDRESS)
    assert data.mac is not None
    assert data.mac.upper() == sim.mac.upper()
    assert data.model == sim.model_name
    assert data.hashrate
    assert data.settings.choices["preset"].options  # the list was read with the token
    assert isinstance(config, MinerConfig)
    assert config.pools


@pytest.mark.parametrize("model", sorted(ESP_BACKENDS | AVALON_BACKENDS))
def test_unbroken_home_miner_replies_poll_like_the_simulator(model: str) -> None:
    """The scripted replies reach the parsers: untouched, they give the simulator's figures
    (the hashrate it reports, its MAC, the model it names)."""
    avalon = model in AVALON_BACKENDS
    table = _avalon_sample(model) if avalon else _esp_sample(model)
    backend = (AVALON_BACKENDS | ESP_BACKENDS)[model]
    replies = {name: encode(reply) for name, reply in table.items()}
    data, _config = asyncio.run(_poll(backend, "127.0.59.202", replies))
    assert isinstance(data, MinerData), data
    sim: Any = AvalonSim(model, SAMPLE_ADDRESS) if avalon else EspMinerSim(model, SAMPLE_ADDRESS)
    assert data.mac is not None
    assert data.mac.upper() == sim.mac.upper()
    assert data.hashrate == pytest.approx(sim.hashrate_ths, rel=0.01)
    assert data.model


def test_an_unbroken_scripted_miner_polls_like_the_simulator() -> None:
    """The scripted replies reach the parsers: untouched, they give the simulator's figures."""
    replies = {name: encode(reply) for name, reply in samples.antminer().items()}
    data, _config = asyncio.run(_poll(AntminerModern, "127.0.18.14", replies))
    assert isinstance(data, MinerData)
    assert data.hashrate is not None
    assert data.hashrate > 100
    assert len(data.hashboards) == 3
    assert data.mac is not None


@cache
def _epic_sample() -> dict[str, Any]:
    """Each GET of an ePIC poll (the static ones of the first too), as the simulated S19 XP
    answers them on port 4028."""
    sim = EpicSim("epic-s19xp-power", SAMPLE_ADDRESS)
    state = sim.state
    return {
        "/summary": state.summary(sim.hostname),
        "/temps": state.temps(),
        "/capabilities": state.capabilities(),
        "/network": state.network(sim.mac),
    }


async def _epic_poll(host: str, replies: dict[str, bytes]) -> list[Any]:
    """ePIC's REST API is HTTP on 4028: the scripted web answers served there."""
    web = ScriptedMiner(host, replies).web
    async with serve(host, 4028, read_http_head, web), aiohttp.ClientSession() as session:
        subject = Epic(host, session=session, timeout=TIMEOUT)
        try:
            return [
                await async_result_or_driver_error(subject.get_data()),
                await async_result_or_driver_error(subject.get_config()),
            ]
        finally:
            await subject.close()


@settings(max_examples=socket_examples())
@given(_replies(_epic_sample()))
@example(_with(_epic_sample(), "/summary", ("HBs", 0, "Index"), 10**18))
@example(_with(_epic_sample(), "/summary", ("HBs", 0, "Hashrate"), [-1e308, 0]))
def test_epic_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_epic_poll("127.0.98.250", replies)))


def test_unbroken_epic_replies_poll_like_the_simulator() -> None:
    replies = {name: encode(reply) for name, reply in _epic_sample().items()}
    data, config = asyncio.run(_epic_poll("127.0.98.251", replies))
    assert isinstance(data, MinerData), data
    assert (data.model, data.mac) == ("S19 XP", EpicSim("epic-s19xp-power", SAMPLE_ADDRESS).mac)
    assert data.hashrate == pytest.approx(99.365848)
    assert data.hashboards[0].hashrate == 0.0  # detected, disabled
    assert isinstance(config, MinerConfig)
    assert [p.user for p in config.pools] == [
        _epic_sample()["/summary"]["StratumConfigs"][0]["login"]
    ]
