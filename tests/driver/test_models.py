"""The model table and its normalising lookup."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver.models import MODELS, OLD, lookup, normalise


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
    for model in MODELS:
        assert model.boards >= 2, model
        assert model.chips_per_board > 0, model
        assert 10 <= model.hashrate_ths <= 500, model
        # Whatsminer hydro (M63 class) takes power limits up to about 9.6 kW.
        ceiling = 6000 if model.make == "Antminer" else 9600
        assert 0 < model.power_min_w <= model.power_max_w <= ceiling, model
        assert model.expected_chips == model.boards * model.chips_per_board
