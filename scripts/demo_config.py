"""Write (or refresh) the configuration directory of the demo Home Assistant.

Used by scripts/develop before every start. Run with the project's .venv, which has the
pinned Home Assistant:  .venv/bin/python scripts/demo_config.py DIR --port 8123

- configuration.yaml, written in a new directory only (delete it for the current one): the
  integrations the demo shows (no http: block: since 2026.8 Home Assistant treats a YAML
  http block as an unconfirmed trial and restarts after 5 minutes to revert it, leaving a
  "deprecated YAML" repair issue), and the helpers a fleet and a heater are tried with: a
  solar surplus faked with an input_number, and a simulated room the Avalon Mini 3 heats.
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

# The heater of the demo: the Avalon Mini 3 (127.0.1.41), a miner sold as a heater. While
# its heater is on, the fleet leaves it alone, so its draw is the heater's doing.
HEATER_POWER_SENSOR = "sensor.avalon_mini_3_power"

DEMO_HELPERS = f"""\

# The demo's stand-ins for the sensors a real home has.
input_number:
  # Set by hand (Settings -> Devices & services -> Helpers, or its entity's dialog): what
  # the solar panels produce beyond the house's use. A fleet follows sensor.solar_surplus.
  solar_surplus:
    name: Solar surplus (set by hand)
    unit_of_measurement: W
    min: 0
    max: 20000
    step: 100
    mode: box
    icon: mdi:solar-power
  outside_temperature:
    name: Outside temperature
    unit_of_measurement: "°C"
    min: -20
    max: 35
    step: 0.5
    mode: box
    initial: 5
    icon: mdi:thermometer

template:
  # A power sensor made from the input_number: what a fleet's "follow a sensor" option and
  # the Energy dashboard take (an input_number has no device class).
  - sensor:
      - name: Solar surplus
        unique_id: asic_miner_demo_solar_surplus
        device_class: power
        state_class: measurement
        unit_of_measurement: W
        availability: "{{{{ has_value('input_number.solar_surplus') }}}}"
        state: "{{{{ states('input_number.solar_surplus') | float }}}}"

  # A room the Mini 3 heats, one heat balance step every 10 s:
  #   T' = T + dt / C * (P - k * (T - T_out))
  # T: this sensor (°C; 18 at the first step), T_out: input_number.outside_temperature,
  # P: the Mini 3's power sensor (W; 0 while it is unknown, e.g. before the miner is added),
  # dt = 10 s, k = 40 W/K (the room's losses to outside), C = 24000 J/K (the room's heat
  # capacity, made tiny so that the demo moves: about half a degree a minute at 800 W; a
  # real room is ~100 times slower). Steady state: T_out + P / k (5 + 824 / 40 = 25.6 °C).
  - trigger:
      - trigger: time_pattern
        seconds: "/10"
    sensor:
      - name: Demo room temperature
        unique_id: asic_miner_demo_room_temperature
        device_class: temperature
        state_class: measurement
        unit_of_measurement: "°C"
        state: >
          {{% set dt, k, c = 10, 40, 24000 %}}
          {{% set t = this.state | float(18) %}}
          {{% set t_out = states('input_number.outside_temperature') | float(5) %}}
          {{% set p = states('{HEATER_POWER_SENSOR}') | float(0) %}}
          {{{{ (t + dt / c * (p - k * (t - t_out))) | round(2) }}}}
"""

CONFIGURATION_YAML = (
    """\
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
    + DEMO_HELPERS
)

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
