"""Every text the integration can show has an English translation, and every icon a target.

Home Assistant shows a bare key (or nothing) where a translation is missing: flow errors and
aborts, exception messages, repair issues, entity names and select options are checked here
against the keys the code uses.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from custom_components.asic_miner.driver import PowerMode, SwitchKey
from custom_components.asic_miner.issues import WRITE_REFUSALS

INTEGRATION = Path(__file__).parents[2] / "custom_components" / "asic_miner"
EN = json.loads((INTEGRATION / "translations" / "en.json").read_text())
ICONS = json.loads((INTEGRATION / "icons.json").read_text())
# The fleet's platforms live in fleet/; their modules are named like the platforms.
MODULES = sorted(INTEGRATION.glob("*.py")) + sorted((INTEGRATION / "fleet").glob("*.py"))


def _calls(name: str) -> set[tuple[str, str]]:
    """(module, first string argument) of every call of ``name`` in the integration."""
    found = set()
    for module in MODULES:
        for node in ast.walk(ast.parse(module.read_text())):
            if (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Name) and node.func.id == name)
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == name)
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add((module.stem, node.args[0].value))
    return found


def _keywords(name: str) -> set[tuple[str, str]]:
    """(module, value) of every ``name="..."`` keyword argument in the integration."""
    found = set()
    for module in MODULES:
        for node in ast.walk(ast.parse(module.read_text())):
            if (
                isinstance(node, ast.keyword)
                and node.arg == name
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                found.add((module.stem, node.value.value))
    return found


PLATFORM_MODULES = {
    "binary_sensor",
    "button",
    "climate",
    "light",
    "number",
    "select",
    "sensor",
    "switch",
    "text",
}


def test_exceptions() -> None:
    keys = {
        key
        for module, key in _keywords("translation_key")
        if module not in PLATFORM_MODULES and module != "issues"
    }
    keys |= {key for _, key in _calls("_translated")}
    keys |= {key for _, key in WRITE_REFUSALS}
    assert keys
    assert keys <= set(EN["exceptions"])


def test_repair_issue_keys() -> None:
    keys = {key for module, key in _keywords("translation_key") if module == "issues"}
    keys |= {key for _, key in WRITE_REFUSALS}
    assert "unsupported_firmware" in keys
    assert keys <= set(EN["issues"])


def test_flow_errors_and_aborts() -> None:
    errors = {key for _, key in _calls("FlowError")} | {"invalid_auth"}
    assert errors <= set(EN["config"]["error"])
    reasons = {key for _, key in _keywords("reason")} | {
        "already_configured",
        "already_in_progress",
        "reauth_successful",
        "reconfigure_successful",
    }
    assert reasons <= set(EN["config"]["abort"])


def test_flow_steps() -> None:
    steps = {key for _, key in _keywords("step_id")} | {
        key for _, key in _calls("_async_login_step")
    }
    # The options flow has one step, "init"; progress steps show config.progress texts.
    steps -= {"init", "scan_progress"}
    assert steps <= set(EN["config"]["step"])
    for step in steps:
        assert set(EN["config"]["step"][step].get("data", {})) == set(
            EN["config"]["step"][step].get("data_description", {})
        )
    assert {key for _, key in _keywords("progress_action")} <= set(EN["config"]["progress"])
    for step in EN["options"]["step"].values():  # the miners' "init", the fleets' "fleet"
        assert set(step["data"]) == set(step["data_description"])


def test_repair_issues() -> None:
    for _, key in WRITE_REFUSALS:
        issue = EN["issues"][key]
        assert {"title", "description"} <= set(issue)


@pytest.mark.parametrize("platform", sorted(PLATFORM_MODULES))
def test_entity_names(platform: str) -> None:
    keys = {key for module, key in _keywords("translation_key") if module == platform}
    if platform == "switch":  # the settings' switches take their key as translation key
        keys |= set(SwitchKey)
    assert keys <= set(EN["entity"].get(platform, {}))
    assert set(ICONS["entity"].get(platform, {})) <= keys


def test_power_mode_options() -> None:
    states: dict[str, Any] = EN["entity"]["select"]["power_mode"]["state"]
    assert set(states) == {mode.value for mode in PowerMode}
