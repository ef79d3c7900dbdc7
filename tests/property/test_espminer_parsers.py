"""ESP-Miner's reply parsers and settings, on arbitrary JSON and on mutated real replies.

Covered: ``backends/espminer/replies.py`` (every reader), ``controls.py`` (features,
settings, config_from), the backend's whole parse of one poll, and whole polls over real
sockets (a scripted miner on 127.0.44.x answering mutated or damaged replies).
Property: nothing but a driver error escapes, and what comes back is sane where a user
sees it: finite numbers, no negative hashrate, fan speed or count, texts stripped, the
settings' current value among their options.
"""

from __future__ import annotations

import asyncio
import math
from functools import cache
from typing import Any

import aiohttp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.espminer import (
    AxeOS,
    AxeOSPausable,
    NerdOS,
    controls,
    replies,
)
from custom_components.asic_miner.driver.config import MinerConfig
from custom_components.asic_miner.driver.data import MinerData
from tests.simulator.espminer import MODELS, EspMinerSim
from tests.simulator.espminer import replies as sim_replies

from .checks import (
    async_result_or_driver_error,
    check_boards,
    check_fans,
    check_miner_data,
    check_pools,
    finite_or_none,
    result_or_driver_error,
)
from .scripted import ScriptedMiner, encode
from .strategies import HUGE, damaged_bytes, json_values, mutated, socket_examples

ADDRESS = "127.0.44.250"  # never listened on: the simulator only writes replies


@cache
def _sample(model: str) -> tuple[dict[str, Any], dict[str, Any]]:
    sim = EspMinerSim(model, ADDRESS)
    return sim.system_info(), sim_replies.system_asic(sim.spec)


SAMPLES = st.sampled_from(sorted(MODELS)).map(_sample)
infos = st.one_of(
    json_values,
    SAMPLES.flatmap(lambda pair: mutated(pair[0])),
    SAMPLES.map(lambda pair: pair[0]),
)
asics = st.one_of(st.none(), json_values, SAMPLES.flatmap(lambda pair: mutated(pair[1])))


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@given(json_values)
@example("483k")
@example("1e+03k")
@example("2.03 G")
@example("0 ")
@example("-5M")
@example(HUGE)
@example("1e999G")
@example(float("nan"))
def test_difficulties_are_finite_and_not_negative(value: Any) -> None:
    finite_or_none(replies.difficulty(value), minimum=0)


def test_difficulties_as_each_build_writes_them() -> None:
    assert replies.difficulty("483k") == 483_000
    assert replies.difficulty("1e+03k") == 1_000_000
    assert replies.difficulty("5.56G") == 5.56e9
    assert replies.difficulty("2.03 G") == 2.03e9
    assert replies.difficulty("0 ") == 0
    assert replies.difficulty(13790464144) == 13790464144
    assert replies.difficulty("many") is None


@given(infos, asics)
@example({"temp": -1, "temp2": 0, "asicTemps": [0, 0]}, None)
@example({"frequency": "nan", "smallCoreCount": HUGE, "asicCount": -4}, None)
@example({"fanrpm": -3600, "fan2rpm": "1e308", "fanCount": 2}, None)
@example({"stratumURL": "a.pool", "stratumPort": -1, "isUsingFallbackStratum": "1"}, None)
def test_readers_take_whatever_a_reply_holds(raw: Any, asic: Any) -> None:
    info, asic_reply = _mapping(raw), _mapping(asic) or None
    board = replies.model_board(info, asic_reply)
    asics_found = replies.asic_count(info, asic_reply, board)
    finite_or_none(asics_found, minimum=0)
    finite_or_none(replies.expected_ths(info, asics_found), minimum=0)
    check_boards([replies.hashboard(info, asics_found, board)])
    check_fans(replies.fans(info))
    check_pools(replies.pools(info))
    for window, value in replies.averages(info).items():
        assert window in replies.AVERAGE_WINDOWS
        finite_or_none(value, minimum=0)
    assert all(count >= 0 for count in replies.rejections(info).values())
    for key in ("vrTemp", "temp", "voltage", "current", "coreVoltage", "fanspeed"):
        finite_or_none(replies.temperature(info.get(key)))
        finite_or_none(replies.volts(info.get(key)), minimum=0)
        finite_or_none(replies.millivolts(info.get(key)), minimum=0)
        finite_or_none(replies.percent(info.get(key)), minimum=0)
    for key in ("frequencyOptions", "voltageOptions"):
        assert all(math.isfinite(v) and v > 0 for v in replies.options(asic_reply, key))
    name = replies.model_name(info, asic_reply, board)
    assert name is None or (name == name.strip() and name)
    assert replies.version(info) is None or all(n >= 0 for n in replies.version(info) or ())
    assert replies.connected(info) in (None, True, False)


