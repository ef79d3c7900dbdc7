"""MARA firmware's reply parsers, settings and config bodies, on arbitrary JSON and on
mutated captured replies (tests/simulator/marathon/captures.py), and its reply decoding on
damaged bytes.

Covered: ``backends/marathon/replies.py`` (every reader), ``controls.py`` (settings, the
miner_config bodies, the configured pools), ``api.MaraApi`` decoding. Property: nothing but
a driver error escapes, and what comes back is sane where a user sees it: finite numbers,
no negative hashrate, power, fan speed or count, texts stripped, a power target within
the bounds the settings offer.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.marathon import controls, replies
from custom_components.asic_miner.driver.backends.marathon.api import MaraApi
from custom_components.asic_miner.driver.config import PoolConfig
from custom_components.asic_miner.driver.credentials import Credentials
from custom_components.asic_miner.driver.models import lookup
from custom_components.asic_miner.driver.settings import NumberKey
from tests.simulator.marathon import captures
from tests.simulator.marathon.models import MODELS
from tests.simulator.marathon.state import MaraState

from .checks import (
    check_boards,
    check_errors,
    check_fans,
    check_pools,
    finite_or_none,
    result_or_driver_error,
    text_or_none,
)
from .strategies import damaged_bytes, json_values, mutated

_STATE = MaraState.initial(MODELS["marathon-ks5pro"], "root", "worker")
BRIEFS = st.sampled_from([captures.MINING_BRIEF, captures.SLEEP_BRIEF])
BOARDS = st.sampled_from([captures.MINING_HASHBOARDS, captures.SLEEP_HASHBOARDS])
FANS = st.sampled_from([captures.MINING_FANS, captures.SLEEP_FANS])


def _any(samples: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(json_values, samples, samples.flatmap(mutated))


briefs = _any(BRIEFS)
boards = _any(BOARDS)
fans = _any(FANS)
overviews = _any(st.just({**captures.OVERVIEW, "mac": "02:11:22:33:44:55"}))
configs = _any(st.just(_STATE.miner_config()))
pool_lists = _any(st.just(_STATE.pool_list()))
KS5PRO = lookup("KS5 Pro", "Antminer")


@given(briefs, boards, fans)
def test_brief_boards_and_fans_readers_take_whatever_a_reply_holds(
    brief: Any, board_reply: Any, fan_reply: Any
) -> None:
    brief_dict = brief if isinstance(brief, dict) else None
    for name in ("hashrate", "expected_hashrate", "wattage", "uptime"):
        finite_or_none(
            result_or_driver_error(lambda n=name: getattr(replies, n)(brief_dict)), minimum=0
        )
    averages = replies.hashrate_averages(brief_dict)
    for rate in averages.values():
        finite_or_none(rate, minimum=0)
    assert replies.is_mining(brief_dict) in (None, True, False)
    text_or_none(replies.status(brief_dict))
    check_boards(
        replies.hashboards(board_reply if isinstance(board_reply, dict) else None, brief_dict)
    )
    fan_dict = fan_reply if isinstance(fan_reply, dict) else None
    check_fans(replies.fans(fan_dict))
    percent = replies.fan_percent(fan_dict)
    assert percent is None or 0 <= percent <= 100
    check_errors(replies.errors(brief_dict, fan_dict))


@given(overviews, st.one_of(json_values, st.just({"hostname": " rack-7 "})), json_values)
def test_identity_and_light_readers(overview: Any, network: Any, light: Any) -> None:
    overview_dict = overview if isinstance(overview, dict) else None
    text_or_none(replies.model_name(overview_dict))
    text_or_none(replies.firmware_version(overview_dict))
    mac = replies.mac(overview_dict)
    assert mac is None or len(mac) == 17
    text_or_none(replies.hostname(network if isinstance(network, dict) else None))
    assert replies.fault_light(light) in (None, True, False)


@given(pool_lists)
def test_pools_have_at_most_one_active(reply: Any) -> None:
    pools = replies.pools(reply)
    check_pools(pools)
    assert sum(p.active for p in pools) <= 1


@given(configs, st.integers(min_value=1, max_value=10_000))
def test_settings_and_bodies_keep_what_they_do_not_change(config: Any, watts: int) -> None:
    config_dict = config if isinstance(config, dict) else None
    settings = controls.settings(config_dict, KS5PRO)
    number = settings.numbers.get(NumberKey.POWER_TARGET)
    if number is not None:
        assert number.minimum <= number.maximum
        assert number.value is None or number.minimum <= number.value <= number.maximum
    text_or_none(replies.work_mode(config_dict))
    for pool in controls.config_pools(config_dict):
        assert isinstance(pool, PoolConfig)
    if config_dict is None:
        return
    body = controls.with_power_target(config_dict, watts)
    assert replies.power_target(body) == (watts if watts < 100_000 else None)
    asleep = controls.with_work_mode(config_dict, replies.SLEEP)
    assert replies.work_mode(asleep) == replies.SLEEP
    assert {k: v for k, v in asleep.items() if k != "mode"} == {
        k: v for k, v in config_dict.items() if k != "mode"
    }
    sent = controls.with_pools(config_dict, [PoolConfig("stratum+tcp://a.invalid:1", "u", "p")])
    assert [p.url for p in controls.config_pools(sent)] == ["stratum+tcp://a.invalid:1"]


@given(
    st.sampled_from(["brief", "miner_config", "pools"]),
    st.sampled_from([captures.MINING_BRIEF, _STATE.miner_config()]).flatmap(damaged_bytes),
)
def test_damaged_replies_decode_or_fail_as_protocol_errors(name: str, raw: bytes) -> None:
    api = MaraApi("127.0.99.250", lambda: None, Credentials("root", "root"), 1.0)  # type: ignore[arg-type, return-value]
    outcome = result_or_driver_error(lambda: api._parse(name, raw.decode("utf-8", "replace")))
    if name == "miner_config" and isinstance(outcome, Exception):
        assert "pass" not in str(outcome)  # the pool passwords are never quoted
