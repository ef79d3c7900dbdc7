"""The backends' pure reply parsers, on arbitrary JSON and on mutated real replies.

Covered: ``backends/values.py`` (to_float, to_int, to_ths, mean_of_readings, format_mac,
first_item, text), ``backends/antminer_replies.py`` (expected_hashrate, fans,
new_api_boards, classic_boards, pools, web_errors), ``backends/antminer_conf.py``
(config_from_conf, work_mode), ``backends/whatsminer_replies.py`` (msg_of, as_bool,
clean_version, power_mode, miner_errors, error_list, fans_from, v2_boards, v2_pools,
v2_summary_errors, v2_is_mining, watts, section, v3_boards, v3_pools, config_from) and
``backends/whatsminer_errors.py`` (error_text).

Property: they never raise (they are fed whatever a reply holds), and what they return is
sane where a user sees it: finite numbers, no negative hashrate, fan speed, chip count or
share count, board slots 0..15 in order, stripped texts.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends import cgminer_replies
from custom_components.asic_miner.driver.backends.antminer import conf as antminer_conf
from custom_components.asic_miner.driver.backends.antminer import replies as antminer_replies
from custom_components.asic_miner.driver.backends.values import (
    first_item,
    format_mac,
    mean_of_readings,
    text,
    to_float,
    to_int,
    to_ths,
)
from custom_components.asic_miner.driver.backends.whatsminer import replies as wr
from custom_components.asic_miner.driver.backends.whatsminer.error_codes import error_text
from custom_components.asic_miner.driver.config import MinerConfig, PowerMode
from custom_components.asic_miner.driver.data import MinerData
from custom_components.asic_miner.driver.models import lookup

from . import samples
from .checks import (
    check_boards,
    check_errors,
    check_fans,
    check_miner_data,
    check_pools,
    finite_or_none,
    text_or_none,
)
from .strategies import HUGE, json_values, mutated

ANTMINER_MODELS = st.sampled_from([None, lookup("S19 Pro"), lookup("S9")])
WHATSMINER_MODELS = st.sampled_from([None, lookup("M50S"), lookup("M60S")])
units = st.one_of(
    st.none(), st.sampled_from(["GH", "MH", "TH", "PH", "H", "", " ph/s"]), json_values
)


# -- values.py -----------------------------------------------------------------------------


@given(json_values)
@example(HUGE)
@example(-HUGE)
def test_numbers_are_finite_or_none(value: Any) -> None:
    number = to_float(value)
    finite_or_none(number)
    assert number is None or isinstance(number, float)
    whole = to_int(value)
    finite_or_none(whole)
    assert whole is None or type(whole) is int


@given(json_values, units)
@example("1e306", "PH")
@example(-5, "GH")
@example("100", 5)
def test_hashrates_are_finite_and_not_negative(value: Any, unit: Any) -> None:
    finite_or_none(to_ths(value, unit), minimum=0)


@given(st.lists(json_values, max_size=8))
@example([1e308, 1e308])
@example([HUGE, "1e308"])
def test_mean_of_readings_is_finite(values: list[Any]) -> None:
    finite_or_none(mean_of_readings(values))


@given(json_values)
@example("aa:bb:cc:dd:ee:ff")
@example("00-00-00-00-00-00")
def test_mac_is_six_colon_bytes_or_none(value: Any) -> None:
    mac = format_mac(value)
    assert mac is None or (len(mac) == 17 and mac.count(":") == 5 and mac == mac.upper())


@given(json_values, json_values, st.integers(-2, 3))
def test_first_item_and_text_never_fail(reply: Any, key: Any, index: int) -> None:
    item = first_item(reply if isinstance(reply, dict) else None, str(key), index)
    assert isinstance(item, dict)
    text_or_none(text(reply))


# -- Antminer --------------------------------------------------------------------------------


def _antminer_reply(command: str, model: str = "antminer-s19pro") -> Any:
    return samples.antminer(model)[command]


@given(
    mutated(_antminer_reply("stats")),
    mutated(_antminer_reply("stats", "antminer-s9")),
    mutated(_antminer_reply("stats new_api")),
    ANTMINER_MODELS,
)
def test_antminer_stats_give_sane_boards_fans_and_hashrate(
    modern: Any, old: Any, new_api: Any, model: Any
) -> None:
    for stats in (modern, old):
        figures = first_item(stats, "STATS", 1)
        check_boards(antminer_replies.classic_boards(figures, model))
        check_fans(antminer_replies.fans(figures, model))
        new_api_figures = first_item(new_api, "STATS")
        finite_or_none(
            antminer_replies.expected_hashrate(figures, new_api_figures, model), minimum=0
        )
        check_boards(antminer_replies.new_api_boards(new_api_figures, model))


@example({"STATS": [{"chain": [{"index": 10**18, "asic_num": 1}]}]})
@example({"STATS": [{"chain": [{"index": -3, "asic_num": 1}, {"index": 1}]}]})
@example({"STATS": [{"rate_unit": 5, "rate_ideal": 1}]})
@given(json_values)
def test_antminer_new_api_from_any_json(new_api: Any) -> None:
    figures = first_item(new_api if isinstance(new_api, dict) else None, "STATS")
    for model in (None, lookup("S19 Pro")):
        check_boards(antminer_replies.new_api_boards(figures, model))
        finite_or_none(antminer_replies.expected_hashrate({}, figures, model), minimum=0)


@given(mutated(_antminer_reply("pools")), mutated(_antminer_reply("/cgi-bin/summary.cgi")))
def test_antminer_pools_and_web_errors(pools: Any, summary: Any) -> None:
    check_pools(cgminer_replies.pools(pools if isinstance(pools, dict) else None))
    check_errors(antminer_replies.web_errors(summary if isinstance(summary, dict) else None))


@given(
    st.one_of(
        mutated(_antminer_reply("/cgi-bin/get_miner_conf.cgi")),
        mutated(_antminer_reply("/cgi-bin/get_miner_conf.cgi", "antminer-s9")),
        json_values,
    )
)
@example({"pools": 5})
@example({"bitmain-fan-ctrl": True, "bitmain-fan-pwm": "-40"})
def test_antminer_conf_reads_as_a_config(conf: Any) -> None:
    if not isinstance(conf, dict):
        return  # the backend refuses a conf that is no object (MinerProtocolError)
    config = antminer_conf.config_from_conf(conf)
    assert isinstance(config, MinerConfig)
    for pool in config.pools:
        assert pool.url
    speed = config.fan.speed
    assert speed is None or 0 <= speed <= 100, speed
    finite_or_none(antminer_conf.work_mode(conf))


# -- Whatsminer ------------------------------------------------------------------------------


def _v2(command: str) -> Any:
    return samples.whatsminer_v2()[command]


V2_POLL = ("summary", "edevs", "pools", "status", "get_error_code")


@given(st.fixed_dictionaries({name: mutated(_v2(name)) for name in V2_POLL}), WHATSMINER_MODELS)
@example(
    {
        "summary": {"SUMMARY": [{"Error Code Count": 10**9}]},
        "edevs": {"DEVS": [{"ASC": 10**18}]},
        "pools": {"POOLS": [{"URL": "x", "Accepted": -1}]},
        "status": {"Msg": {"btmineroff": None}},
        "get_error_code": {"Msg": {"error_code": {"110": "x"}}},
    },
    None,
)
def test_whatsminer_v2_replies(replies: dict[str, Any], model: Any) -> None:
    summary, edevs, pools, status, errors = (replies[name] for name in V2_POLL)
    summary_item = first_item(summary if isinstance(summary, dict) else None, "SUMMARY")
    check_boards(wr.v2_boards(edevs if isinstance(edevs, dict) else None, model))
    found_pools = wr.v2_pools(pools if isinstance(pools, dict) else None)
    check_pools(found_pools)
    status_msg = wr.msg_of(status if isinstance(status, dict) else None)
    assert wr.v2_is_mining(status_msg) in (None, True, False)
    check_errors(wr.v2_summary_errors(summary_item))
    msg = wr.msg_of(errors if isinstance(errors, dict) else None)
    check_errors(wr.miner_errors(wr.error_list(msg.get("error_code"))))
    finite_or_none(wr.watts(summary_item.get("Power")), minimum=0)
    check_fans(wr.fans_from(model, [to_int(summary_item.get("Fan Speed In"))]))
    mode = wr.power_mode(summary_item.get("Power Mode"))
    assert mode is None or isinstance(mode, PowerMode)
    text_or_none(wr.clean_version(summary_item.get("Firmware Version")))
    limit = wr.watts(summary_item.get("Power Limit"))
    config = wr.config_from(found_pools, wr.v2_is_mining(status_msg), mode, limit, model)
    assert isinstance(config, MinerConfig)


def _v3(command: str) -> Any:
    return samples.whatsminer_v3()[command]


@given(
    mutated(_v3("get.miner.status")),
    mutated(_v3("get.device.info")),
    mutated(_v3("get.miner.setting")),
    WHATSMINER_MODELS,
)
def test_whatsminer_v3_replies(status: Any, device: Any, setting: Any, model: Any) -> None:
    msg = status.get("msg") if isinstance(status, dict) else None
    summary = wr.section(msg, "summary")
    check_boards(wr.v3_boards(msg.get("edevs") if isinstance(msg, dict) else None, model))
    check_pools(wr.v3_pools(msg.get("pools") if isinstance(msg, dict) else None))
    finite_or_none(wr.watts(summary.get("power-realtime")), minimum=0)
    device_msg = device.get("msg") if isinstance(device, dict) else None
    system = wr.section(device_msg, "system")
    text_or_none(wr.clean_version(system.get("fwversion")))
    assert wr.as_bool(wr.section(device_msg, "miner").get("working")) in (None, True, False)
    setting_msg = wr.section(setting, "msg")
    mode = wr.power_mode(setting_msg.get("power-mode"))
    assert mode is None or isinstance(mode, PowerMode)


@given(json_values, WHATSMINER_MODELS)
@example([{"id": 10**18, "chip-temp-min": 1e308, "chip-temp-max": 1e308}], None)
@example([{"slot": -1, "hash-average": -3}], None)
def test_whatsminer_v3_boards_from_any_json(edevs: Any, model: Any) -> None:
    check_boards(wr.v3_boards(edevs, model))
    check_pools(wr.v3_pools(edevs))


@given(json_values)
@example(["a", "b"])
@example("text")
def test_whatsminer_sections_of_any_msg(msg: Any) -> None:
    assert isinstance(wr.section(msg, "summary"), dict)
    assert isinstance(wr.msg_of({"Msg": msg}), dict)
    check_errors(wr.miner_errors(wr.error_list(msg)))
    assert wr.as_bool(msg) in (None, True, False)


@given(st.integers(min_value=-(10**30), max_value=10**30))
@example(-12345)
@example(523001)
def test_every_error_code_has_a_text(code: int) -> None:
    message = error_text(code)
    assert isinstance(message, str)
    assert message
    assert not math.isnan(len(message))


# -- MinerData's computed figures ------------------------------------------------------------


@given(mutated(_v2("summary")), mutated(_v2("edevs")))
@example({"SUMMARY": [{"Power": 1e308, "MHS 1m": 1000, "Factory GHS": 1}]}, {})
@example(
    {"SUMMARY": [{"MHS 1m": 1e308, "Factory GHS": 1}]},
    {"DEVS": [{"Temperature": 1e308}, {"Temperature": 1e308}]},
)
def test_miner_data_figures_stay_finite(summary: Any, edevs: Any) -> None:
    """Efficiency, mean temperature and percent of nominal from extreme but finite readings."""
    item = first_item(summary, "SUMMARY")
    data = MinerData(
        host="127.0.18.1",
        hashrate=to_ths(item.get("MHS 1m"), "MH"),
        expected_hashrate=to_ths(item.get("Factory GHS"), "GH"),
        wattage=wr.watts(item.get("Power")),
        hashboards=wr.v2_boards(edevs if isinstance(edevs, dict) else None, None),
    )
    check_miner_data(data)
