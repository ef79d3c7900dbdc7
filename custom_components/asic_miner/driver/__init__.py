"""asic_miner driver: a typed asyncio client for ASIC bitcoin miners.

No Home Assistant imports: usable on its own, as ``python -m custom_components.asic_miner.driver``.
"""

from .config import (
    FanConfig,
    FanMode,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
    PowerMode,
)
from .credentials import DEFAULT_CREDENTIALS, Credentials, Firmware
from .data import Fan, HashBoard, MinerData, MinerError, Pool
from .errors import (
    AsicMinerError,
    ConnectionDroppedError,
    DefaultPasswordInUse,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerNotFoundError,
    MinerProtocolError,
    MinerRefusedError,
    MinerTimeoutError,
    PermissionDenied,
    TokenLimitReached,
    UnsupportedOperation,
    WriteAccessDenied,
    WriteApiDisabled,
    WriteApiLockedByDefaultPassword,
)
from .identify import find_miner, get_miner
from .miner import DEFAULT_TIMEOUT, Capability, Miner
from .pool_url import url_without_credentials
from .scan import ScanResult, parse_targets, scan

__all__ = [
    "DEFAULT_CREDENTIALS",
    "DEFAULT_TIMEOUT",
    "AsicMinerError",
    "Capability",
    "ConnectionDroppedError",
    "Credentials",
    "DefaultPasswordInUse",
    "Fan",
    "FanConfig",
    "FanMode",
    "Firmware",
    "HashBoard",
    "Miner",
    "MinerAuthenticationError",
    "MinerCommandError",
    "MinerConfig",
    "MinerConnectionError",
    "MinerData",
    "MinerError",
    "MinerNotFoundError",
    "MinerProtocolError",
    "MinerRefusedError",
    "MinerTimeoutError",
    "MiningMode",
    "MiningModeConfig",
    "PermissionDenied",
    "Pool",
    "PoolConfig",
    "PowerMode",
    "ScanResult",
    "TokenLimitReached",
    "UnsupportedOperation",
    "WriteAccessDenied",
    "WriteApiDisabled",
    "WriteApiLockedByDefaultPassword",
    "find_miner",
    "get_miner",
    "parse_targets",
    "scan",
    "url_without_credentials",
]
