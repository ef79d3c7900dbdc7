"""Auradine's reply parsers and power settings, on arbitrary JSON and on mutated simulated
replies (built from tests/simulator/auradine/captures.py).

Covered: ``backends/auradine/replies.py`` (every reader) and ``controls.settings`` (the
power target and the fans' speed). Property: nothing but a driver error escapes, and what
comes back is sane where a user sees it: finite numbers, no negative rate, power, fan speed
or count, texts stripped, a setting whose floor is not above its ceiling and a fan speed
within 0-100 %, pools as a configuration each with a URL.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.auradine import replies
from custom_components.asic_miner.driver.backends.auradine.controls import settings as read_settings
from custom_components.asic_miner.driver.backends.cgminer_replies import pools as read_pools
from custom_components.asic_miner.driver.models import lookup
from custom_components.asic_miner.driver.settings import NumberKey
from tests.simulator.auradine import replies as sim_replies
from tests.simulator.auradine.models import MODELS
from tests.simulator.auradine.state import AuradineState

from .checks import (
    check_boards,
    check_fans,
    check_pools,
    finite_or_none,
    result_or_driver_error,
    text_or_none,
)
from .strategies import json_values, mutated

_STATE = AuradineState.initial(MODELS["auradine-at1500"], "admin", "worker")
AT1500 = lookup("AT1500", "Auradine")


def _any(sample: Any) -> st.SearchStrategy[Any]:
    return st.one_of(json_values, st.just(sample), st.just(sample).flatmap(mutated))


summaries = _any(sim_replies.summary(_STATE))
devs = _any(sim_replies.devs(_STATE))
pools = _any(sim_replies.pools(_STATE))
ipreports = _any(sim_replies.ipreport(_STATE, "1c:00:00:0e:3b:2b", "192.168.1.50"))
psus = _any(sim_replies.psu(_STATE))
modes = _any(sim_replies.mode(_STATE))
fans = _any(sim_replies.fan(_STATE))
leds = _any(sim_replies.led(_STATE))
web_pools = _any(sim_replies.web_pools(_STATE))
tokens = _any(sim_replies.token("0123abcd"))


def _mapping(value: Any) -> Any:
    return value if isinstance(value, dict) else None


@given(summaries, devs, ipreports, st.sampled_from([AT1500, None]))
def test_rates_boards_and_identity_take_whatever_a_reply_holds(
    summary: Any, dev: Any, ipreport: Any, model: Any
) -> None:
    summary, dev, ipreport = _mapping(summary), _mapping(dev), _mapping(ipreport)
    finite_or_none(result_or_driver_error(lambda: replies.hashrate(summary)), minimum=0)
    averages = result_or_driver_error(lambda: replies.hashrate_averages(summary))
    assert isinstance(averages, dict)
    for rate in averages.values():
        finite_or_none(rate, minimum=0)
    finite_or_none(result_or_driver_error(lambda: replies.uptime(summary)), minimum=0)
    for count in result_or_driver_error(lambda: replies.shares(summary)):
        finite_or_none(count, minimum=0)
    boards = result_or_driver_error(lambda: replies.hashboards(dev, ipreport, model))
    assert isinstance(boards, list)
    check_boards(boards)
    for read in (
        replies.model_name,
        replies.firmware_version,
        replies.mac,
        replies.hostname,
        replies.serial_number,
    ):
        text_or_none(result_or_driver_error(lambda read=read: read(ipreport)))  # type: ignore[misc]


@given(psu=psus, mode=modes, fan=fans, led=leds, pool=pools, model=st.sampled_from([AT1500, None]))
def test_power_mode_fans_light_and_pools_take_whatever_a_reply_holds(
    *, psu: Any, mode: Any, fan: Any, led: Any, pool: Any, model: Any
) -> None:
    psu, mode, fan, led, pool = map(_mapping, (psu, mode, fan, led, pool))
    finite_or_none(result_or_driver_error(lambda: replies.wattage(psu)))
    finite_or_none(result_or_driver_error(lambda: replies.psu_max_watts(psu)))
    finite_or_none(result_or_driver_error(lambda: replies.input_voltage(psu)))
    finite_or_none(result_or_driver_error(lambda: replies.power_target(mode)), minimum=0)
    assert result_or_driver_error(lambda: replies.is_mining(mode)) in (True, False, None)
    assert result_or_driver_error(lambda: replies.fault_light(led)) in (True, False, None)
    check_fans(result_or_driver_error(lambda: replies.fans(fan)))
    check_pools(result_or_driver_error(lambda: read_pools(pool)))
    settings = result_or_driver_error(lambda: read_settings(mode, psu, fan, model))
    for number in settings.numbers.values():
        assert number.minimum <= number.maximum
    speed = settings.numbers.get(NumberKey.FAN_SPEED)
    if speed is not None:
        assert speed.value is not None
        assert 0 <= speed.value <= 100
    assert result_or_driver_error(lambda: replies.fan_percent(fan)) in (None, *range(101))


@given(st.one_of(pools, web_pools))
def test_pools_read_as_a_configuration_from_either_list(reply: Any) -> None:
    reply = _mapping(reply)
    config = result_or_driver_error(lambda: replies.config_pools(reply))
    assert isinstance(config, list)
    for pool in config:
        text_or_none(pool.url)
        assert pool.url
        assert isinstance(pool.user, str)


@given(tokens)
def test_a_token_or_a_refusal_is_read_from_any_answer(answer: Any) -> None:
    found = result_or_driver_error(lambda: replies.token(answer))
    text_or_none(found)
    if isinstance(answer, dict):
        refusal = result_or_driver_error(lambda: replies.refusal(answer))
        assert refusal is None or isinstance(refusal, str)


def test_the_captured_replies_read_as_captured() -> None:
    """Unbroken, the replies give the figures the captures hold (the properties above
    could pass on parsers that read nothing)."""
    assert replies.hashrate(sim_replies.summary(_STATE)) == 20.7
    assert replies.power_target(sim_replies.mode(_STATE)) == 2000
    assert replies.psu_max_watts(sim_replies.psu(_STATE)) == 3452.0
    assert replies.token(sim_replies.token("0123abcd")) == "0123abcd"
    assert replies.token(sim_replies.refused("token", "Invalid user")) is None
    assert replies.fan_percent(sim_replies.fan(_STATE)) == 91  # Target 7000 of Max 7700
    listed = [(p.url, p.user) for p in replies.config_pools(sim_replies.web_pools(_STATE))]
    assert listed == _STATE.pools
    assert [(p.url, p.user) for p in replies.config_pools(sim_replies.pools(_STATE))] == listed
