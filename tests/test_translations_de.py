"""The German translation matches the English one key for key and placeholder for placeholder."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest

TRANSLATIONS = Path(__file__).parent.parent / "custom_components" / "asic_miner" / "translations"

# Key paths whose German text is rightly the same as the English one: loanwords and
# technical terms German uses unchanged, and the flow title made of placeholders only.
IDENTICAL_ALLOWED = frozenset(
    {
        "config.flow_title",  # "{name} ({host})"
        "config.step.manual.data.host",  # "Host"
        "config.step.reconfigure.data.host",  # "Host"
        "entity.binary_sensor.hashing.name",  # "Hashing"
        "entity.switch.mining.name",  # "Mining"
        "entity.switch.hashboard.name",  # "Hashboard {board}"
        "entity.sensor.hashrate.name",  # "Hashrate"
        "entity.sensor.algorithm_hashrate.name",  # "Hashrate ({algorithm})"
        "entity.select.power_mode.state.normal",  # "Normal"
        "selector.power_mode.options.normal",  # "Normal"
        # Avalon Q work modes, as Canaan names them in German too
        "entity.select.work_mode.state.standard",  # "Standard"
        "entity.select.work_mode.state.super",  # "Super"
        "entity.select.work_level.state.super",  # "Super"
        "entity.select.active_pool.state.0",  # "Pool 1"
        "entity.select.active_pool.state.1",
        "entity.select.active_pool.state.2",
        "services.set_pools.fields.pools.name",  # "Pools"
        "config.step.fleet.data.name",  # "Name"
        "entity.sensor.budget_in_use.state_attributes.plan.name",  # "Plan"
    }
)


def _load(name: str) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        duplicates = {key for key in keys if keys.count(key) > 1}
        assert not duplicates, f"{name}: duplicate keys {sorted(duplicates)}"
        return dict(pairs)

    text = (TRANSLATIONS / name).read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=no_duplicates)


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            assert isinstance(value, str), f"{path}: not a string but {type(value).__name__}"
            flat[path] = value
    return flat


def _placeholders(text: str) -> set[str]:
    """Names of the {placeholders} in text; fails on unbalanced braces."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


EN = _flatten(_load("en.json"))
DE = _flatten(_load("de.json"))


def test_same_keys() -> None:
    assert sorted(EN.keys() - DE.keys()) == [], "missing in de.json"
    assert sorted(DE.keys() - EN.keys()) == [], "not in en.json"


@pytest.mark.parametrize("path", sorted(EN.keys() & DE.keys()))
def test_same_placeholders(path: str) -> None:
    assert _placeholders(DE[path]) == _placeholders(EN[path])


@pytest.mark.parametrize("path", sorted(DE))
def test_translated(path: str) -> None:
    text = DE[path]
    assert text.strip(), "empty"
    assert text == text.strip(), "leading or trailing whitespace"
    if path in IDENTICAL_ALLOWED:
        assert text == EN[path], "allow-listed as identical, but differs: trim the allow-list"
    else:
        assert text != EN[path], "identical to English: translate or allow-list it"


@pytest.mark.parametrize("path", sorted(EN.keys() & DE.keys()))
def test_same_line_breaks_and_markdown(path: str) -> None:
    en, de = EN[path], DE[path]
    assert de.count("\n") == en.count("\n")
    assert de.count("`") == en.count("`")


def test_allow_list_is_current() -> None:
    assert sorted(IDENTICAL_ALLOWED - EN.keys()) == []
