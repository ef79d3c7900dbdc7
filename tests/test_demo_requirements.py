"""The demo (scripts/develop) runs Home Assistant with --skip-pip: every package that the
integrations it loads or imports need must be pinned in pyproject's `run` group, at Home
Assistant's own versions. This fails when a Home Assistant update adds or moves one."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path

import yaml
from homeassistant import bootstrap
from homeassistant.auth.mfa_modules import notify as mfa_notify
from homeassistant.auth.mfa_modules import totp as mfa_totp
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
COMPONENTS = Path(bootstrap.__file__).parent / "components"
# Set up at every start, whatever the configuration says.
ALWAYS = {"homeassistant", "persistent_notification", "logger", "network", "system_log", "recorder"}
# Started by the first config flow of an integration with dhcp matchers (ours has them).
ON_DEMAND = {"dhcp"}


def load_script(name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def manifest(domain: str) -> dict[str, object]:
    path = COMPONENTS / domain / "manifest.json"
    if not path.exists():
        path = ROOT / "custom_components" / domain / "manifest.json"
    return json.loads(path.read_text())


def demo_integrations() -> set[str]:
    """Default and configured integrations, with their dependencies."""
    configured = yaml.safe_load(load_script("demo_config").CONFIGURATION_YAML)
    todo = set(bootstrap.DEFAULT_INTEGRATIONS) | set(configured) | ALWAYS | ON_DEMAND
    todo |= {"asic_miner"}
    seen: set[str] = set()
    while todo:
        domain = todo.pop()
        if domain not in seen:
            seen.add(domain)
            todo |= set(manifest(domain).get("dependencies", []))
    return seen


def pins(requirements: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in requirements:
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"{line} is not pinned"
        out[canonicalize_name(req.name)] = spec.version
    return out


def run_group() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return pins(project["dependency-groups"]["run"])


def test_every_requirement_of_the_demo_is_pinned_in_the_run_group() -> None:
    needed: dict[str, str] = {}
    for domain in demo_integrations() - {"asic_miner"}:
        needed |= pins(list(manifest(domain).get("requirements", [])))
    needed |= pins(mfa_totp.REQUIREMENTS + mfa_notify.REQUIREMENTS)
    pinned = run_group()
    missing = {name: version for name, version in needed.items() if name not in pinned}
    differ = {
        name: (pinned[name], version)
        for name, version in needed.items()
        if name in pinned and pinned[name] != version
    }
    assert not missing, f"add to the run group: {missing}"
    assert not differ, f"run group pins differ from Home Assistant's (ours, theirs): {differ}"


def test_run_group_pins_agree_with_home_assistant_constraints() -> None:
    constraints = (COMPONENTS.parent / "package_constraints.txt").read_text().splitlines()
    theirs: dict[str, str] = {}
    for raw in constraints:
        line = raw.split("#")[0].strip()
        if "==" in line:
            name, _, version = line.partition("==")
            theirs[canonicalize_name(name)] = version.strip()
    differ = {
        name: (version, theirs[name])
        for name, version in run_group().items()
        if name in theirs and theirs[name] != version
    }
    assert not differ, f"(ours, package_constraints.txt): {differ}"


def test_the_demo_leaves_out_only_default_integrations() -> None:
    not_loaded = load_script("demo_hass").NOT_LOADED
    assert not_loaded <= bootstrap.DEFAULT_INTEGRATIONS
    # The UI, the Energy dashboard and History must stay.
    assert not not_loaded & {"frontend", "energy", "history", "recorder", "config"}
