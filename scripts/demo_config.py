"""Write (or refresh) the configuration directory of the demo Home Assistant.

Used by scripts/develop before every start. Run with the project's .venv, which has the
pinned Home Assistant:  .venv/bin/python scripts/demo_config.py DIR --port 8123

- configuration.yaml: the integrations the demo shows (no http: block: since 2026.8 Home
  Assistant treats a YAML http block as an unconfirmed trial and restarts after 5 minutes to
  revert it, leaving a "deprecated YAML" repair issue).
- .storage/http: the web server's confirmed ("stable") settings, on 127.0.0.1 and the chosen
  port, written with Home Assistant's own storage schema. Rewritten on every start, so a
  reused directory never falls back to listening on every address.
- an admin login and onboarding marked done, so the browser goes straight to the UI.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

CONFIGURATION_YAML = """\
homeassistant:
  name: ASIC miner development
  unit_system: metric
  time_zone: UTC
  country: US
  currency: USD
  language: en
frontend:
config:
energy:
history:
logbook:
logger:
  default: warning
  logs:
    custom_components.asic_miner: debug
"""

ONBOARDING_DONE = ["user", "core_config", "analytics", "integration"]


def write_http_store(config: Path, port: int) -> None:
    """The confirmed web-server settings: loopback only, the given port."""
    from homeassistant.components.http import config as http_config

    stable = dict(
        http_config.HTTP_STORAGE_SCHEMA({"server_host": ["127.0.0.1"], "server_port": port})
    )
    stable |= {"created_at": datetime.now(UTC).isoformat(), "error": None, "error_message": None}
    store = {
        "version": http_config.STORAGE_VERSION,
        "minor_version": http_config.STORAGE_MINOR_VERSION,
        "key": http_config.STORAGE_KEY,
        "data": {"stable": stable, "pending": None, "yaml_migration_done": True},
    }
    (config / ".storage" / http_config.STORAGE_KEY).write_text(json.dumps(store, indent=2))


def write_onboarding(config: Path) -> None:
    from homeassistant.components.onboarding import STORAGE_KEY, STORAGE_VERSION

    store = {
        "version": STORAGE_VERSION,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {"done": ONBOARDING_DONE},
    }
    (config / ".storage" / STORAGE_KEY).write_text(json.dumps(store))


def add_login(config: Path, user: str, password: str) -> None:
    """An owner-level admin, through Home Assistant's own auth script."""
    hass = Path(sys.executable).with_name("hass")
    subprocess.run(
        [str(hass), "--script", "auth", "-c", str(config), "add", user, password],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--user", default="dev")
    parser.add_argument("--password", default="dev")
    args = parser.parse_args()
    config: Path = args.config
    (config / ".storage").mkdir(parents=True, exist_ok=True)
    fresh = not (config / "configuration.yaml").exists()
    if fresh:
        (config / "configuration.yaml").write_text(CONFIGURATION_YAML)
        add_login(config, args.user, args.password)
        write_onboarding(config)
    write_http_store(config, args.port)


if __name__ == "__main__":
    main()
