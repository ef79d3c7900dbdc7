"""Goldshell's reply parsers, settings and bodies, on arbitrary JSON and on mutated captured
replies (tests/simulator/goldshell/captures.py), and its reply decoding on damaged bytes.

Covered: ``backends/goldshell/replies.py`` (every reader), ``controls.py`` (the power plan
choice, the setting body), ``models.algorithm_of``, ``api.GoldshellApi`` decoding.
Property: nothing but a driver error escapes, and what comes back is sane where a user
sees it: finite rates that are never negative, temperatures a sensor can read, the plan
chosen among the options, a body that changes only ``select``.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.algorithm import Algorithm
from custom_components.asic_miner.driver.backends.goldshell import controls, replies
from custom_components.asic_miner.driver.backends.goldshell.api import GoldshellApi
from custom_components.asic_miner.driver.backends.goldshell.models import algorithm_of
from custom_components.asic_miner.driver.credentials import Credentials
from custom_components.asic_miner.driver.settings import ChoiceKey
from tests.simulator.goldshell import captures
from tests.simulator.goldshell.models import MODELS
from tests.simulator.goldshell.state import GoldshellState

from .checks import (
    check_boards,
    check_fans,
    check_pools,
    finite_or_none,
    result_or_driver_error,
    text_or_none,
)
from .strategies import damaged_bytes, json_values, mutated

_STATE = GoldshellState.initial(MODELS["goldshell-ck5"], "123456789", "02:11:22:33:44:55", "w")


def _any(samples: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(json_values, samples, samples.flatmap(mutated))


statuses = _any(st.sampled_from([captures.SCLITE_STATUS, captures.SC5PROII_STATUS]))
settings = _any(
    st.sampled_from([captures.SCLITE_SETTING, captures.SC5PROII_SETTING, captures.SCBOX_SETTING])
)
devs = _any(st.sampled_from([captures.SCLITE_DEVS, captures.SC5PROII_DEVS, _STATE.devs()]))
pool_lists = _any(st.just(_STATE.pools))


@given(statuses)
def test_status_readers(status: Any) -> None:
    status_dict = status if isinstance(status, dict) else None
    name = replies.model_name(status_dict)
    text_or_none(name)
    assert name is None or not name.upper().startswith("GOLDSHELL")
    text_or_none(replies.firmware_version(status_dict))
    assert algorithm_of(name) in (None, *Algorithm)


@given(devs, st.one_of(st.none(), st.integers(min_value=1, max_value=200)))
def test_devs_readers_take_whatever_a_reply_holds(reply: Any, chips: int | None) -> None:
    boards = replies.hashboards(reply, chips)
    check_boards(boards)
    for board in boards:
        assert board.temp is None or -50 < board.temp < 200
    finite_or_none(replies.hashrate(reply), minimum=0)
    check_fans(replies.fans(reply))
    for key in ("accepted", "rejected"):
        count = replies.shares(reply, key)
        assert count is None or count >= 0


@given(settings)
def test_the_plan_choice_is_one_of_its_options_and_bodies_change_only_select(
    setting: Any,
) -> None:
    setting_dict = setting if isinstance(setting, dict) else None
    mac = replies.mac(setting_dict)
    assert mac is None or len(mac) == 17
    found = controls.settings(setting_dict).choices.get(ChoiceKey.POWER_PLAN)
    if found is not None:
        assert found.options
        assert found.current is None or found.current in found.options
        for option in found.options:
            index = controls.index_of_plan(setting_dict or {}, option)
            assert index is not None
            body = controls.with_select(setting_dict or {}, index)
            assert replies.selected(body) == index
            assert {k: v for k, v in body.items() if k != "select"} == {
                k: v for k, v in (setting_dict or {}).items() if k != "select"
            }
    level = replies.selected_level(setting_dict)
    assert level is None or level >= 0


@given(pool_lists)
def test_pools_are_sane_and_each_listed_once(reply: Any) -> None:
    pools = replies.pools(reply)
    check_pools(pools)
    assert len(replies.config_pools(reply)) == len(pools)


def test_a_model_without_a_row_mines_what_its_series_says() -> None:
    assert algorithm_of("LT6") is Algorithm.SCRYPT
    assert algorithm_of("Mini-Doge III") is Algorithm.SCRYPT
    assert algorithm_of("KD6") is Algorithm.BLAKE2S
    assert algorithm_of("CK6") is Algorithm.EAGLESONG
    assert algorithm_of("E-KA1M") is Algorithm.KHEAVYHASH
    assert algorithm_of("Byte") is None


@given(
    st.sampled_from(["setting", "pools", "cgminer?cgminercmd=devs"]),
    st.sampled_from([captures.SCLITE_SETTING, _STATE.pools, captures.SCLITE_DEVS]).flatmap(
        damaged_bytes
    ),
)
def test_damaged_replies_decode_or_fail_as_protocol_errors(name: str, raw: bytes) -> None:
    api = GoldshellApi("127.0.103.250", lambda: None, Credentials("admin", "1"), 1.0)  # type: ignore[arg-type, return-value]
    outcome = result_or_driver_error(lambda: api._parse(name, raw.decode("utf-8", "replace")))
    if name == "pools" and isinstance(outcome, Exception):
        assert "pass" not in str(outcome)  # the pool passwords are never quoted
