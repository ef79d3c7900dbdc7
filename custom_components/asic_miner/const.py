"""Constants for the ASIC Miner integration."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

DOMAIN: Final = "asic_miner"
LOGGER = logging.getLogger(__package__)

SCAN_INTERVAL: Final = timedelta(seconds=30)
# How long one request to a miner may take (identification and every poll read).
MINER_TIMEOUT: Final = 10.0
# While a miner refuses changes (repair issue), its login is checked again this often.
LOGIN_RECHECK_INTERVAL: Final = timedelta(minutes=10)
# Which firmware answers is asked again this often (a miner reflashed with other firmware
# gets the backend of its new firmware: the entry reloads), and after polls have failed
# for this long.
REIDENTIFY_INTERVAL: Final = timedelta(hours=1)
REIDENTIFY_AFTER_FAILURES: Final = timedelta(minutes=5)

# Used for the power limit number when the model table does not know the model: wide
# enough for the largest air and hydro models (an M63 takes up to 9.6 kW), and no wider
# than the driver takes for an unknown model.
DEFAULT_MIN_POWER_LIMIT: Final = 500
DEFAULT_MAX_POWER_LIMIT: Final = 12000

# entry.data: the miner's SSH host key (OpenSSH public key text), pinned on first use.
CONF_SSH_HOST_KEY: Final = "ssh_host_key"

# Options (entry.options), set in the options flow.
# The poll interval in seconds (Home Assistant's "scan_interval" key).
CONF_SCAN_INTERVAL: Final = "scan_interval"
MIN_SCAN_INTERVAL: Final = 10
MAX_SCAN_INTERVAL: Final = 600
DEFAULT_SCAN_INTERVAL: Final = int(SCAN_INTERVAL.total_seconds())
# Which optional entity groups to create: a list holding some of ENTITY_GROUPS.
CONF_ENTITY_GROUPS: Final = "entity_groups"
ENTITY_GROUP_BOARDS: Final = "boards"  # per-hashboard sensors
ENTITY_GROUP_FANS: Final = "fans"  # per-fan sensors
ENTITY_GROUP_POOLS: Final = "pools"  # pool and share sensors
ENTITY_GROUPS: Final = (ENTITY_GROUP_BOARDS, ENTITY_GROUP_FANS, ENTITY_GROUP_POOLS)
DEFAULT_ENTITY_GROUPS: Final = ENTITY_GROUPS  # all, when the option was never set

# entry.data: what the entry is. Miner entries (every entry before fleets) have no key.
CONF_ENTRY_TYPE: Final = "entry_type"
ENTRY_TYPE_FLEET: Final = "fleet"

# Fleet options (entry.options of a fleet entry).
CONF_MEMBERS: Final = "members"  # miner config entry ids (all miners when created)
CONF_BUDGET_SENSOR: Final = "budget_sensor"  # entity the budget follows (optional)
CONF_BUDGET_SENSOR_KIND: Final = "budget_sensor_kind"  # one of BUDGET_SENSOR_KINDS
BUDGET_SENSOR_EXPORT: Final = "export"  # grid export, positive when exporting
BUDGET_SENSOR_GRID: Final = "grid"  # grid power, positive importing, negative exporting
BUDGET_SENSOR_SURPLUS: Final = "surplus"  # the power free to spend, as it is
BUDGET_SENSOR_KINDS: Final = (BUDGET_SENSOR_EXPORT, BUDGET_SENSOR_GRID, BUDGET_SENSOR_SURPLUS)
CONF_SMOOTHING: Final = "smoothing"  # s: the followed sensor is averaged over this window
DEFAULT_SMOOTHING: Final = 300
CONF_PRICE_SENSOR: Final = "price_sensor"
CONF_PRICE_STOP: Final = "price_stop"  # members stop above this price
CONF_PRICE_START: Final = "price_start"  # and start again below this one
CONF_HYSTERESIS: Final = "hysteresis"  # W
DEFAULT_HYSTERESIS: Final = 100
CONF_MIN_ON: Final = "min_on"  # s
DEFAULT_MIN_ON: Final = 600
CONF_MIN_OFF: Final = "min_off"  # s
DEFAULT_MIN_OFF: Final = 300
# How often the fleet is read (from its members' coordinators) and its plan made again.
FLEET_INTERVAL: Final = timedelta(seconds=30)

# Miner option: the room temperature sensor its heater (climate entity) holds.
CONF_ROOM_SENSOR: Final = "room_temperature_sensor"