@given(infos, asics)
def test_settings_offer_what_they_hold(raw: Any, asic: Any) -> None:
    info, asic_reply = _mapping(raw), _mapping(asic) or None
    feats = controls.features(info)
    found = controls.settings(info, feats, asic_reply)
    for choice in found.choices.values():
        assert choice.options
        assert all(isinstance(o, str) and o for o in choice.options)
        assert choice.current is None or choice.current in choice.options
    for number in found.numbers.values():
        assert number.minimum < number.maximum
        assert number.value is None or number.minimum <= number.value <= number.maximum
    config = controls.config_from(info, feats)
    assert isinstance(config, MinerConfig)
    assert all(p.url for p in config.pools)


@given(infos, asics, st.sampled_from([AxeOS, AxeOSPausable, NerdOS]))
def test_a_whole_poll_parses_to_sane_data(raw: Any, asic: Any, backend: type[AxeOS]) -> None:
    info, asic_reply = _mapping(raw), _mapping(asic) or None
    miner = backend(ADDRESS)
    data = result_or_driver_error(
        lambda: miner._data(info, controls.features(info), asic_reply)  # the poll's parse
    )
    if isinstance(data, MinerData):
        check_miner_data(data)
        finite_or_none(data.best_difficulty, minimum=0)
        finite_or_none(data.input_voltage, minimum=0)
        finite_or_none(data.fan_percent, minimum=0)


def _wire(pair: tuple[dict[str, Any], dict[str, Any]]) -> st.SearchStrategy[dict[str, bytes]]:
    info, asic = pair
    return st.fixed_dictionaries(
        {
            "/api/system/info": st.one_of(
                st.just(encode(info)), mutated(info).map(encode), damaged_bytes(info)
            ),
            "/api/system/asic": st.one_of(st.just(encode(asic)), damaged_bytes(asic)),
        }
    )


async def _poll(replies_by_path: dict[str, bytes], host: str) -> list[Any]:
    scripted = ScriptedMiner(host, replies_by_path)
    async with scripted.running(), aiohttp.ClientSession() as session:
        miner = AxeOSPausable(host, session=session, timeout=0.5)
        try:
            return [
                await async_result_or_driver_error(miner.get_data()),
                await async_result_or_driver_error(miner.get_config()),
            ]
        finally:
            await miner.close()


@settings(max_examples=socket_examples())
@given(SAMPLES.flatmap(_wire))
def test_polls_over_sockets_give_data_or_a_driver_error(wire: dict[str, bytes]) -> None:
    data, config = asyncio.run(_poll(wire, "127.0.44.10"))
    if isinstance(data, MinerData):
        check_miner_data(data)
    assert isinstance(config, MinerConfig | Exception)


def test_an_unbroken_reply_polls_like_the_simulator() -> None:
    info, asic = _sample("espminer-bitaxe-gamma")
    wire = {"/api/system/info": encode(info), "/api/system/asic": encode(asic)}
    data, _config = asyncio.run(_poll(wire, "127.0.44.11"))
    assert isinstance(data, MinerData)
    assert data.hashrate == round(info["hashRate"] / 1000, 6)
    assert data.model == "Gamma"
