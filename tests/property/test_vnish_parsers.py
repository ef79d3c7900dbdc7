"""VNish's reply parsers and settings on arbitrary JSON and on mutated simulated replies.

Covered: ``backends/vnish/replies.py`` (every reader), ``presets.py`` (the preset list and
the power steps), ``controls.py`` (settings, request bodies, pools) and the backend's whole
parse of one poll. Property: nothing but a driver error escapes, and what a user sees is
sane: finite numbers, nothing negative, the settings' current value among their options
and within their bounds, the power step chosen a tuned preset at or below the target.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.vnish import Vnish, controls, presets, replies
from custom_components.asic_miner.driver.config import PoolConfig
from tests.simulator.vnish import MODELS, VnishSim
from tests.simulator.vnish import replies as sim_replies

from .checks import check_miner_data, finite_or_none, result_or_driver_error
from .strategies import json_values, mutated

ADDRESS = "127.0.73.250"  # never listened on: the simulator only builds replies


@cache
def _sample(model: str) -> dict[str, Any]:
    sim = VnishSim(model, ADDRESS)
    state = sim.state
    return {
        "summary": sim_replies.summary(state),
        "info": sim_replies.info(state, sim.mac, ADDRESS),
        "status": sim_replies.status(state),
        "perf": sim_replies.perf_summary(state),
        "presets": sim_replies.presets(state),
        "settings": sim_replies.settings(state),
    }


SAMPLES = st.sampled_from(sorted(MODELS)).map(_sample)


def replies_of(name: str) -> st.SearchStrategy[Any]:
    return st.one_of(
        json_values,
        SAMPLES.flatmap(lambda sample: mutated(sample[name])),
        SAMPLES.map(lambda sample: sample[name]),
    )


def _check_settings(found: Any) -> None:
    for choice in found.choices.values():
        assert choice.current is None or choice.current in choice.options
        assert len(set(choice.options)) == len(choice.options)
    for number in found.numbers.values():
        assert number.minimum <= number.maximum
        if number.value is not None:
            assert number.minimum <= number.value <= number.maximum


@settings(max_examples=150, deadline=None)
@given(
    summary=replies_of("summary"),
    info=replies_of("info"),
    status=replies_of("status"),
    perf=replies_of("perf"),
    preset_list=replies_of("presets"),
)
def test_a_poll_parses_to_sane_data_or_a_driver_error(
    summary: Any, info: Any, status: Any, perf: Any, preset_list: Any
) -> None:
    miner = Vnish(ADDRESS)
    miner._presets = presets.parse_presets(preset_list)
    miner._current = replies.current_preset_name(perf if isinstance(perf, dict) else None)

    def parse() -> Any:
        return miner._data(
            summary if isinstance(summary, dict) else {},
            info if isinstance(info, dict) else None,
            status if isinstance(status, dict) else None,
        )

    data = result_or_driver_error(parse)
    if not isinstance(data, Exception):
        check_miner_data(data)
        finite_or_none(data.water_inlet_temp)
        finite_or_none(data.water_outlet_temp)
        assert data.throttled in (None, True, False)
        _check_settings(data.settings)


@settings(max_examples=150, deadline=None)
@given(preset_list=replies_of("presets"), target=st.floats(allow_nan=False, width=32))
def test_power_steps_choose_a_tuned_preset_at_or_below_the_target(
    preset_list: Any, target: float
) -> None:
    parsed = presets.parse_presets(preset_list)
    assert len({p.name for p in parsed}) == len(parsed)
    for preset in parsed:
        assert preset.watts is None or 0 < preset.watts < 100_000
        finite_or_none(preset.hashrate_ths, minimum=0)
    chosen = presets.for_power(parsed, target)
    if chosen is not None:
        assert chosen.tuned
        assert chosen.watts is not None
        assert chosen.watts <= target
        higher = [p for p in presets.tuned_steps(parsed) if chosen.watts < (p.watts or 0) <= target]
        assert higher == []
        assert presets.by_option(parsed, chosen.option) is not None
    _check_settings(controls.settings(None, parsed, None))


@settings(max_examples=100, deadline=None)
@given(reply=replies_of("settings"), user=st.text(max_size=20), secret=st.text(max_size=20))
def test_request_bodies_from_any_settings_reply(reply: Any, user: str, secret: str) -> None:
    source = reply if isinstance(reply, dict) else None
    pools = controls.config_pools(source)
    for pool in pools:
        assert pool.url.startswith(("stratum+tcp://", "stratum")) or "://" in pool.url
    body = controls.pools_body([PoolConfig("stratum+tcp://h.example:3333", user, secret)], source)
    assert body["miner"]["pools"][0]["url"] == "h.example:3333"
    preset = presets.Preset("3200", "3200 watt ~ 102 TH", True, 3200, 102.0)
    assert controls.preset_body(source, preset)["miner"]["overclock"]["preset"] == "3200"


@given(value=json_values)
def test_readers_take_any_json(value: Any) -> None:
    container = value if isinstance(value, dict) else None
    for reader in (
        replies.hashrate,
        replies.expected_hashrate,
        replies.wattage,
        replies.fan_percent,
        replies.throttle,
    ):
        finite_or_none(reader(container), minimum=0)
    replies.hashboards(container, 114)
    replies.pools(container)
    replies.errors(container)
    replies.uptime(value)
    replies.split_type(value)
    replies.find_miner_on(value)
    replies.restart_needed(value)
    assert replies.mac(container) is None or len(replies.mac(container) or "") == 17
