"""Hiveon's reply parsers on arbitrary JSON and on mutated simulated replies.

Covered: ``backends/hiveon/replies.py`` (model names, watts, fee pools) and the backend's
whole parse of one RPC poll (``_figures_from_rpc`` with Hiveon's additions). Property:
nothing but a driver error escapes, and what a user sees is sane: finite watts above zero
or none, no fee pool ("*") among the pools, a model name without the firmware's suffix.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.hiveon import replies
from custom_components.asic_miner.driver.backends.hiveon.backend import HiveonOld
from custom_components.asic_miner.driver.data import Pool
from tests.simulator.hiveon import MODELS, HiveonSim

from .checks import check_boards, check_fans, check_pools, finite_or_none, result_or_driver_error
from .strategies import json_values, mutated

ADDRESS = "127.0.101.250"  # never listened on: the simulator only builds replies


@cache
def _sample(model: str) -> dict[str, Any]:
    sim = HiveonSim(model, ADDRESS)
    return {name: sim.rpc_reply(name) for name in ("version", "summary", "pools", "stats")}


SAMPLES = st.sampled_from(sorted(MODELS)).map(_sample)


def replies_of(name: str) -> st.SearchStrategy[Any]:
    return st.one_of(
        json_values,
        SAMPLES.flatmap(lambda sample: mutated(sample[name])),
        SAMPLES.map(lambda sample: sample[name]),
    )


@settings(max_examples=150, deadline=None)
@given(
    version=replies_of("version"),
    summary=replies_of("summary"),
    pools=replies_of("pools"),
    stats=replies_of("stats"),
)
def test_a_poll_parses_to_sane_figures_or_a_driver_error(
    version: Any, summary: Any, pools: Any, stats: Any
) -> None:
    miner = HiveonOld(ADDRESS)
    rpc = {"version": version, "summary": summary, "pools": pools, "stats": stats}
    figures = result_or_driver_error(lambda: miner._figures_from_rpc(rpc, {}))  # type: ignore[arg-type]
    if isinstance(figures, Exception):
        return
    finite_or_none(figures.wattage, minimum=0)
    assert figures.wattage is None or figures.wattage > 0
    finite_or_none(figures.hashrate, minimum=0)
    check_boards(figures.hashboards)
    check_fans(figures.fans)
    check_pools(figures.pools)
    assert all(pool.url is None or pool.url.strip("*") for pool in figures.pools)
    assert miner.model is None or not miner.model.upper().endswith("HIVEON")


@settings(max_examples=200, deadline=None)
@given(figures=st.one_of(json_values, SAMPLES.flatmap(lambda s: mutated(s["stats"]["STATS"][1]))))
def test_watts_from_any_stats_entry(figures: Any) -> None:
    watts = replies.wattage(figures if isinstance(figures, dict) else {})
    finite_or_none(watts, minimum=0)
    assert watts is None or watts > 0


@given(name=st.one_of(st.none(), st.text(max_size=40)))
def test_model_names_lose_only_the_suffix(name: str | None) -> None:
    stripped = replies.model_name(name)
    if name is None:
        assert stripped is None
    elif replies.is_hiveon(name):
        assert stripped == (name.strip()[: -len(" HIVEON")].rstrip() or None)
    else:
        assert stripped == (name.strip() or None)


@given(urls=st.lists(st.one_of(st.none(), st.text(max_size=12)), max_size=8))
def test_fee_pools_and_only_they_are_left_out(urls: list[str | None]) -> None:
    pools = [Pool(index=i, url=url) for i, url in enumerate(urls)]
    kept = replies.user_pools(pools)
    assert [p.url for p in kept] == [u for u in urls if u is None or u.strip("*")]
