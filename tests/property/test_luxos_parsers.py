"""LuxOS's reply parsers and settings on arbitrary JSON and on mutated simulated replies.

Covered: ``backends/luxos/replies.py`` (every reader), ``profiles.py`` (the profile list
and the power steps), ``controls.py`` (settings) and the backend's whole parse of one
poll. Property: nothing but a driver error escapes, and what a user sees is sane: finite
numbers, nothing negative, a board per slot at most once, the settings' current value
among their options and within their bounds, the power step the profile of most watts at
or below the target.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.luxos import controls, profiles, replies
from custom_components.asic_miner.driver.backends.luxos.backend import POLL, Luxos
from custom_components.asic_miner.driver.settings import hashboard_slot
from tests.simulator.luxos import LuxosSim
from tests.simulator.luxos import rpc as sim_rpc

from .checks import check_miner_data, finite_or_none, result_or_driver_error
from .strategies import json_values, mutated

ADDRESS = "127.0.95.250"  # never listened on: the simulator only builds replies


@cache
def _sample() -> dict[str, Any]:
    sim = LuxosSim("luxos-s19kpro", ADDRESS)
    sim.state.shutdown.add(2)  # a board shut down: devs IsUserShutdown, events
    return {name: sim_rpc.READS[name](sim.state) for name in (*POLL, "atm", "session")}


def replies_of(name: str) -> st.SearchStrategy[Any]:
    sample = _sample()[name]
    return st.one_of(json_values, mutated(sample), st.just(sample))


def _check_settings(found: Any) -> None:
    for choice in found.choices.values():
        assert choice.current is None or choice.current in choice.options
        assert len(set(choice.options)) == len(choice.options)
    for number in found.numbers.values():
        assert number.minimum <= number.maximum
        if number.value is not None:
            assert number.minimum <= number.value <= number.maximum
        assert list(number.steps) == sorted(set(number.steps))
    for key, toggle in found.switches.items():
        assert toggle.on in (None, True, False)
        assert key == "atm" or hashboard_slot(key) is not None


@settings(max_examples=150, deadline=None)
@given(found=st.fixed_dictionaries({name: replies_of(name) for name in POLL}))
def test_a_poll_parses_to_sane_data_or_a_driver_error(found: dict[str, Any]) -> None:
    miner = Luxos(ADDRESS)
    objects = {name: value for name, value in found.items() if isinstance(value, dict)}
    miner._found = objects
    miner._profiles = profiles.parse_profiles(objects.get("profiles"))
    data = result_or_driver_error(lambda: miner._data(objects))
    if not isinstance(data, Exception):
        check_miner_data(data)
        slots = [b.slot for b in data.hashboards]
        assert len(slots) == len(set(slots))
        for board in data.hashboards:
            finite_or_none(board.inlet_temp)
            finite_or_none(board.outlet_temp)
        _check_settings(data.settings)


@settings(max_examples=150, deadline=None)
@given(reply=replies_of("profiles"), target=st.floats(allow_nan=False, width=32))
def test_power_steps_choose_the_profile_of_most_watts_at_or_below(
    reply: Any, target: float
) -> None:
    parsed = profiles.parse_profiles(reply if isinstance(reply, dict) else None)
    assert len({p.name for p in parsed}) == len(parsed)
    for profile in parsed:
        assert profile.watts is None or 0 < profile.watts < 100_000
        finite_or_none(profile.hashrate_ths, minimum=0)
    chosen = profiles.for_power(parsed, target)
    if chosen is not None:
        assert chosen.watts is not None
        assert chosen.watts <= target
        higher = [p for p in parsed if p.watts is not None and chosen.watts < p.watts <= target]
        assert higher == []
        assert profiles.by_option(parsed, chosen.option) is not None
    _check_settings(controls.settings(None, None, None, parsed))


@given(value=json_values)
def test_readers_take_any_json(value: Any) -> None:
    container = value if isinstance(value, dict) else None
    for reader in (replies.hashrate, replies.wattage, replies.fan_percent):
        finite_or_none(reader(container), minimum=0)
    finite_or_none(replies.expected_hashrate(container, container), minimum=0)
    finite_or_none(replies.uptime(container, container), minimum=0)
    for window in replies.averages(container).values():
        finite_or_none(window, minimum=0)
    for reader in (
        replies.version_type,
        replies.firmware_version,
        replies.api_version,
        replies.model_name,
        replies.mac,
        replies.hostname,
        replies.serial_number,
        replies.current_profile,
        replies.session_id,
    ):
        found = reader(container)
        assert found is None or (isinstance(found, str) and found)
    for flag in (replies.atm_enabled, replies.fault_light, replies.curtailed):
        assert flag(container) in (None, True, False)
    assert replies.is_mining(container, container) in (None, True, False)
    replies.hashboards(container, container, container, 77)
    replies.fans(container)
    replies.pools(container)
    replies.errors(container)
    replies.user_shutdown(container)
    replies.shares(container)
