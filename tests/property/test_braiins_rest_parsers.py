"""Braiins OS REST reply parsers and settings, on arbitrary JSON and on mutated real replies.

Covered: ``backends/braiins/rest_replies.py`` (every reader), ``rest_settings.py``
(settings, bodies), the backend's whole parse of one poll, and whole polls over real
sockets (a scripted REST server on 127.0.72.220-229 answering the login and then mutated or
damaged replies). Property: nothing but a driver error escapes; numbers finite and not
negative where a user sees them; settings' values within their bounds and options.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from functools import cache
from typing import Any

from aiohttp import web
from hypothesis import example, given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.braiins import rest_replies as replies
from custom_components.asic_miner.driver.backends.braiins import rest_settings
from custom_components.asic_miner.driver.backends.braiins.rest import (
    POLLED,
    POLLED_OPTIONAL,
    BraiinsRest,
)
from custom_components.asic_miner.driver.data import MinerData
from custom_components.asic_miner.driver.settings import PerformanceMode
from tests.simulator.bos_rest import MODELS, BosRestSim
from tests.simulator.bos_rest import replies as sim_replies

from .checks import (
    check_boards,
    check_errors,
    check_fans,
    check_miner_data,
    check_pools,
    finite_or_none,
    result_or_driver_error,
)
from .strategies import HUGE, damaged_bytes, json_values, mutated, socket_examples
from .web_polls import poll_over_http

ADDRESS = "127.0.72.219"  # never listened on: the simulator only builds replies
_SERVERS = itertools.cycle(f"127.0.72.{n}" for n in range(220, 230))


@cache
def _sample(model: str) -> dict[str, Any]:
    """Every reply of one poll (and the rare reads), as the simulated model answers them."""
    sim = BosRestSim(model, ADDRESS)
    spec, state = sim.spec, sim.state
    return {
        "miner/details": sim_replies.details(spec, state, ADDRESS),
        "miner/stats": sim_replies.stats(spec, state),
        "miner/hw/hashboards": sim_replies.hashboards(spec, state),
        "cooling/state": spec.capture("COOLING_STATE"),
        "performance/tuner-state": sim_replies.tuner_state(spec, state),
        "configuration/miner": sim_replies.configuration(spec, state, cooling=True),
        "pools/": sim_replies.pools(spec, state),
        "miner/errors": spec.capture("MINER_ERRORS"),
        "actions/locate": False,
        "configuration/constraints": sim_replies.constraints(spec),
        "version/": spec.capture("VERSION"),
    }


SAMPLES = st.sampled_from(sorted(MODELS)).map(_sample)
polls = st.one_of(
    SAMPLES,
    SAMPLES.flatmap(
        lambda sample: st.fixed_dictionaries({k: mutated(v) for k, v in sample.items()})
    ),
    st.dictionaries(st.sampled_from(sorted(_sample("braiins-s21-bos"))), json_values),
)


@given(json_values)
@example({"gigahash_per_second": HUGE})
@example({"terahash_per_second": -1})
@example({"megahash_per_second": "nan"})
@example({"degree_c": 1e308})
@example({"watt": -5})
def test_units_are_finite_and_not_negative(value: Any) -> None:
    finite_or_none(replies.hashrate(value), minimum=0)
    finite_or_none(replies.celsius(value))
    finite_or_none(replies.watts(value), minimum=0)


@given(polls)
@example({"miner/hw/hashboards": {"hashboards": [{"id": "0"}, {"id": "99"}, {"id": "x"}]}})
@example({"cooling/state": {"fans": [{"rpm": -1, "target_speed_ratio": 7}]}})
@example({"pools/": [{"pools": [{"url": 5, "stats": {"accepted_shares": -3}}]}]})
@example({"miner/details": {"status": 99, "bos_version": {"current": ["x"]}}})
def test_readers_take_whatever_a_reply_holds(got: dict[str, Any]) -> None:
    details = got.get("miner/details")
    stats = got.get("miner/stats")
    row = replies.model_row(details)
    check_boards(replies.hashboards(got.get("miner/hw/hashboards"), row))
    check_fans(replies.fans(got.get("cooling/state")))
    finite_or_none(replies.fan_percent(got.get("cooling/state")), minimum=0)
    check_pools(replies.pools(got.get("pools/")))
    check_errors(replies.errors(got.get("miner/errors")))
    assert len(replies.errors(got.get("miner/errors"))) <= replies.MAX_ERRORS
    for value in (
        replies.current_hashrate(stats),
        replies.nominal_hashrate(stats),
        replies.power(stats),
        replies.uptime(details),
        replies.found_blocks(stats),
        *replies.shares(stats),
    ):
        finite_or_none(value, minimum=0)
    assert set(replies.averages(stats)) <= set(replies.AVERAGES.values())
    assert replies.is_mining(details) in (None, True, False)
    assert replies.tuner_state(got.get("performance/tuner-state")) in (
        None,
        *replies.TUNER_STATES.values(),
    )
    for text in (
        replies.model_name(details),
        replies.firmware_version(details),
        replies.hostname(details),
        replies.api_version(got.get("version/")),
    ):
        assert text is None or (text == text.strip() and text)


@given(polls)
def test_settings_offer_what_they_hold(got: dict[str, Any]) -> None:
    found = rest_settings.settings(
        got.get("configuration/miner"), got.get("configuration/constraints")
    )
    for choice in found.choices.values():
        assert choice.options
        assert choice.current is None or choice.current in choice.options
    for number in found.numbers.values():
        assert number.minimum <= number.maximum
        finite_or_none(number.value, minimum=0)
    if "performance_mode" in found.choices:
        for option in found.choices["performance_mode"].options:
            body = rest_settings.mode_body(PerformanceMode(option), found)
            json.dumps(body, allow_nan=False)  # what is sent is plain JSON


@given(polls)
def test_a_whole_poll_parses_to_sane_data(got: dict[str, Any]) -> None:
    miner = BraiinsRest(ADDRESS)
    full = {path: got.get(path) for path in (*POLLED, *POLLED_OPTIONAL)}
    data = result_or_driver_error(lambda: miner._data(full, got.get("configuration/constraints")))
    if isinstance(data, MinerData):
        check_miner_data(data)
        finite_or_none(data.fan_percent, minimum=0)


def _wire(sample: dict[str, Any]) -> st.SearchStrategy[dict[str, bytes]]:
    return st.fixed_dictionaries(
        {
            path: st.one_of(
                st.just(json.dumps(reply).encode()),
                mutated(reply).map(lambda v: json.dumps(v).encode()),
                damaged_bytes(reply),
            )
            for path, reply in sample.items()
        }
    )


async def _poll(wire: dict[str, bytes], host: str) -> Any:
    async def answer(request: web.Request) -> web.Response:
        path = request.path.removeprefix("/api/v1/")
        if path == "auth/login":
            return web.json_response({"token": "t", "timeout_s": 3600})
        body = wire.get(path)
        if body is None:
            return web.Response(status=404)
        return web.Response(body=body, content_type="application/json")

    return await poll_over_http(host, [web.route("*", "/{tail:.*}", answer)], BraiinsRest)


@settings(max_examples=socket_examples())
@given(SAMPLES.flatmap(_wire))
def test_polls_over_sockets_give_data_or_a_driver_error(wire: dict[str, bytes]) -> None:
    data = asyncio.run(_poll(wire, next(_SERVERS)))
    if isinstance(data, MinerData):
        check_miner_data(data)


def test_an_unbroken_poll_reads_like_the_simulator() -> None:
    sample = _sample("braiins-s21-bos")
    wire = {path: json.dumps(reply).encode() for path, reply in sample.items()}
    data = asyncio.run(_poll(wire, next(_SERVERS)))
    assert isinstance(data, MinerData)
    real = sample["miner/stats"]["miner_stats"]["real_hashrate"]["last_5s"]
    assert data.hashrate == round(real["gigahash_per_second"] / 1000, 6)
    assert data.model == "S21 Pro"
    assert data.settings.numbers["power_target"].maximum == MODELS["braiins-s21-bos"].power_max
