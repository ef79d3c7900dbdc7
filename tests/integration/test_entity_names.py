"""The names a person sees on the device page: the README's entity table says the same, and a
renamed entity keeps its entity id (and with it its history) on an existing installation.

The names the UI can show are read from the code: each entity description's translation key
(its name in en.json) or, without one, its device class (Home Assistant's own name for it,
such as "Identify"). A simulated miner of each family checks that reading against the
entities Home Assistant really creates.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import homeassistant.components
import pytest
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver import (
    ActionKey,
    ChoiceKey,
    NumberKey,
    SwitchKey,
    TextKey,
)

from .conftest import SimFactory
from .miners import FAMILIES as TESTED_FAMILIES
from .miners import M56S, S19PRO, Family, entry_for_family, set_up_family, start_family

ROOT = Path(__file__).parents[2]
INTEGRATION = ROOT / "custom_components" / "asic_miner"
CORE_COMPONENTS = Path(homeassistant.components.__file__).parent
EN = json.loads((INTEGRATION / "translations" / "en.json").read_text(encoding="utf-8"))
PLATFORMS = (
    "binary_sensor",
    "button",
    "climate",
    "light",
    "number",
    "select",
    "sensor",
    "switch",
    "text",
)
# Entities made from the settings a firmware offers take their translation key from the
# setting's key: every key of the platform's vocabulary can appear (the firmware's own
# identify action is named by its device class, as the fault-light one).
SETTING_KEYS: dict[str, tuple[str, ...]] = {
    "select": tuple(ChoiceKey),
    "number": tuple(NumberKey),
    "text": tuple(TextKey),
    "switch": tuple(SwitchKey),
    "button": tuple(key for key in ActionKey if key != ActionKey.IDENTIFY),
}
# A fleet's platforms, in fleet/, and their table in the README.
FLEET = INTEGRATION / "fleet"
FLEET_PLATFORMS = ("binary_sensor", "number", "sensor", "switch")
FLEET_HEADING = "## A fleet: your miners on one power budget"
# The README's "kind" column, without its units.
KINDS = {platform.replace("_", " "): platform for platform in PLATFORMS}
# LuxOS: its per-board switches and ATM (127.0.96.20 is of the LuxOS tests' range).
LUXOS = Family("luxos-s19kpro", "127.0.96.20", "antminer_s19k_pro")
FAMILIES = {**TESTED_FAMILIES, "m56s": M56S, "luxos": LUXOS}


def _numbered(name: str) -> str:
    """'Board 2 hashrate' and 'Board {board} hashrate' both read 'Board N hashrate';
    'Hashrate ({algorithm})' reads 'Hashrate (algorithm)'."""
    name = name.replace("{algorithm}", "algorithm")
    return re.sub(r"\{\w+\}|\b\d+\b", "N", name)


def readme_entities(heading: str = "### Entities") -> set[tuple[str, str]]:
    """(platform, name) of every name in the README's entities table under ``heading``."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    table = []
    for line in lines[lines.index(heading) + 1 :]:
        if line.startswith("|"):
            table.append(line)
        elif table:
            break
    header, _rule, *rows = ([cell.strip() for cell in row.strip("|").split("|")] for row in table)
    assert header == ["entity", "kind", "notes"]
    found: set[tuple[str, str]] = set()
    for names, kind, _notes in rows:
        platform = KINDS[kind.split(" (")[0]]
        found.update((platform, name) for name in names.split(", "))
    return found


def _core_name(platform: str, device_class: str) -> str:
    strings = json.loads((CORE_COMPONENTS / platform / "translations" / "en.json").read_text())
    name: str = strings["entity_component"][device_class]["name"]
    return name


def _description_names(platform: str, call: ast.Call) -> set[str]:
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    where = f"{platform}.py line {call.lineno}"
    if (key := keywords.get("translation_key")) is not None:
        if not isinstance(key, ast.Constant):
            assert platform in SETTING_KEYS, f"{where}: translation key not a literal"
            return {EN["entity"][platform][setting]["name"] for setting in SETTING_KEYS[platform]}
        name: str = EN["entity"][platform][key.value]["name"]
        return {name}
    device_class = keywords.get("device_class")
    assert isinstance(device_class, ast.Attribute), f"{where}: neither translation key nor class"
    return {_core_name(platform, device_class.attr.lower())}


