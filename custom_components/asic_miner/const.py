"""Constants for the ASIC Miner integration."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

DOMAIN: Final = "asic_miner"
LOGGER = logging.getLogger(__package__)

SCAN_INTERVAL: Final = timedelta(seconds=30)

# Used for the power limit number when the driver knows no range for the model:
# wide enough for the largest air and hydro models (an M63 draws ~9.6 kW).
DEFAULT_MIN_POWER_LIMIT: Final = 100
DEFAULT_MAX_POWER_LIMIT: Final = 15000
