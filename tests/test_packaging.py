"""What HACS and Home Assistant read before any code runs (manifest.json, hacs.json, pins),
and what a release needs: one version everywhere, a changelog entry, the license, the
validators' workflow."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import homeassistant.const
import pytest
import yaml
from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
from homeassistant.core import DOMAIN as HOMEASSISTANT_DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component

ROOT = Path(__file__).parent.parent
INTEGRATION = ROOT / "custom_components" / "asic_miner"
MANIFEST = json.loads((INTEGRATION / "manifest.json").read_text())
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())

# The keys HACS accepts in hacs.json and their types (HACS's HACS_MANIFEST_JSON_SCHEMA,
# custom_components/hacs/utils/validate.py); an unknown key fails its validation. "country"
# (a code or a list of codes) is left out: we do not restrict the integration to a country.
HACS_KEYS: dict[str, type] = {
    "name": str,
    "content_in_root": bool,
    "zip_release": bool,
    "filename": str,
    "hide_default_branch": bool,
    "homeassistant": str,
    "hacs": str,
    "persistent_directory": str,
    "render_readme": bool,
}
# The manifest keys HACS requires of an integration.
HACS_MANIFEST_KEYS = {"codeowners", "documentation", "domain", "issue_tracker", "name", "version"}
# The version schemes Home Assistant takes in a custom integration's manifest (loader.py);
# any other version and it refuses to load the integration.
HOME_ASSISTANT_VERSION_STRATEGIES = [
    AwesomeVersionStrategy.CALVER,
    AwesomeVersionStrategy.SEMVER,
    AwesomeVersionStrategy.SIMPLEVER,
    AwesomeVersionStrategy.BUILDVER,
    AwesomeVersionStrategy.PEP440,
]
VERSION = PYPROJECT["project"]["version"]


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
    assert MANIFEST["documentation"].startswith("https://")
    assert MANIFEST["issue_tracker"].startswith("https://")


def test_manifest_and_pyproject_name_one_version() -> None:
    """Home Assistant shows the manifest's version, HACS the release tag vX.Y.Z: one number."""
    assert MANIFEST["version"] == VERSION
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION), "a release version is X.Y.Z"
    # Home Assistant refuses to load a custom integration whose version it cannot read.
    AwesomeVersion(VERSION, ensure_strategy=HOME_ASSISTANT_VERSION_STRATEGIES)


def test_manifest_has_what_hacs_requires() -> None:
    assert set(MANIFEST) >= HACS_MANIFEST_KEYS
    assert MANIFEST["codeowners"]
    assert all(owner.startswith("@") for owner in MANIFEST["codeowners"])


def test_hacs_json_is_valid_for_hacs() -> None:
    """The minimum version HACS enforces is the release the test harness installs."""
    hacs = json.loads((ROOT / "hacs.json").read_text())
    assert set(hacs) <= set(HACS_KEYS), f"unknown to HACS: {set(hacs) - set(HACS_KEYS)}"
    for key, value in hacs.items():
        assert isinstance(value, HACS_KEYS[key]), f"hacs.json {key}: {value!r}"
    assert hacs["name"] == MANIFEST["name"]
    assert hacs["homeassistant"] == homeassistant.const.__version__
    # The README is what HACS shows (there is no info.md).
    assert hacs["render_readme"] is True
    assert (ROOT / "README.md").is_file()


def _changelog_releases() -> list[tuple[str, str]]:
    """(version, date) of each released entry, newest first."""
    text = (ROOT / "CHANGELOG.md").read_text()
    headings = re.findall(r"^## \[([^\]]+)\](.*)$", text, flags=re.MULTILINE)
    releases = []
    for name, rest in headings:
        if name == "Unreleased":
            continue
        date = re.fullmatch(r" - (\d{4}-\d{2}-\d{2})", rest)
        assert date, f"CHANGELOG: ## [{name}] needs ' - YYYY-MM-DD'"
        releases.append((name, date.group(1)))
    return releases


def test_changelog_has_an_entry_for_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text()
    releases = _changelog_releases()
    assert releases, "CHANGELOG.md has no released version"
    assert releases[0][0] == VERSION, "the newest CHANGELOG entry is the current version"
    assert [date for _, date in releases] == sorted((date for _, date in releases), reverse=True)
    entry = text.split(f"## [{VERSION}]", 1)[1].split("\n## [", 1)[0]
    assert re.search(r"^- ", entry, flags=re.MULTILINE), "the entry lists its changes"
    assert re.search(rf"^\[{re.escape(VERSION)}\]: https://\S+/v{re.escape(VERSION)}$", text, re.M)


def test_license_is_the_one_pyproject_names() -> None:
    """HACS refuses a repository without a license."""
    assert PYPROJECT["project"]["license"] == "Apache-2.0"
    text = (ROOT / "LICENSE").read_text()
    assert text.split()[:5] == ["Apache", "License", "Version", "2.0,", "January"]
    assert "END OF TERMS AND CONDITIONS" in text


def test_validate_workflow_runs_hassfest_and_hacs() -> None:
    """The workflow runs on GitHub only; a typo here would show there first."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "validate.yaml").read_text())
    # YAML 1.1 reads the key "on" as True.
    triggers = workflow[True]
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = {step["uses"].split("@")[0]: step for step in steps}
    assert "home-assistant/actions/hassfest" in uses
    assert uses["hacs/action"]["with"]["category"] == "integration"


def test_config_schema_is_where_hassfest_looks() -> None:
    """hassfest's config_schema check reads __init__.py's top-level statements: an
    integration with async_setup must assign or import CONFIG_SCHEMA there."""
    module = ast.parse((INTEGRATION / "__init__.py").read_text())
    assigned = {
        target.id
        for item in module.body
        if isinstance(item, ast.Assign)
        for target in item.targets
        if isinstance(target, ast.Name)
    }
    assert "CONFIG_SCHEMA" in assigned


@pytest.mark.usefixtures("enable_custom_integrations")
async def test_yaml_configuration_is_reported_not_loaded(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    """An asic_miner: block in configuration.yaml gets Home Assistant's own log line and
    repair issue for integrations set up in the UI only."""
    assert await async_setup_component(hass, "asic_miner", {"asic_miner": {"host": "127.0.0.1"}})
    assert "The asic_miner integration does not support YAML setup" in caplog.text
    issue = ir.async_get(hass).async_get_issue(HOMEASSISTANT_DOMAIN, "config_entry_only_asic_miner")
    assert issue is not None
    assert issue.translation_key == "config_entry_only"
    assert not hass.config_entries.async_entries("asic_miner")