def ui_entities(
    directory: Path = INTEGRATION, platforms: tuple[str, ...] = PLATFORMS
) -> set[tuple[str, str]]:
    """(platform, name) of every entity the code in ``directory`` can create."""
    found: set[tuple[str, str]] = set()
    for platform in platforms:
        tree = ast.parse((directory / f"{platform}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id.endswith("EntityDescription")
            ):
                found.update(
                    (platform, _numbered(name)) for name in _description_names(platform, node)
                )
    return found


def test_readme_names_every_entity_as_the_ui_does() -> None:
    readme, ui = readme_entities(), ui_entities()
    assert ("button", "Identify") in ui
    assert sorted(ui - readme) == [], "in the UI, missing from the README's entities table"
    assert sorted(readme - ui) == [], "in the README's entities table, not in the UI"


def test_readme_names_every_fleet_entity_as_the_ui_does() -> None:
    readme, ui = readme_entities(FLEET_HEADING), ui_entities(FLEET, FLEET_PLATFORMS)
    assert ("number", "Power budget") in ui
    assert sorted(ui - readme) == [], "a fleet's, missing from the README's fleet table"
    assert sorted(readme - ui) == [], "in the README's fleet table, not in the UI"


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_created_entities_are_in_the_readme(
    hass: HomeAssistant, start_sim: SimFactory, family: str, entity_registry: er.EntityRegistry
) -> None:
    """What Home Assistant really names the entities of each family is what the README says."""
    miner = await set_up_family(hass, start_sim, FAMILIES[family])
    created = {
        (entry.domain, _numbered(entry.original_name or ""))
        for entry in er.async_entries_for_config_entry(entity_registry, miner.entry.entry_id)
    }
    assert created
    assert sorted(created - readme_entities()) == []
    assert sorted(created - ui_entities()) == []


def _registered_before(
    entity_registry: er.EntityRegistry, entry: Any, domain: str, key: str, object_id: str
) -> str:
    """An entity as an earlier version of the integration registered it."""
    return entity_registry.async_get_or_create(
        domain,
        DOMAIN,
        f"{entry.unique_id}_{key}",
        suggested_object_id=object_id,
        config_entry=entry,
    ).entity_id


async def test_renamed_entities_keep_their_entity_ids(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry
) -> None:
    """An installation from before the renames: same entity ids (history, automations),
    new names on the device page; nothing is added twice."""
    family: Family = S19PRO
    sim = await start_family(start_sim, family)
    entry = entry_for_family(sim, family)
    entry.add_to_hass(hass)
    hashing = _registered_before(
        entity_registry, entry, "binary_sensor", "mining", f"{family.prefix}_mining"
    )
    share = _registered_before(
        entity_registry,
        entry,
        "sensor",
        "percent_expected_hashrate",
        f"{family.prefix}_percent_of_expected_hashrate",
    )
    assert hashing == "binary_sensor.antminer_s19_pro_mining"
    assert share == "sensor.antminer_s19_pro_percent_of_expected_hashrate"

    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert hass.states.get(hashing).name == "Antminer S19 Pro Hashing"
    assert hass.states.get(share).name == "Antminer S19 Pro Share of expected hashrate"
    assert hass.states.get("switch.antminer_s19_pro_mining").name == "Antminer S19 Pro Mining"
    ids = {e.entity_id for e in er.async_entries_for_config_entry(entity_registry, entry.entry_id)}
    assert "binary_sensor.antminer_s19_pro_hashing" not in ids
    assert "sensor.antminer_s19_pro_share_of_expected_hashrate" not in ids
    assert entity_registry.async_get(hashing).unique_id == f"{format_mac(sim.mac)}_mining"
