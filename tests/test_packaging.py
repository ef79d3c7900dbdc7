"""What HACS and Home Assistant read before any code runs: manifest.json, hacs.json, pins."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import homeassistant.const

ROOT = Path(__file__).parent.parent
INTEGRATION = ROOT / "custom_components" / "asic_miner"
MANIFEST = json.loads((INTEGRATION / "manifest.json").read_text())
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())

# The keys HACS accepts in hacs.json; an unknown key fails its validation.
HACS_KEYS = {
    "name",
    "content_in_root",
    "zip_release",
    "filename",
    "hide_default_branch",
    "country",
    "homeassistant",
    "hacs",
    "persistent_directory",
    "render_readme",
}


def test_manifest_requirements_are_the_pinned_runtime_group() -> None:
    """Home Assistant installs what the manifest names; the tests run against the same pins."""
    runtime = PYPROJECT["dependency-groups"]["runtime"]
    assert sorted(MANIFEST["requirements"]) == sorted(runtime)
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][\w.]*", req) for req in runtime)


def test_manifest_keys_and_values_follow_home_assistant() -> None:
    keys = list(MANIFEST)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])
    assert MANIFEST["domain"] == "asic_miner"
    assert MANIFEST["config_flow"] is True
    assert MANIFEST["iot_class"] == "local_polling"
    assert MANIFEST["integration_type"] == "device"
    assert MANIFEST["version"] == PYPROJECT["project"]["version"]
    assert MANIFEST["documentation"].startswith("https://")
    assert MANIFEST["issue_tracker"].startswith("https://")


def test_hacs_json_names_the_tested_home_assistant() -> None:
    """The minimum version HACS enforces is the release the test harness installs."""
    hacs = json.loads((ROOT / "hacs.json").read_text())
    assert set(hacs) <= HACS_KEYS
    assert hacs["homeassistant"] == homeassistant.const.__version__
