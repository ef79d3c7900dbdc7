"""Braiins OS+ GraphQL reply parsers, on arbitrary JSON and on mutated real replies.

Covered: ``backends/braiins/graphql_replies.py`` (every reader, the settings), the
backend's whole parse of one poll, the session's reading of answers and Set-Cookie, and
whole polls over real sockets (a scripted GraphQL server on 127.0.71.220-229 answering the
login with a cookie and then a mutated or damaged poll). Property: nothing but a driver
error escapes; numbers finite and not negative where a user sees them; settings' values
within their bounds and options.
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

from custom_components.asic_miner.driver.backends.braiins import graphql_queries as queries
from custom_components.asic_miner.driver.backends.braiins import graphql_replies as replies
from custom_components.asic_miner.driver.backends.braiins.graphql import BraiinsGraphQL
from custom_components.asic_miner.driver.backends.braiins.graphql_session import (
    _session_cookie,
)
from custom_components.asic_miner.driver.data import MinerData
from tests.simulator.bosplus import BosPlusSim, gql, tree
from tests.simulator.bosplus.schema import SCHEMA_24_09

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

ADDRESS = "127.0.71.219"  # never listened on: the simulator only builds replies
_SERVERS = itertools.cycle(f"127.0.71.{n}" for n in range(220, 230))
_DROPPED = frozenset({("HwDetails", "hbSerialNumber"), ("TempControlMetadata", "allowedModes")})


@cache
def _sample() -> dict[str, Any]:
    """The simulated S19's answer to the poll (without the fields 24.09 lacks)."""
    sim = BosPlusSim("braiins-s19-bosplus", ADDRESS)
    roots = {"Query": tree.query(sim), "Mutation": {}}
    answer = gql.execute(queries.poll(_DROPPED), SCHEMA_24_09, roots)
    assert "errors" not in answer
    data: dict[str, Any] = answer["data"]
    return data


polls = st.one_of(
    st.just(_sample()),
    mutated(_sample()),
    mutated(_sample(), max_changes=20),
    st.dictionaries(st.sampled_from(["bos", "bosminer", "events"]), json_values),
)


@given(json_values)
@example({"realHashrate": {"mhs1M": HUGE}})
@example({"realHashrate": {"mhs1M": -1, "mhs5S": "nan"}})
@example({"realHashrate": {"mhs24H": 1e308}})
def test_rates_are_finite_and_not_negative(value: Any) -> None:
    finite_or_none(replies.rate(value), minimum=0)
    for average in replies.averages(value).values():
        finite_or_none(average, minimum=0)
    assert replies.is_mining(value) in (None, True, False)
    finite_or_none(replies.mhs(value), minimum=0)


@given(polls)
@example({"bosminer": {"info": {"workSolver": {"childSolvers": [{"temperatures": 5}, 7]}}}})
@example({"bosminer": {"info": {"fans": [{"rpm": -1, "speed": "x"}], "poolGroups": [{}]}}})
@example({"bosminer": {"info": {"poolGroups": [{"pools": [{"url": 5, "shares": -3}]}]}}})
@example({"events": {"appeals": [{"kind": "ERROR", "message": ["x"], "id": {}}]}})
@example({"bosminer": {"info": {"modelName": ["Antminer"]}}, "bos": {"macAddress": 7}})
def test_readers_take_whatever_a_reply_holds(got: dict[str, Any]) -> None:
    info = replies.dig(got, "bosminer", "info")
    work = replies.dig(info, "workSolver")
    row = replies.model_info(replies.model_name(replies.dig(info, "modelName")))
    check_boards(replies.hashboards(work, row))
    fans, duty = replies.fans(info)
    check_fans(fans)
    finite_or_none(duty, minimum=0)
    check_pools(replies.pools(info))
    check_errors(replies.errors(got))
    for value in (replies.rate(work), replies.mhs(replies.dig(work, "nominalMhs"))):
        finite_or_none(value, minimum=0)
    state = replies.tuner_state(replies.dig(info, "summary"))
    assert state is None or (state == state.strip().lower() and state)
    name = replies.model_name(replies.dig(info, "modelName"))
    assert name is None or (name == name.strip() and name)
    mac = replies.mac(got)
    assert mac is None or len(mac) == 17


@given(polls)
@example({"bosminer": {"metadata": {"autotuning": {"powerTarget": {"min": 9, "max": 3}}}}})
@example({"bosminer": {"metadata": {"autotuning": {"hashrateTarget": {"min": 1, "max": HUGE}}}}})
@example(
    {
        "bosminer": {
            "config": {"tempControl": {"mode": "HYDRO"}},
            "metadata": {"tempControl": {"allowedModes": ["AUTO", 5, "HYDRO"]}},
        }
    }
)
def test_settings_offer_what_they_hold(got: dict[str, Any]) -> None:
    found = replies.settings(got)
    for choice in found.choices.values():
        assert choice.options
        assert choice.current is None or choice.current in choice.options
    for number in found.numbers.values():
        assert 0 <= number.minimum <= number.maximum
        finite_or_none(number.maximum)
        finite_or_none(number.value)


