"""The model table and its normalising lookup."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver.algorithm import Algorithm
from custom_components.asic_miner.driver.models import (
    MODELS,
    OLD,
    lookup,
    normalise,
    whatsminer_variant,
)


@pytest.mark.parametrize(
    "spelling",
    [
        "Antminer S19 Pro",
        "S19 Pro",
        "ANTMINER S19PRO",
        "antminer s19-pro",
        "S19_Pro",
        "S19 Pro (88T)",
    ],
)
def test_spellings_of_one_model_find_the_same_entry(spelling: str) -> None:
    model = lookup(spelling)
    assert model is not None
    assert (model.name, model.boards, model.chips_per_board) == ("S19 Pro", 3, 114)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Antminer S19j Pro", "S19j Pro"),
        ("S19J PRO", "S19j Pro"),
        ("Antminer S19 XP", "S19 XP"),
        ("Antminer S19k Pro", "S19k Pro"),
        ("Antminer S19 Pro Hyd.", "S19 Pro Hydro"),
        ("Antminer S19 Pro Plus", "S19 Pro+"),
        ("Antminer S21", "S21"),
        ("Antminer T21", "T21"),
        ("Antminer S17 Pro", "S17 Pro"),
        ("Antminer T17+", "T17+"),
        ("Antminer S9", "S9"),
        ("Antminer S9j", "S9j"),
    ],
)
def test_lookup_distinguishes_close_names(spelling: str, name: str) -> None:
    model = lookup(spelling)
    assert model is not None
    assert model.name == name


def test_unknown_and_empty_names_find_nothing() -> None:
    assert lookup("Antminer S99 Ultra") is None
    assert lookup("") is None
    assert lookup(None) is None
    assert lookup("S19 Pro", make="Whatsminer") is None


def test_table_has_one_entry_per_normalised_name() -> None:
    keys = [normalise(m.name) for m in MODELS]
    assert len(keys) == len(set(keys))


def test_old_generation_is_the_s9_and_s17_families() -> None:
    old = {m.name for m in MODELS if m.generation == OLD}
    assert {"S9", "S17", "S17 Pro", "T17"} <= old
    assert not {"S19", "S19 Pro", "S21", "T21"} & old


def test_figures_are_plausible_for_every_model() -> None:
    # One board; a BitAxe makes from 0.2 TH/s. Goldshell's Box line and Mini Doge, and
    # Elphapex's DG Home 1: one board.
    home_makes = {"Bitaxe", "NerdAxe", "Avalon", "Goldshell", "Elphapex"}
    for model in MODELS:
        home = model.make in home_makes and model.boards == 1
        assert model.boards >= (1 if home else 2), model
        assert model.chips_per_board > 0, model
        if model.algorithm is Algorithm.SHA256:
            assert (0.1 if home else 10) <= model.hashrate_ths <= 500, model
        else:  # 10^12 of its own algorithm: a Mini Doge's 185 MH/s of Scrypt is 0.000185
            assert 0 < model.hashrate_ths <= 500, model
        # Whatsminer hydro (M63 class) takes power limits up to about 9.6 kW.
        ceiling = 6000 if model.make == "Antminer" else 9600
        assert 0 < model.power_min_w <= model.power_max_w <= ceiling, model
        assert model.expected_chips == model.boards * model.chips_per_board


@pytest.mark.parametrize(
    ("reported", "variant", "family"),
    [
        ("M30S+_VE45", "M30S+VE40", "M30S+"),  # protocols.md §3.1
        ("M50SVH35", "M50SVH30", "M50S"),
        ("M50S+VK30", "M50S+VK30", "M50S+"),
        ("M30S++_VG30", "M30S++VG30", "M30S++"),
        ("WhatsMiner M63S VK30", "M63SVK30", "M63S"),
        ("M56S_VH30", "M56SVH30", "M56S"),
        ("M66S_VK30", "M66SVK30", "M66S"),
        ("M60S_VK30", "M60SVK30", "M60S"),
        ("M20S_V10", None, None),  # old style without a bin letter: no variant
    ],
)
def test_whatsminer_model_strings_normalise_to_the_family_row(
    reported: str, variant: str | None, family: str | None
) -> None:
    assert whatsminer_variant(reported) == variant
    model = lookup(reported, make="Whatsminer")
    if family is None:
        assert model is None or model.name == reported
        return
    assert model is not None
    assert model.name == family
    assert lookup(reported, make="Antminer") is None


def test_hydro_whatsminers_have_four_boards_and_no_fans() -> None:
    for name in ("M53", "M56S", "M63", "M63S"):
        model = lookup(name, make="Whatsminer")
        assert model is not None
        assert (model.boards, model.fans) == (4, 0), name
    m63 = lookup("M63S_VK30")
    assert m63 is not None
    assert m63.power_max_w >= 9600  # the power limit an M63 needs


def test_every_whatsminer_generation_is_in_the_table() -> None:
    names = {m.name for m in MODELS if m.make == "Whatsminer"}
    for family in ("M20S", "M21S", "M30S", "M31S", "M50", "M50S", "M60", "M60S", "M66S", "M70"):
        assert family in names
