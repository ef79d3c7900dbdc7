"""Whatsminer reply shapes seen across firmware builds (docs/protocols.md §3), read into
MinerData values: version strings, error lists in their three forms, boards that are
missing or report only min/max chip temperatures, fans of unknown models, odd list items.

Pure functions on parsed replies; the wire side is covered against the simulator.
"""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.asic_miner.driver import MiningMode, PowerMode
from custom_components.asic_miner.driver.backends.whatsminer import replies as wr
from custom_components.asic_miner.driver.models import WHATSMINER, lookup

M50S = lookup("M50S", WHATSMINER)


@pytest.mark.parametrize(
    ("raw", "version"),
    [
        ("whatsminer v2.0.5", "2.0.5"),
        ("Whatsminer 1.4.0", "1.4.0"),
        ("v3.0.1", "3.0.1"),
        ("'20230911.12.Rel'\n", "20230911.12.Rel"),
        ("  ", None),
        (None, None),
    ],
)
def test_versions_are_shown_without_decoration(raw: Any, version: str | None) -> None:
    assert wr.clean_version(raw) == version


@pytest.mark.parametrize(
    ("value", "mode"),
    [("Low", PowerMode.LOW), ("normal", PowerMode.NORMAL), ("turbo", None), (None, None)],
)
def test_power_mode_words(value: Any, mode: PowerMode | None) -> None:
    assert wr.power_mode(value) is mode


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        (["110", 2010], [110, 2010]),  # a list of codes
        ({"110": "2024-01-01 00:00:00", "2010": "2024-01-01 00:01:00"}, [110, 2010]),  # dict
        ([{"110": "2024-01-01"}, {"110": "2024-01-02"}], [110]),  # repeated: once
        ("531", [531]),  # one code alone
        ("", []),
        (None, []),
        (["not a code"], []),
    ],
)
def test_error_lists_in_every_shape(value: Any, codes: list[int]) -> None:
    errors = wr.miner_errors(wr.error_list(value))
    assert [e.code for e in errors] == codes
    assert all(e.message for e in errors)


@pytest.mark.parametrize(
    ("value", "flag"),
    [(True, True), (0, False), ("Enabled", True), (" off ", False), ("maybe", None), (None, None)],
)
def test_switch_words(value: Any, flag: bool | None) -> None:
    assert wr.as_bool(value) is flag


def test_fans_of_an_unknown_model_are_the_ones_reporting() -> None:
    assert [f.speed for f in wr.fans_from(None, [4200, 4100])] == [4200, 4100]
    assert wr.fans_from(None, [0, None]) == []  # hydro or immersion: no fans of its own
    assert [f.speed for f in wr.fans_from(M50S, [4200, 4100, 999])] == [4200, 4100]


def test_v2_board_that_does_not_report_is_shown_missing() -> None:
    devs = {
        "DEVS": [
            {"ASC": 0, "MHS 1m": 40_000_000.0, "Temperature": 70, "Effective Chips": 156},
            "garbage",
            {"Slot": 2, "MHS av": 41_000_000.0, "Effective Chips": 0},
        ]
    }
    boards = wr.v2_boards(devs, M50S)
    assert [b.slot for b in boards] == [0, 1, 2]
    assert [b.missing for b in boards] == [False, True, True]
    assert boards[0].hashrate == pytest.approx(40.0)
    assert boards[1].expected_chips == 156
    assert wr.v2_boards({"DEVS": "none"}, M50S) == []
    assert wr.v2_boards(None, None) == []


def test_v2_pools_skip_empty_slots() -> None:
    reply = {
        "POOLS": [
            {"POOL": 0, "URL": "stratum+tcp://a.invalid:3333", "User": "me", "Status": "Alive"},
            {"POOL": 1, "URL": "", "User": ""},
            "garbage",
        ]
    }
    pools = wr.v2_pools(reply)
    assert [(p.index, p.url, p.alive) for p in pools] == [(0, "stratum+tcp://a.invalid:3333", True)]
    assert wr.v2_pools({"POOLS": None}) == []


def test_v3_boards_with_min_max_chip_temperatures_only() -> None:
    edevs: list[Any] = [
        {"id": 0, "hash-average": 62.1, "chip-temp-min": 60.0, "chip-temp-max": 75.0},
        {"slot": 1, "hash-realtime": 61.0, "chip-temp-max": 74.0, "effective-chips": 245},
        42,
    ]
    boards = wr.v3_boards(edevs, M50S)
    assert [b.chip_temp for b in boards] == [67.5, 74.0, None]
    assert boards[2].missing is True  # slot 2 never reported
    assert wr.v3_boards({"edevs": []}, M50S) == []


def test_v3_pools_of_odd_shapes() -> None:
    items: list[Any] = [
        {"id": 1, "url": "stratum+tcp://b.invalid:3333", "account": "me.2", "status": "alive"},
        {"url": None},
        "garbage",
    ]
    pools = wr.v3_pools(items)
    assert [(p.index, p.user, p.alive) for p in pools] == [(1, "me.2", True)]
    assert wr.v3_pools(None) == []


@pytest.mark.parametrize(
    ("mining", "mode", "limit", "expected"),
    [
        (False, PowerMode.HIGH, 3000, MiningMode.SLEEP),
        (True, PowerMode.NORMAL, 3000, MiningMode.POWER_TARGET),
        (True, PowerMode.NORMAL, 3600, MiningMode.NORMAL),  # the maximum is no target
        (True, PowerMode.LOW, None, MiningMode.LOW),
        (None, PowerMode.HIGH, None, MiningMode.HIGH),
    ],
)
def test_configured_mining_mode(
    mining: bool | None, mode: PowerMode, limit: float | None, expected: MiningMode
) -> None:
    config = wr.config_from([], mining, mode, limit, M50S)
    assert config.mining_mode.mode is expected
    if expected is MiningMode.POWER_TARGET:
        assert config.mining_mode.power_target == 3000