@given(polls)
def test_a_whole_poll_parses_to_sane_data(got: dict[str, Any]) -> None:
    miner = BraiinsGraphQL(ADDRESS)
    data = result_or_driver_error(lambda: miner._data(got))
    if isinstance(data, MinerData):
        check_miner_data(data)
        finite_or_none(data.fan_percent, minimum=0)


@given(st.lists(st.text(max_size=40), max_size=4))
@example(["session_id=abc; Path=/; HttpOnly"])
@example(["other=1", "session_id=; Path=/", " session_id = x2 ;"])
def test_the_session_cookie_is_found_or_none(headers: list[str]) -> None:
    found = _session_cookie(tuple(headers))
    assert found is None or (found and ";" not in found)


async def _poll(wire: bytes, host: str) -> Any:
    async def answer(request: web.Request) -> web.Response:
        body = await request.json()
        if "login(" in body.get("query", ""):
            response = web.json_response(
                {"data": {"auth": {"login": {"__typename": "VoidResult"}}}}
            )
            response.set_cookie("session_id", "c0ffee")
            return response
        return web.Response(body=wire, content_type="application/json")

    return await poll_over_http(host, [web.post("/graphql", answer)], BraiinsGraphQL)


_WIRE = st.one_of(
    st.just({"data": _sample()}).map(lambda v: json.dumps(v).encode()),
    mutated({"data": _sample()}).map(lambda v: json.dumps(v).encode()),
    damaged_bytes({"data": _sample()}),
    st.just(b'{"data": null, "errors": [{"message": "Unknown field \\"x\\" on type \\"Y\\"."}]}'),
)


@settings(max_examples=socket_examples())
@given(_WIRE)
def test_polls_over_sockets_give_data_or_a_driver_error(wire: bytes) -> None:
    data = asyncio.run(_poll(wire, next(_SERVERS)))
    if isinstance(data, MinerData):
        check_miner_data(data)


def test_an_unbroken_poll_reads_like_the_simulator() -> None:
    sample = _sample()
    data = asyncio.run(_poll(json.dumps({"data": sample}).encode(), next(_SERVERS)))
    assert isinstance(data, MinerData)
    real = sample["bosminer"]["info"]["workSolver"]["realHashrate"]["mhs1M"]
    assert data.hashrate == round(real / 1e6, 6)
    assert data.model == "S19"
    assert data.settings.numbers["power_target"].maximum == 6500


# asic-rs test/json/v25_05/gql_boards.json (BOS+ 25.05.1), the first board as captured.
BOARD_25_05 = {
    "hwDetails": {"chips": 55, "frequencyMhz": 601.477272, "hbSerialNumber": "NGSBYT0BEJCJD074A",
                  "voltageV": 13.45721},
    "name": "1",
    "nominalMhs": 67780892.86092,
    "realHashrate": {"mhs5S": 64802268.95028864},
    "temperatures": [{"degreesC": 51.5, "name": "MAX_BOARD"},
                     {"degreesC": 66.5, "name": "MAX_CHIP"},
                     {"degreesC": 37.5, "name": "INLET"}, {"degreesC": 51.5, "name": "OUTLET"}],
}  # fmt: skip


def test_the_25_05_board_reads_its_names_and_serial() -> None:
    control = {"degreesC": 44.0, "name": "CONTROL_BOARD"}
    board = {**BOARD_25_05, "temperatures": [control, *BOARD_25_05["temperatures"]]}
    [read] = replies.hashboards({"childSolvers": [board]}, replies.model_info("S21+"))
    assert (read.temp, read.chip_temp, read.inlet_temp, read.outlet_temp) == (
        51.5,
        66.5,
        37.5,
        51.5,
    )
    assert (read.chips, read.serial_number) == (55, "NGSBYT0BEJCJD074A")
    assert read.hashrate == round(64802268.95028864 / 1e6, 6)  # no 1-minute rate: the 5 s one


def test_the_25_03_cooling_modes_come_from_the_miner() -> None:
    got = {
        "bosminer": {
            "config": {"tempControl": {"mode": "HYDRO"}, "fanControl": {"speed": 0}},
            "metadata": {"tempControl": {"allowedModes": ["AUTO", "MANUAL", "HYDRO"]}},
        }
    }
    cooling = replies.settings(got).choices["cooling_mode"]
    assert (cooling.current, cooling.options) == ("immersion", ("auto", "manual", "immersion"))
