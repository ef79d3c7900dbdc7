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
