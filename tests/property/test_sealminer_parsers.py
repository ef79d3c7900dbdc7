"""SealMiner's reply parsers, on arbitrary JSON and on mutated simulated replies (built from
tests/simulator/sealminer/captures.py).

Covered: ``backends/sealminer/replies.py`` (every reader). Property: nothing but a driver
error escapes, and what comes back is sane where a user sees it: finite numbers, no
negative rate, fan speed or count, texts stripped, booleans or None.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.sealminer import replies
from custom_components.asic_miner.driver.models import lookup
from tests.simulator.sealminer import replies as sim_replies
from tests.simulator.sealminer.models import MODELS
from tests.simulator.sealminer.state import SealState

from .checks import (
    check_boards,
    check_errors,
    check_fans,
    finite_or_none,
    result_or_driver_error,
    text_or_none,
)
from .strategies import json_values, mutated

_STATE = SealState(MODELS["sealminer-a2"], "seal")
A2 = lookup("SealMiner A2", "Bitdeer")
MAC = "50:d4:48:4b:86:78"


def _any(sample: Any) -> st.SearchStrategy[Any]:
    return st.one_of(json_values, st.just(sample), st.just(sample).flatmap(mutated))


stats_replies = _any(sim_replies.stats(_STATE, MAC, "10.0.13.179"))
summaries = _any(sim_replies.summary(_STATE))
infos = _any(sim_replies.system_info(_STATE, MAC, "10.0.13.179"))


def _mapping(value: Any) -> Any:
    return value if isinstance(value, dict) else None


@given(stats_replies, infos, st.sampled_from([A2, None]))
def test_stats_readers_take_whatever_a_reply_holds(reply: Any, info: Any, model: Any) -> None:
    found = result_or_driver_error(lambda: replies.stats(_mapping(reply)))
    assert isinstance(found, dict)
    info = _mapping(info)
    finite_or_none(result_or_driver_error(lambda: replies.hashrate(found)), minimum=0)
    finite_or_none(result_or_driver_error(lambda: replies.expected_hashrate(found)), minimum=0)
    for rate in result_or_driver_error(lambda: replies.hashrate_averages(found)).values():
        finite_or_none(rate, minimum=0)
    check_boards(result_or_driver_error(lambda: replies.hashboards(found, model)))
    check_fans(result_or_driver_error(lambda: replies.fans(found)))
    check_errors(result_or_driver_error(lambda: replies.errors(found)))
    assert result_or_driver_error(lambda: replies.is_mining(found)) in (True, False, None)
    assert result_or_driver_error(lambda: replies.fault_light(info)) in (True, False, None)
    text_or_none(result_or_driver_error(lambda: replies.mac(found, info)))
    text_or_none(result_or_driver_error(lambda: replies.model_name(found.get("Model"))))


@given(summaries)
def test_shares_and_devdetails_take_whatever_a_reply_holds(reply: Any) -> None:
    for count in result_or_driver_error(lambda: replies.shares(_mapping(reply))):
        finite_or_none(count, minimum=0)
    text_or_none(result_or_driver_error(lambda: replies.devdetails_model(reply)))


def test_the_captured_replies_read_as_captured() -> None:
    """Unbroken, the replies give the figures the captures hold."""
    found = replies.stats(sim_replies.stats(_STATE, MAC, "10.0.13.179"))
    assert replies.hashrate(found) == 220.315525
    assert [b.chips for b in replies.hashboards(found, A2)] == [153, 153, 153]
    assert replies.fault_light(sim_replies.system_info(_STATE, MAC, "x")) is True
    assert replies.devdetails_model(sim_replies.devdetails(_STATE)) == "SealMiner A2"
