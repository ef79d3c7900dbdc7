"""Innosilicon's innominer parsers on arbitrary JSON and on mutated captured replies.

Covered: ``backends/innosilicon/replies.py`` (model and version from the Description, the
rate in solutions per second, chains, fan duty) and the backend's whole reading of one
poll's three RPC replies (``backend.miner_data``). Property: nothing but a driver error
escapes, and what a user sees is sane; unbroken, the capture reads as recorded.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver import Algorithm
from custom_components.asic_miner.driver.backends.innosilicon import replies
from custom_components.asic_miner.driver.backends.innosilicon.backend import miner_data
from tests.simulator.innosilicon import rpc
from tests.simulator.innosilicon.rpc import InnoState

from .checks import check_miner_data, finite_or_none, result_or_driver_error, text_or_none
from .strategies import json_values, mutated

SAMPLES = {name: read(InnoState()) for name, read in rpc.READS.items()}


def replies_of(name: str) -> st.SearchStrategy[Any]:
    return st.one_of(json_values, mutated(SAMPLES[name]), st.just(SAMPLES[name]))


@given(summary=replies_of("summary"), stats=replies_of("stats"))
def test_pure_readers_never_raise(summary: Any, stats: Any) -> None:
    summary = summary if isinstance(summary, dict) else None
    stats = stats if isinstance(stats, dict) else None
    text_or_none(replies.model_name(summary))
    text_or_none(replies.firmware_version(summary))
    finite_or_none(replies.hashrate(summary), minimum=0)
    finite_or_none(replies.uptime(summary), minimum=0)
    for board in replies.hashboards(stats, 3, 12):
        finite_or_none(board.temp)
        finite_or_none(board.chip_temp)
    duty = replies.fan_percent(stats)
    assert duty is None or 0 <= duty <= 100


@given(
    answers=st.fixed_dictionaries({name: replies_of(name) for name in SAMPLES}),
    model=st.sampled_from([None, "A9", "T3"]),
)
def test_a_poll_reads_to_sane_data_or_a_driver_error(
    answers: dict[str, Any], model: str | None
) -> None:
    rpc_replies = {k: v for k, v in answers.items() if isinstance(v, dict)}
    result = result_or_driver_error(
        lambda: miner_data("127.0.105.251", rpc_replies, model, "Innosilicon")
    )
    if not isinstance(result, Exception):
        check_miner_data(result)


def test_the_unbroken_capture_reads_as_recorded() -> None:
    result = miner_data("127.0.105.251", SAMPLES, replies.model_name(SAMPLES["summary"]), "x")
    assert (result.model, result.fw_ver, result.algorithm) == ("A9", "1.1.0", Algorithm.EQUIHASH)
    assert result.hashrate == pytest.approx(51451.63e-12, rel=1e-5)  # six digits kept
    assert [b.chips for b in result.hashboards] == [12, 12, 12]
    assert result.fan_percent == 35
