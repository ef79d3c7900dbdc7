"""Constants for the ASIC Miner integration."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

DOMAIN: Final = "asic_miner"
LOGGER = logging.getLogger(__package__)

SCAN_INTERVAL: Final = timedelta(seconds=30)
# While a miner refuses changes (repair issue), its login is checked again this often.
LOGIN_RECHECK_INTERVAL: Final = timedelta(minutes=10)

# Used for the power limit number when the model table does not know the model: wide
# enough for the largest air and hydro models (an M63 takes up to 9.6 kW), and no wider
# than the driver takes for an unknown model.
DEFAULT_MIN_POWER_LIMIT: Final = 500
DEFAULT_MAX_POWER_LIMIT: Final = 12000
