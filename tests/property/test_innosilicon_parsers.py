"""Innosilicon's innominer parsers on arbitrary JSON and on mutated captured replies.

Covered: ``backends/innosilicon/replies.py`` (model and version from the Description, the
rate in solutions per second, chains, fan duty), the backend's whole reading of one
poll's three RPC replies (``backend.miner_data``) and the web's pools (``pools.py``: the
``pools`` answer read, the ``updatePools`` form written). Property: nothing but a driver
error escapes, and what a user sees is sane; unbroken, the capture reads as recorded; the
pools written are the pools the simulated firmware then lists, read back as written.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver import Algorithm, PoolConfig
from custom_components.asic_miner.driver.backends.innosilicon import pools, replies
from custom_components.asic_miner.driver.backends.innosilicon.backend import miner_data
from tests.simulator.innosilicon import captures, rpc, web
from tests.simulator.innosilicon.rpc import InnoState

from .checks import check_miner_data, finite_or_none, result_or_driver_error, text_or_none
from .strategies import json_values, mutated

SAMPLES = {name: read(InnoState()) for name, read in rpc.READS.items()}
WEB_POOLS = captures.peer_pools_answer(InnoState().pools)


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
    read = pools.config_pools(WEB_POOLS)
    assert [(p.url, p.user) for p in read] == [(p["URL"], p["User"]) for p in captures.POOLS]


@given(answer=st.one_of(json_values, mutated(WEB_POOLS), st.just(WEB_POOLS)))
def test_the_web_pools_read_to_usable_pools(answer: Any) -> None:
    found = pools.config_pools(answer if isinstance(answer, dict) else None)
    for pool in found:
        assert isinstance(pool.url, str)
        assert pool.url == pool.url.strip() != ""
        assert isinstance(pool.user, str)
        assert isinstance(pool.password, str)


_URLS = st.from_regex(r"stratum\+tcp://[a-z0-9.-]{1,20}:[0-9]{1,5}", fullmatch=True)
_POOLS = st.lists(st.builds(PoolConfig, _URLS, st.text(max_size=20), st.text(max_size=20)))


@given(written=_POOLS.filter(lambda p: len(p) <= pools.POOL_SLOTS))
def test_the_pools_written_are_read_back_as_written(written: list[PoolConfig]) -> None:
    form = pools.update_form(written)
    assert len(form) == 3 * pools.POOL_SLOTS  # every slot sent, the unused ones empty
    listed = captures.peer_pools_answer(web.slots_of(form))
    assert pools.config_pools(listed) == written
