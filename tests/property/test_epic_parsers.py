"""ePIC PowerPlay's reply parsers and settings on arbitrary JSON and on mutated simulated
replies.

Covered: ``backends/epic/replies.py`` (every reader), ``controls.py`` (settings, the POST
params, pools), ``api.error_name`` and the backend's whole parse of one poll. Property:
nothing but a driver error escapes, and what a user sees is sane: finite numbers, nothing
negative, the settings' current value among their options and within their bounds.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.epic import api, controls, replies
from custom_components.asic_miner.driver.backends.epic.backend import Epic
from custom_components.asic_miner.driver.config import PoolConfig
from tests.simulator.epic import MODELS, EpicSim

from .checks import check_miner_data, finite_or_none, result_or_driver_error
from .strategies import json_values, mutated

ADDRESS = "127.0.97.250"  # never listened on: the simulator only builds replies


@cache
def _sample(model: str) -> dict[str, Any]:
    sim = EpicSim(model, ADDRESS)
    state = sim.state
    return {
        "summary": state.summary(sim.hostname),
        "capabilities": state.capabilities(),
        "network": state.network(sim.mac),
        "temps": state.temps(),
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
    for number in found.numbers.values():
        assert number.minimum <= number.maximum
        finite_or_none(number.value, minimum=0)


@settings(max_examples=150, deadline=None)
@given(
    summary=replies_of("summary"),
    capabilities=replies_of("capabilities"),
    network=replies_of("network"),
    temps=replies_of("temps"),
)
def test_a_poll_parses_to_sane_data_or_a_driver_error(
    summary: Any, capabilities: Any, network: Any, temps: Any
) -> None:
    miner = Epic(ADDRESS)
    miner._capabilities = capabilities if isinstance(capabilities, dict) else None
    miner._network = network if isinstance(network, dict) else None

    def parse() -> Any:
        return miner._data(summary if isinstance(summary, dict) else {}, temps)

    data = result_or_driver_error(parse)
    if not isinstance(data, Exception):
        check_miner_data(data)
        assert data.throttled in (None, True, False)
        assert data.tuner_state in (None, "tuned", "tuning")
        _check_settings(data.settings)
        slots = [b.slot for b in data.hashboards]
        assert len(set(slots)) == len(slots)
        assert all(0 <= s <= 15 for s in slots)


@settings(max_examples=100, deadline=None)
@given(
    summary=replies_of("summary"),
    user=st.text(max_size=20),
    secret=st.text(max_size=20),
    target=st.integers(min_value=0, max_value=10_000),
)
def test_post_params_from_any_summary(summary: Any, user: str, secret: str, target: int) -> None:
    source = summary if isinstance(summary, dict) else None
    for pool in controls.config_pools(source):
        assert "://" in pool.url
    param = controls.coin_param([PoolConfig("stratum+tcp://h.example:3333", user, secret)], source)
    assert param["stratum_configs"] == [
        {"pool": "stratum+tcp://h.example:3333", "login": user.strip(), "password": secret}
    ]
    assert isinstance(param["coin"], str)
    assert isinstance(param["unique_id"], bool)
    tune = controls.tune_param("Power", target, replies.tuning(source))
    assert (tune["algo"], tune["target"]) == ("Power", target)
    auto = controls.auto_fan(source)["Auto"]
    assert all(isinstance(v, int) and v >= 0 for v in auto.values())


@settings(max_examples=100, deadline=None)
@given(summary=replies_of("summary"), capabilities=replies_of("capabilities"))
def test_settings_from_any_replies(summary: Any, capabilities: Any) -> None:
    algos = replies.tune_algos(capabilities if isinstance(capabilities, dict) else None)
    assert len({a.name for a in algos}) == len(algos)
    for algo in algos:
        assert 0 <= algo.minimum <= algo.maximum
    _check_settings(controls.settings(summary if isinstance(summary, dict) else None, algos))


@given(value=json_values)
def test_readers_take_any_json(value: Any) -> None:
    container = value if isinstance(value, dict) else None
    for reader in (replies.hashrate, replies.wattage, replies.fan_percent, replies.uptime):
        finite_or_none(reader(container), minimum=0)
    finite_or_none(replies.expected_hashrate(container, container), minimum=0)
    replies.hashboards(container, container, value)
    replies.board_temps(value)
    replies.pools(container)
    replies.errors(container)
    replies.fans(container)
    replies.fw_version(container)
    replies.hostname(container)
    replies.fault_light(container)
    replies.is_mining(container)
    replies.tuner_state(container)
    replies.throttled(container)
    replies.model(container)
    replies.serial_number(container)
    replies.shares(container)
    api.error_name(value)
    assert replies.mac(value) is None or len(replies.mac(value) or "") == 17
